/**
 * Every switch of the world, each with what it changes and why it matters,
 * drawn from the settings schema (sandbox-controls.ts). A change applies at
 * once and is a recorded step (step back to undo it).
 */
import { useState } from 'react';
import { useLab } from '../../app/lab-store';
import type { WorldConfig } from '../../sim/config';
import { settingPatch, settingValue, type Setting } from '../../sim/settings/setting-list';
import type { World } from '../../sim/world';
import { SANDBOX_GROUPS, changeLabel, controlId, controlLabel, readNumber, shownNumber } from './sandbox-controls';

interface ControlProps {
  setting: Setting;
  config: WorldConfig;
  disabled: boolean;
}

/** The explanation under a control, and the name lessons and links use for the setting. */
function Hint({ setting }: { setting: Setting }) {
  return (
    <small id={`${controlId(setting)}-hint`}>
      {setting.info.explain} <code>{setting.key}</code>
    </small>
  );
}

function NumberField({ setting, config, disabled }: ControlProps) {
  const configure = useLab((s) => s.configure);
  const [draft, setDraft] = useState<string | null>(null);
  if (setting.info.kind !== 'number') return null;
  const id = controlId(setting);
  const typed = draft ?? shownNumber(setting.info, settingValue(setting, config) as number);
  const read = readNumber(setting, typed);
  const problem = 'problem' in read ? read.problem : null;
  const apply = () => {
    if (!('value' in read) || draft === null) return;
    setDraft(null);
    void configure(settingPatch(setting, read.value), changeLabel(setting, read.value));
  };
  return (
    <div className="setting">
      <label htmlFor={id}>{controlLabel(setting)}</label>
      <input
        id={id}
        inputMode="decimal"
        value={typed}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      {problem && (
        <span id={`${id}-problem`} role="alert" className="error">
          {problem}
        </span>
      )}
      <Hint setting={setting} />
    </div>
  );
}

function ChoiceField({ setting, config, disabled }: ControlProps) {
  const configure = useLab((s) => s.configure);
  if (setting.info.kind !== 'choice') return null;
  const id = controlId(setting);
  return (
    <div className="setting">
      <label htmlFor={id}>{controlLabel(setting)}</label>
      <select id={id} value={String(settingValue(setting, config))} disabled={disabled} aria-describedby={`${id}-hint`} onChange={(e) => void configure(settingPatch(setting, e.target.value), changeLabel(setting, e.target.value))}>
        {setting.info.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
      <Hint setting={setting} />
    </div>
  );
}

function ToggleField({ setting, config, disabled }: ControlProps) {
  const configure = useLab((s) => s.configure);
  return (
    <div className="setting">
      <label>
        <input
          type="checkbox"
          checked={settingValue(setting, config) === true}
          disabled={disabled}
          aria-describedby={`${controlId(setting)}-hint`}
          onChange={(e) => void configure(settingPatch(setting, e.target.checked), changeLabel(setting, e.target.checked))}
        />{' '}
        {controlLabel(setting)}
      </label>
      <Hint setting={setting} />
    </div>
  );
}

const FIELDS = { number: NumberField, choice: ChoiceField, flag: ToggleField, text: () => null } as const;

export function Sandbox({ world }: { world: World }) {
  const busy = useLab((s) => s.busy);
  const config = world.config;
  return (
    <details className="pane sandbox">
      <summary>
        <h2>Sandbox: every switch</h2>
      </summary>
      {SANDBOX_GROUPS.map((group) => (
        <fieldset key={group.section} className={`settings${group.section === 'vulnerable' ? ' vulnerable' : ''}`}>
          <legend>{group.title}</legend>
          {group.settings.map((setting) => {
            const Field = FIELDS[setting.info.kind];
            return <Field key={setting.key} setting={setting} config={config} disabled={busy} />;
          })}
        </fieldset>
      ))}
    </details>
  );
}

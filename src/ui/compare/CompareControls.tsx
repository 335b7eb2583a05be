/**
 * What to do to both shops: a named sequence (fresh worlds, then every step),
 * one action at a time, and the configuration both worlds share.
 */
import { useCompare } from '../../app/compare-store';
import { COMPARE_ACTIONS, COMPARE_SEQUENCES, sequenceAbout, stepLabel } from '../../app/compare-sequences';
import { patchOf } from '../../app/url-state';
import { mergePatches } from '../../sim/config';
import { findSetting, settingPatch, settingValue, type Setting } from '../../sim/settings/setting-list';

/** The settings both worlds share that matter most to the comparison, as the schema defines them. */
const SETTINGS = ['jwt.revocation', 'jwt.alg', 'deployment.sessionStore', 'deployment.lbPolicy', 'deployment.nodes'].map((key) => findSetting(key)!);

/** A choice's options, or every whole number a count allows. */
function optionsOf(setting: Setting): string[] {
  const info = setting.info;
  if (info.kind === 'choice') return [...info.options];
  if (info.kind === 'number') return Array.from({ length: info.max - info.min + 1 }, (_, i) => String(info.min + i));
  return [];
}

const parse = (setting: Setting, raw: string): unknown => (setting.info.kind === 'number' ? Number(raw) : raw);

export function CompareControls() {
  const { session, busy, open, runSequence, act } = useCompare();
  if (!session) return null;
  const current = session.world.config;
  // Changes start from what the worlds run now (a sequence's own settings included).
  const base = patchOf(current);
  return (
    <section className="pane compare-controls" aria-labelledby="compare-controls-title">
      <h3 id="compare-controls-title">Run the same thing against both shops</h3>
      <div role="group" aria-label="Sequences" className="sequences">
        {COMPARE_SEQUENCES.map((sequence) => (
          <div key={sequence.id} className="sequence">
            <button type="button" disabled={busy} aria-describedby={`seq-${sequence.id}`} onClick={() => void runSequence(sequence.id)}>
              ▶ {sequence.title}
            </button>
            <small id={`seq-${sequence.id}`}>{sequenceAbout(sequence, current)}</small>
          </div>
        ))}
      </div>
      <div role="group" aria-label="One action on both shops" className="buttons">
        {COMPARE_ACTIONS.map((step) => (
          <button key={stepLabel(step)} type="button" disabled={busy} onClick={() => void act(step)}>
            {stepLabel(step)}
          </button>
        ))}
      </div>
      <fieldset className="compare-config" disabled={busy}>
        <legend>Configuration of both worlds (a change starts them afresh)</legend>
        {SETTINGS.map((setting) => (
          <div className="setting" key={setting.key}>
            <label htmlFor={`cmp-${setting.key}`}>{setting.info.label}</label>
            <select id={`cmp-${setting.key}`} value={String(settingValue(setting, current))} onChange={(e) => void open(mergePatches(base, settingPatch(setting, parse(setting, e.target.value))))}>
              {optionsOf(setting).map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </div>
        ))}
        <button type="button" onClick={() => void open(base)}>
          Start both afresh
        </button>
      </fieldset>
    </section>
  );
}

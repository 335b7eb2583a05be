/**
 * The Sandbox's controls, derived from the settings schema (src/sim/config.ts):
 * one group per section in schema order, one control per setting a learner
 * may change there, each with its label, unit and explanation. Pure, so a
 * unit test can check that nothing is left out.
 */
import * as v from 'valibot';
import type { Section } from '../../sim/config';
import { formatSettingValue, type SettingInfo } from '../../sim/settings/setting-kinds';
import { settingsOf, type Setting } from '../../sim/settings/setting-list';

export interface SandboxGroup {
  section: Section;
  title: string;
  settings: Setting[];
}

const TITLES: Record<Section, string> = {
  session: 'Session cookie',
  jwt: 'JWT',
  deployment: 'Deployment',
  vulnerable: 'Vulnerable switches (off in a safe shop)',
};

export const SANDBOX_GROUPS: readonly SandboxGroup[] = (Object.keys(TITLES) as Section[]).map((section) => ({
  section,
  title: TITLES[section],
  settings: settingsOf(section).filter((s) => s.info.place === 'sandbox'),
}));

/** An HTML id for a setting's control. */
export const controlId = (setting: Setting): string => `setting-${setting.key.replace('.', '-')}`;

type NumberInfo = Extract<SettingInfo, { kind: 'number' }>;

/** A number's label with the unit the Sandbox shows it in: "Session idle timeout (min)". */
export function controlLabel(setting: Setting): string {
  const unit = setting.info.kind === 'number' ? setting.info.display.unit : '';
  return unit ? `${setting.info.label} (${unit})` : setting.info.label;
}

/** A stored number as the Sandbox shows it (ms in minutes: 90000 → "1.5"), precise enough to read back exactly. */
export function shownNumber(info: NumberInfo, stored: number): string {
  return String(Number((stored / info.display.scale).toPrecision(12)));
}

/**
 * What the learner typed, in the shown unit, as the stored value, checked by
 * the setting's schema; or what to enter instead.
 */
export function readNumber(setting: Setting, typed: string): { value: number } | { problem: string } {
  const info = setting.info as NumberInfo;
  const shown = typed.trim() === '' ? Number.NaN : Number(typed);
  const exact = shown * info.display.scale;
  // 0.1 min is 6000.000000000001 ms in floating point: round what is a whole number but for that.
  const stored = Math.abs(exact - Math.round(exact)) < 1e-6 ? Math.round(exact) : exact;
  if (v.is(setting.schema, stored)) return { value: stored };
  const [min, max] = [formatSettingValue(info, info.min), formatSettingValue(info, info.max)];
  if (info.display.scale === 1) return { problem: `Enter a whole number from ${info.min} to ${info.max}` };
  return { problem: `Enter a number of ${info.display.unit} from ${min} to ${max}` };
}

/** The step's name in the history: "Nodes = 2", "JWT revocation = none", "Verifier skips exp on". */
export function changeLabel(setting: Setting, value: unknown): string {
  const info = setting.info;
  if (info.kind === 'flag') return `${info.label} ${value ? 'on' : 'off'}`;
  return `${info.label} = ${formatSettingValue(info, value)}`;
}

/**
 * The building blocks of the settings schema (src/sim/config.ts). Each
 * makes the valibot schema of one setting — its type and limits — and
 * attaches, as valibot metadata, everything else the app derives from it:
 * the default, the Sandbox label (`v.title`), the one-line explanation for
 * learners (`v.description`), the display unit, and where a learner may
 * change it. `settingInfo` reads it all back.
 */
import * as v from 'valibot';
import { DAY, HOUR, MINUTE } from '../clock';

/**
 * Where a learner changes a setting:
 * - `sandbox`: a Sandbox control, and a shared link carries it;
 * - `style`: the auth-style switch above the Sandbox (the link's `auth`);
 * - `lessons`: only a lesson's `world:` or `config:`; the Sandbox and links keep the default.
 */
export type SettingPlace = 'sandbox' | 'style' | 'lessons';

interface Described {
  /** The control's label in the Sandbox, and the setting's name in the docs. */
  label: string;
  /** One sentence for learners: what the setting changes and why it matters. */
  explain: string;
  place?: SettingPlace;
}

interface Common {
  label: string;
  explain: string;
  place: SettingPlace;
}

/** A number as the Sandbox shows it: `unit`, each `scale` stored units (ms shown in min: `{ unit: 'min', scale: 60_000 }`). */
export interface DisplayUnit {
  unit: string;
  scale: number;
}

export type SettingInfo = Common &
  (
    | { kind: 'flag'; default: boolean }
    | { kind: 'choice'; default: string; options: readonly string[] }
    | { kind: 'number'; default: number; min: number; max: number; unit: 'ms' | 's' | ''; display: DisplayUnit }
    | { kind: 'text'; default: string }
  );

type Meta<K extends SettingInfo['kind']> = Omit<Extract<SettingInfo, { kind: K }>, 'label' | 'explain'>;

const place = (info: Described): SettingPlace => info.place ?? 'sandbox';

/** On or off. */
export function flag(info: Described & { default: boolean }) {
  const meta: Meta<'flag'> = { kind: 'flag', default: info.default, place: place(info) };
  return v.pipe(v.boolean('must be true or false'), v.title(info.label), v.description(info.explain), v.metadata(meta));
}

/** One of a fixed list of words. */
export function choice<const T extends readonly [string, ...string[]]>(options: T, info: Described & { default: T[number] }) {
  const meta: Meta<'choice'> = { kind: 'choice', default: info.default, options, place: place(info) };
  return v.pipe(v.picklist(options, `must be one of ${options.join(', ')}`), v.title(info.label), v.description(info.explain), v.metadata(meta));
}

/** A whole number of `unit` from `min` to `max`, shown in the Sandbox in `display` (default: as stored). */
export function wholeNumber(info: Described & { default: number; min: number; max: number; unit: 'ms' | 's' | ''; display?: DisplayUnit }) {
  const { min, max, unit } = info;
  const message = `must be a whole number from ${min} to ${max}${unit ? ` (${unit})` : ''}`;
  const meta: Meta<'number'> = { kind: 'number', default: info.default, min, max, unit, display: info.display ?? { unit, scale: 1 }, place: place(info) };
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message), v.title(info.label), v.description(info.explain), v.metadata(meta));
}

/** Display units for times kept in ms. */
export const IN_MINUTES: DisplayUnit = { unit: 'min', scale: MINUTE };
export const IN_HOURS: DisplayUnit = { unit: 'h', scale: HOUR };

/** Free text that must not be empty. */
export function text(info: Described & { default: string }) {
  const meta: Meta<'text'> = { kind: 'text', default: info.default, place: place(info) };
  return v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.title(info.label), v.description(info.explain), v.metadata(meta));
}

/** Any schema made by the builders above. */
export type SettingSchema = ReturnType<typeof flag> | ReturnType<typeof choice> | ReturnType<typeof wholeNumber> | ReturnType<typeof text>;

/** Everything a setting's schema says about it besides its type. */
export function settingInfo(schema: v.GenericSchema): SettingInfo {
  const meta = v.getMetadata(schema) as Omit<SettingInfo, 'label' | 'explain'>;
  if (!('kind' in meta)) throw new TypeError('Not a setting schema: build it with flag, choice, wholeNumber or text (setting-kinds.ts)');
  return { ...meta, label: v.getTitle(schema) ?? '', explain: v.getDescription(schema) ?? '' } as SettingInfo;
}

/** A stored value in words: `15 min`, `1 day`, `5 s`, `true`, `Lax`. */
export function formatSettingValue(info: SettingInfo, value: unknown): string {
  if (info.kind !== 'number' || typeof value !== 'number') return String(value);
  const ms = info.unit === 'ms' ? value : info.unit === 's' ? value * 1000 : undefined;
  if (ms === undefined || ms === 0) return `${value}${info.unit ? ` ${info.unit}` : ''}`;
  if (ms % DAY === 0) return `${ms / DAY} day${ms === DAY ? '' : 's'}`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The defaults of a section (a strict object of settings), as that object. */
export function defaultsOf<S extends v.StrictObjectSchema<v.ObjectEntries, undefined>>(section: S): v.InferOutput<S> {
  const entries = Object.entries(section.entries).map(([name, schema]) => [name, settingInfo(schema).default]);
  return Object.fromEntries(entries) as v.InferOutput<S>;
}

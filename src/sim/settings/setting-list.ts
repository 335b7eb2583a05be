/**
 * The settings schema (src/sim/config.ts) as a flat list, in its order: what
 * the URL codec, the Sandbox and the docs walk. Each entry knows its
 * dotted name (`session.idleTimeoutMs`, the name lessons and links use),
 * how to read it from a config and how to write it as a patch.
 */
import * as v from 'valibot';
import { SECTIONS, authStyleSetting, worldConfigSchema, type ConfigPatch, type Section, type WorldConfig } from '../config';
import { settingInfo, type SettingInfo } from './setting-kinds';

export interface Setting {
  /** `authStyle`, or `<section>.<name>`: the name in lessons and links. */
  key: string;
  /** Undefined for `authStyle`, the one top-level setting. */
  section?: Section;
  name: string;
  schema: v.GenericSchema;
  info: SettingInfo;
}

export const SETTINGS: readonly Setting[] = [
  { key: 'authStyle', name: 'authStyle', schema: authStyleSetting, info: settingInfo(authStyleSetting) },
  ...SECTIONS.flatMap((section) =>
    Object.entries(worldConfigSchema.entries[section].entries).map(([name, schema]): Setting => ({ key: `${section}.${name}`, section, name, schema, info: settingInfo(schema) })),
  ),
];

/** The settings of one section, in schema order. */
export const settingsOf = (section: Section): Setting[] => SETTINGS.filter((s) => s.section === section);

/** A setting by its dotted name. */
export const findSetting = (key: string): Setting | undefined => SETTINGS.find((s) => s.key === key);

/** The value of a setting in a full config. */
export function settingValue(setting: Setting, config: WorldConfig): unknown {
  if (!setting.section) return config.authStyle;
  return (config[setting.section] as Record<string, unknown>)[setting.name];
}

/** The value a patch gives a setting, if any. */
export function patchedValue(setting: Setting, patch: ConfigPatch): unknown {
  if (!setting.section) return patch.authStyle;
  return (patch[setting.section] as Record<string, unknown> | undefined)?.[setting.name];
}

/** The patch that sets one setting; the caller has checked the value against `setting.schema`. */
export function settingPatch(setting: Setting, value: unknown): ConfigPatch {
  if (!setting.section) return { authStyle: value } as ConfigPatch;
  return { [setting.section]: { [setting.name]: value } } as ConfigPatch;
}

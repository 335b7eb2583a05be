/**
 * The page's shareable address: which view is open and how its world is
 * configured, in the URL's hash, e.g.
 *
 *   #/playground?auth=jwt&jwt.alg=RS256&deployment.nodes=2
 *   #/compare?seq=idle-16-min&jwt.revocation=none
 *   #/lessons/server-side-sessions/3      (a lesson's step, 1-based)
 *   #/scenarios?s=<a learner's scenario, compressed: share-link.ts>
 *
 * Only settings that differ from the defaults are written, under their
 * names in the settings schema (src/sim/config.ts), whose limits decide
 * what a link may set. Decoding never throws: a value it cannot use becomes
 * a problem that names the parameter, and the default stays in force for
 * that setting. Pure: no window, no history here.
 */
import * as v from 'valibot';
import { DEFAULT_CONFIG, authStyleSetting, mergePatches, type AuthStyle, type ConfigPatch, type WorldConfig } from '../sim/config';
import { SETTINGS, patchedValue, settingPatch, settingValue, type Setting } from '../sim/settings/setting-list';

const AUTH_STYLES = authStyleSetting.options;

export const VIEWS = ['playground', 'compare', 'lessons', 'scenarios'] as const;
export type View = (typeof VIEWS)[number];

export interface UrlState {
  view: View;
  /** Playground only: the compare view always shows both styles. */
  authStyle: AuthStyle;
  config: ConfigPatch;
  /** Compare only: a named sequence to run on opening. */
  sequence?: string;
  /** Scenarios only: a shared scenario, still encoded (share-link.ts decodes it). */
  share?: string;
  /** Lessons only: the open lesson and step; none shows the list. */
  lesson?: LessonTarget;
}

export interface LessonTarget {
  id: string;
  /** 1-based; none is the lesson's first step. */
  step?: number;
}

/** `#/lessons`, `#/lessons/<id>` or `#/lessons/<id>/<step>`: the lesson view carries no world settings. */
function encodeLessons(target: LessonTarget | undefined): string {
  if (!target) return '#/lessons';
  return `#/lessons/${encodeURIComponent(target.id)}${target.step ? `/${target.step}` : ''}`;
}

/** The lesson and step a `lessons/…` path names; a step that is not a positive whole number is a problem. */
function decodeLessons(segments: string[], problems: string[]): LessonTarget | undefined {
  const [rawId, rawStep, ...extra] = segments;
  if (!rawId) return undefined;
  let id = rawId;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    // A broken escape: keep the text as written; the page says no lesson has that id.
  }
  const target: LessonTarget = { id };
  if (rawStep !== undefined) {
    const step = Number(rawStep);
    if (/^[1-9]\d*$/.test(rawStep) && Number.isSafeInteger(step)) target.step = step;
    else problems.push(`Step "${rawStep}" in the address is not a step number; opening the lesson's first step.`);
  }
  if (extra.length) problems.push(`The address has more after the step ("${extra.join('/')}"); it was ignored.`);
  return target;
}

/**
 * Every setting a link can carry, straight from the settings schema: all
 * the Sandbox shows (issuer and audience are fixed outside lessons; the
 * auth style travels as `auth`).
 */
export const URL_FIELDS: readonly Setting[] = SETTINGS.filter((s) => s.info.place === 'sandbox');

const defaultOf = (field: Setting): unknown => settingValue(field, DEFAULT_CONFIG);

/** The URL hash for a view and its configuration; settings equal to the defaults are left out. */
export function encodeUrlState(state: UrlState): string {
  if (state.view === 'lessons') return encodeLessons(state.lesson);
  const params = new URLSearchParams();
  if (state.view === 'compare' && state.sequence) params.set('seq', state.sequence);
  if (state.view === 'scenarios' && state.share) params.set('s', state.share);
  if (state.view === 'playground' && state.authStyle !== DEFAULT_CONFIG.authStyle) params.set('auth', state.authStyle);
  for (const field of URL_FIELDS) {
    const value = patchedValue(field, state.config);
    if (value === undefined || value === defaultOf(field)) continue;
    params.set(field.key, field.info.kind === 'flag' ? (value ? '1' : '0') : String(value));
  }
  const query = params.toString();
  return `#/${state.view}${query ? `?${query}` : ''}`;
}

/** The configuration a world has, as the patch over the defaults the URL carries. */
export function patchOf(config: WorldConfig): ConfigPatch {
  let patch: ConfigPatch = {};
  for (const field of URL_FIELDS) {
    const value = settingValue(field, config);
    if (value !== defaultOf(field)) patch = mergePatches(patch, settingPatch(field, value));
  }
  return patch;
}

/** A parameter's text as the setting's value, checked by the setting's own schema. */
function parseValue(field: Setting, raw: string): { value: unknown } | { problem: string } {
  const info = field.info;
  let value: unknown = raw;
  let problem: string;
  if (info.kind === 'flag') {
    value = ['1', 'true', 'on'].includes(raw) ? true : ['0', 'false', 'off'].includes(raw) ? false : undefined;
    problem = `"${raw}" is not 1 or 0`;
  } else if (info.kind === 'choice') {
    problem = `"${raw}" is not one of ${info.options.join(', ')}`;
  } else if (info.kind === 'number') {
    // Decimal digits only: Number() would also read "0x6", "6e0", " 6" and "+6".
    value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    problem = `"${raw}" is not a whole number from ${info.min} to ${info.max}`;
  } else problem = `"${raw}" cannot be set in a link`;
  return v.is(field.schema, value) ? { value } : { problem };
}

export interface DecodedUrl {
  state: UrlState;
  /** One sentence per parameter that could not be used, naming it. */
  problems: string[];
}

/**
 * Reads a hash (with or without the leading `#`). An empty hash is the
 * playground with defaults. `isSequence` says which `seq` values exist.
 */
export function decodeUrlState(hash: string, isSequence: (id: string) => boolean = () => false): DecodedUrl {
  const problems: string[] = [];
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split(/\?(.*)/s, 2);
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  const [first = '', ...segments] = trimmed.split('/');
  // Only the lessons view has a path below it; any other path is read whole, as a view name.
  const name = first === 'lessons' ? first : trimmed;
  let view: View = 'playground';
  if ((VIEWS as readonly string[]).includes(name)) view = name as View;
  else if (name !== '') problems.push(`Unknown view "${name}" in the address; showing the playground. Views: ${VIEWS.join(', ')}.`);

  const state: UrlState = { view, authStyle: DEFAULT_CONFIG.authStyle, config: {} };
  if (view === 'lessons') {
    const lesson = decodeLessons(segments, problems);
    if (lesson) state.lesson = lesson;
    if (query) problems.push('The lessons view takes no settings in the address; they were ignored.');
    return { state, problems };
  }
  const fields = new Map(URL_FIELDS.map((f) => [f.key, f]));
  for (const [key, raws] of groupByKey(new URLSearchParams(query))) {
    // Only the last of a repeated parameter applies (as most URL readers do); say so, naming them all.
    const raw = raws.at(-1)!;
    if (raws.length > 1) {
      const valid = !fields.has(key) || !('problem' in parseValue(fields.get(key)!, raw));
      problems.push(`URL parameter "${key}" is given ${raws.length} times (${raws.join(', ')}); using the last${valid ? `, ${raw}` : ''}.`);
    }
    if (key === 'auth') {
      if (v.is(authStyleSetting, raw)) state.authStyle = raw;
      else problems.push(`URL parameter "auth": "${raw}" is not ${AUTH_STYLES.join(' or ')}; using ${DEFAULT_CONFIG.authStyle}.`);
      continue;
    }
    if (key === 's' && view === 'scenarios') {
      state.share = raw;
      continue;
    }
    if (key === 'seq') {
      if (isSequence(raw)) state.sequence = raw;
      else problems.push(`URL parameter "seq": no sequence is called "${raw}"; nothing was run.`);
      continue;
    }
    const field = fields.get(key);
    if (!field) {
      problems.push(`URL parameter "${key}" is not a setting AuthLab knows; it was ignored.`);
      continue;
    }
    const parsed = parseValue(field, raw);
    if ('problem' in parsed) {
      problems.push(`URL parameter "${key}": ${parsed.problem}; using the default ${JSON.stringify(defaultOf(field))}.`);
      continue;
    }
    state.config = mergePatches(state.config, settingPatch(field, parsed.value));
  }
  return { state, problems: capped(problems) };
}

/** Each parameter's values in order, keys in the order they first appear. */
function groupByKey(params: URLSearchParams): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, raw] of params) {
    const values = groups.get(key);
    if (values) values.push(raw);
    else groups.set(key, [raw]);
  }
  return groups;
}

/** At most this many problems are listed; a hostile link with thousands of keys gets a count of the rest. */
const PROBLEMS_SHOWN = 10;

function capped(problems: string[]): string[] {
  if (problems.length <= PROBLEMS_SHOWN) return problems;
  return [...problems.slice(0, PROBLEMS_SHOWN), `…and ${problems.length - PROBLEMS_SHOWN} more parameters that could not be used.`];
}

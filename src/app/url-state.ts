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
 * ConfigPatch names (src/sim/config.ts). Decoding never throws: a value it
 * cannot use becomes a problem that names the parameter, and the default
 * stays in force for that setting. Pure: no window, no history here.
 */
import { DEFAULT_CONFIG, JWT_ALGS, type AuthStyle, type ConfigPatch, type WorldConfig } from '../sim/config';
import { DAY, HOUR } from '../sim/clock';
import { SAFE_SWITCHES } from '../sim/vulnerable/switches';

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

type Section = 'session' | 'jwt' | 'deployment' | 'vulnerable';

interface Field {
  section: Section;
  name: string;
  /** Allowed values for enums; numbers and booleans check themselves. */
  kind: { options: readonly string[] } | { min: number; max: number } | 'boolean';
}

const enumOf = (options: readonly string[]) => ({ options });
const range = (min: number, max: number) => ({ min, max });

/** Every setting the URL can carry: the Sandbox's switches (issuer/audience are fixed). */
export const URL_FIELDS: readonly Field[] = [
  { section: 'session', name: 'idleTimeoutMs', kind: range(1000, 30 * DAY) },
  { section: 'session', name: 'absoluteTimeoutMs', kind: range(1000, 30 * DAY) },
  { section: 'session', name: 'sameSite', kind: enumOf(['Strict', 'Lax', 'None', 'unset']) },
  { section: 'session', name: 'csrfTokens', kind: 'boolean' },
  { section: 'jwt', name: 'alg', kind: enumOf(JWT_ALGS) },
  { section: 'jwt', name: 'accessTtlMs', kind: range(1000, DAY) },
  { section: 'jwt', name: 'refreshTtlMs', kind: range(1000, 30 * DAY) },
  { section: 'jwt', name: 'storage', kind: enumOf(['memory', 'localStorage', 'cookie']) },
  { section: 'jwt', name: 'revocation', kind: enumOf(['none', 'denylist', 'not-before']) },
  { section: 'jwt', name: 'refreshIdleTtlMs', kind: range(1000, 30 * DAY) },
  { section: 'jwt', name: 'clockToleranceSec', kind: range(0, HOUR / 1000) },
  { section: 'jwt', name: 'fingerprint', kind: 'boolean' },
  { section: 'deployment', name: 'nodes', kind: range(1, 6) },
  { section: 'deployment', name: 'lbPolicy', kind: enumOf(['round-robin', 'sticky', 'least-busy']) },
  { section: 'deployment', name: 'sessionStore', kind: enumOf(['per-node', 'shared']) },
  { section: 'deployment', name: 'sharedStoreLatencyMs', kind: range(0, 100) },
  ...Object.keys(SAFE_SWITCHES).map((name) => ({ section: 'vulnerable' as const, name, kind: 'boolean' as const })),
];

const keyOf = (f: Field) => `${f.section}.${f.name}`;
const defaultOf = (f: Field): unknown => (DEFAULT_CONFIG[f.section] as unknown as Record<string, unknown>)[f.name];

/** The URL hash for a view and its configuration; settings equal to the defaults are left out. */
export function encodeUrlState(state: UrlState): string {
  if (state.view === 'lessons') return encodeLessons(state.lesson);
  const params = new URLSearchParams();
  if (state.view === 'compare' && state.sequence) params.set('seq', state.sequence);
  if (state.view === 'scenarios' && state.share) params.set('s', state.share);
  if (state.view === 'playground' && state.authStyle !== DEFAULT_CONFIG.authStyle) params.set('auth', state.authStyle);
  for (const field of URL_FIELDS) {
    const value = (state.config[field.section] as Record<string, unknown> | undefined)?.[field.name];
    if (value === undefined || value === defaultOf(field)) continue;
    params.set(keyOf(field), field.kind === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const query = params.toString();
  return `#/${state.view}${query ? `?${query}` : ''}`;
}

/** The configuration a world has, as the patch over the defaults the URL carries. */
export function patchOf(config: WorldConfig): ConfigPatch {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const field of URL_FIELDS) {
    const value = (config[field.section] as unknown as Record<string, unknown>)[field.name];
    if (value !== defaultOf(field)) (patch[field.section] ??= {})[field.name] = value;
  }
  return patch as ConfigPatch;
}

function parseValue(field: Field, raw: string): { value: unknown } | { problem: string } {
  const kind = field.kind;
  if (kind === 'boolean') {
    if (['1', 'true', 'on'].includes(raw)) return { value: true };
    if (['0', 'false', 'off'].includes(raw)) return { value: false };
    return { problem: `"${raw}" is not 1 or 0` };
  }
  if ('options' in kind) {
    return kind.options.includes(raw) ? { value: raw } : { problem: `"${raw}" is not one of ${kind.options.join(', ')}` };
  }
  const number = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(number) || number < kind.min || number > kind.max) {
    return { problem: `"${raw}" is not a whole number from ${kind.min} to ${kind.max}` };
  }
  return { value: number };
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
  const fields = new Map(URL_FIELDS.map((f) => [keyOf(f), f]));
  for (const [key, raw] of new URLSearchParams(query)) {
    if (key === 'auth') {
      if (raw === 'session' || raw === 'jwt') state.authStyle = raw;
      else problems.push(`URL parameter "auth": "${raw}" is not session or jwt; using session.`);
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
    const section = ((state.config as Record<string, Record<string, unknown>>)[field.section] ??= {});
    section[field.name] = parsed.value;
  }
  return { state, problems };
}

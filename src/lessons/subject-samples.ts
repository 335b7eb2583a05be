/**
 * What a check's subject can actually be, as sample values, so the parser
 * can refuse an expectation that matches all of them: it could never fail
 * (STYLE habit 13). The samples are the subject's usual values (counts 0, 1,
 * 7, 1e6 …; every state of both flow machines; empty and cookie-like text;
 * empty and longer lists; absent where the subject can be absent), plus
 * values built from the expectation itself (a written number and its
 * neighbours, text containing a written string, strings a written regex
 * matches), so that a check which can fail on some real value has one
 * among the samples that makes it fail.
 *
 * For counts, statuses and flow states the samples are exact: between two
 * written numbers (and their neighbours) every check gives one answer, and
 * the states are all of them. Then a check that matches none of them can
 * never pass, and is refused too.
 */
import { matches } from './matchers';
import { regexWitnesses } from './regex-witness';

export type ValueDomain =
  /** A non-negative whole number. */
  | { kind: 'count' }
  /** An HTTP status: 0 when the browser hides the answer from the script, else 100–599. */
  | { kind: 'status' }
  /** One of a known, complete list of texts (a machine's states). */
  | { kind: 'states'; states: readonly string[]; what: string }
  /** Text; `absent` when the subject can be missing, `several` when it can also be a list of texts (repeated headers), `cookieText` for what `document.cookie` can hold (no control characters). */
  | { kind: 'text'; absent?: boolean; several?: boolean; cookieText?: boolean }
  /** A list of texts (exchange summaries, cookie names, keys). */
  | { kind: 'names'; absent?: boolean }
  /** A mapping of keys to text (localStorage). */
  | { kind: 'storage' }
  /** One cookie as `alice cookie <name>` shows it, or absent. */
  | { kind: 'cookie' }
  /** Anything JSON can hold, or absent (a response body field, a token claim). */
  | { kind: 'json' };

export interface Samples {
  values: unknown[];
  /** True when the samples decide every check of this domain (then "matches none" is sure too). */
  exact: boolean;
  /** False when a written regex yielded no string it matches: the samples may then miss a failing value. */
  sure: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
/** A browser ignores a cookie holding a control character other than tab (RFC 6265bis §5.6), so `document.cookie` shows none. */
const hasControl = (text: string) => [...text].some((ch) => (ch.charCodeAt(0) < 0x20 && ch !== '\t') || ch.charCodeAt(0) === 0x7f);

const COOKIE: Record<string, unknown> = {
  value: 'abc', domain: 'shop.example.com', hostOnly: true, path: '/', secure: true, httpOnly: true, sameSite: 'Lax', persistent: false, visibleToScript: false,
};
const COOKIE_VARIANTS: Record<string, unknown[]> = {
  value: ['', 'x'], domain: ['example.com', 'blog.example.com'], hostOnly: [false], path: ['/app1/', '/app1'], secure: [false], httpOnly: [false],
  sameSite: ['Strict', 'None', 'unset'], persistent: [true], visibleToScript: [true],
};
const COOKIE_TYPES: Record<string, (v: unknown) => boolean> = {
  value: isText, domain: isText, path: isText, sameSite: (v) => ['Strict', 'Lax', 'None', 'unset'].includes(v as string),
  hostOnly: (v) => typeof v === 'boolean', secure: (v) => typeof v === 'boolean', httpOnly: (v) => typeof v === 'boolean',
  persistent: (v) => typeof v === 'boolean', visibleToScript: (v) => typeof v === 'boolean',
};

const TEXTS = ['', 'a', 'a\tb', 'A b', '0', 'x\ny', '\n', 'a=b; c=d', '__Host-x=1', 'ERR_X', 'node-1', 'GET /me → 200', 'eyJhbGciOiJFUzI1NiJ9.e30.sig'];

function base(domain: ValueDomain): unknown[] {
  switch (domain.kind) {
    case 'count':
      return [0, 1, 2, 7, 1e6, Number.MAX_SAFE_INTEGER];
    case 'status':
      return [0, 100, 200, 201, 204, 302, 400, 401, 403, 404, 409, 429, 500, 503, 599];
    case 'states':
      return [...domain.states];
    case 'text':
      return [...TEXTS, ...(domain.absent ? [undefined] : []), ...(domain.several ? [['a', 'b'], ['a=b', 'c=d; Path=/']] : [])];
    case 'names':
      return [[], ['a'], ['a', 'b', 'c'], ['GET /me → 200'], ...(domain.absent ? [undefined] : [])];
    case 'storage':
      return [{}, { a: '1' }, { a: '1', b: '2' }];
    case 'cookie':
      return [undefined, COOKIE, ...Object.entries(COOKIE_VARIANTS).flatMap(([key, values]) => values.map((v) => ({ ...COOKIE, [key]: v })))];
    case 'json':
      return [undefined, null, '', 'a', '\n', 0, 1, -1, 0.5, true, false, [], ['a'], ['a', 'b'], {}, { a: 'b' }, { a: { b: 1 } }];
  }
}

function fits(domain: ValueDomain, v: unknown): boolean {
  switch (domain.kind) {
    case 'count':
      return Number.isSafeInteger(v) && (v as number) >= 0;
    case 'status':
      return Number.isInteger(v) && (v === 0 || ((v as number) >= 100 && (v as number) <= 599));
    case 'states':
      return domain.states.includes(v as string);
    case 'text':
      return (isText(v) && !(domain.cookieText && hasControl(v))) || (domain.absent === true && v === undefined) || (domain.several === true && Array.isArray(v) && v.length > 1 && v.every(isText));
    case 'names':
      return (Array.isArray(v) && v.every(isText)) || (domain.absent === true && v === undefined);
    case 'storage':
      return isPlainObject(v) && Object.values(v).every(isText);
    case 'cookie':
      return v === undefined || (isPlainObject(v) && Object.entries(v).every(([key, value]) => COOKIE_TYPES[key]?.(value) ?? false));
    case 'json':
      return true;
  }
}

/** The same candidate in the shape the domain holds: text in a list of names, attributes in a whole cookie. */
function lift(domain: ValueDomain, v: unknown): unknown[] {
  if (domain.kind === 'names' && isText(v)) return [[v], ['a', v]];
  if (domain.kind === 'storage' && isText(v)) return [{ [v]: 'x' }, { a: v }];
  if (domain.kind === 'cookie' && isPlainObject(v)) return [{ ...COOKIE, ...v }, ...Object.entries(COOKIE_VARIANTS).map(([key, values]) => ({ ...COOKIE, [key]: values[0], ...v }))];
  return [v];
}

const MATCHER_KEYS = new Set(['contains', 'not contains', 'matches', 'not', 'one of', 'at least', 'at most']);

/** Values that match `expected` or one of its parts (the ones whose answer flips the whole check), unfiltered. */
function witnesses(expected: unknown, state: { sure: boolean }): unknown[] {
  if (expected === 'present') return ['x', 1, true, ['x'], { x: 'x' }];
  if (expected === 'absent') return [undefined, null];
  if (expected === 'empty') return ['', [], {}];
  if (typeof expected === 'number') return [expected, Math.floor(expected) - 1, Math.floor(expected), Math.ceil(expected), Math.ceil(expected) + 1];
  if (Array.isArray(expected)) {
    const items = expected.map((item) => witnesses(item, state));
    return [items.map((w) => w[0]), items.map((w) => w[w.length - 1]), expected.slice(0, -1).map((_, i) => items[i]![0])];
  }
  if (!isPlainObject(expected)) return [expected];
  const keys = Object.keys(expected);
  if (keys.length === 1 && MATCHER_KEYS.has(keys[0]!)) {
    const arg = expected[keys[0]!];
    switch (keys[0]) {
      case 'contains':
      case 'not contains': {
        const inner = witnesses(arg, state);
        return [...inner.filter(isText).flatMap((s) => [s, `x${s}x`, `a=b; ${s}`]), ...inner.map((w) => [w]), ...inner.map((w) => ['a', w])];
      }
      case 'matches': {
        const found = typeof arg === 'string' ? regexWitnesses(arg) : [];
        if (found.length === 0) state.sure = false;
        return found;
      }
      case 'not':
        return witnesses(arg, state);
      case 'one of':
        return Array.isArray(arg) ? arg.flatMap((option) => witnesses(option, state)) : [];
      default:
        return witnesses(arg, state);
    }
  }
  const values = keys.map((key) => witnesses(expected[key], state));
  const pickEach = (pick: (w: unknown[]) => unknown) => Object.fromEntries(keys.map((key, i) => [key, pick(values[i]!)]));
  return [pickEach((w) => w[0]), pickEach((w) => w[w.length - 1])];
}

/** For whole numbers: one value inside each gap between the points where a written bound or number can change the answer. */
function between(points: number[]): number[] {
  const sorted = [...new Set(points)].sort((a, b) => a - b);
  return sorted.slice(1).map((p, i) => Math.floor((p + sorted[i]!) / 2));
}

/** Sample values of `domain` for judging `expected`. */
export function samplesFor(domain: ValueDomain, expected: unknown): Samples {
  const state = { sure: true };
  const found = domain.kind === 'states' ? [] : witnesses(expected, state).flatMap((w) => lift(domain, w));
  let values = [...base(domain), ...found].filter((v) => fits(domain, v));
  if (domain.kind === 'count' || domain.kind === 'status') values = [...values, ...between(values as number[])].filter((v) => fits(domain, v));
  const exact = domain.kind === 'count' || domain.kind === 'status' || domain.kind === 'states';
  return { values: dedupe(values), exact, sure: exact || state.sure };
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v === undefined ? 'undefined' : JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How the domain reads in a message. */
export function describeDomain(domain: ValueDomain): string {
  switch (domain.kind) {
    case 'count':
      return 'a count (0, 1, 2, …)';
    case 'status':
      return 'an HTTP status (0 when the browser hides the answer, else 100–599)';
    case 'states':
      return `${domain.what}: ${domain.states.join(', ')}`;
    case 'text':
      return domain.cookieText ? 'cookie text without line breaks (name=value; …), possibly empty' : `text${domain.several ? ' (or a list of texts)' : ''}${domain.absent ? ', or absent' : ''}`;
    case 'names':
      return `a list of texts, possibly empty${domain.absent ? ', or absent' : ''}`;
    case 'storage':
      return 'a mapping of keys to text, possibly empty';
    case 'cookie':
      return 'absent, or a cookie with its attributes';
    case 'json':
      return 'any value, or absent';
  }
}

/** Whether `expected` accepts every sample, none, or some; undefined when the samples cannot tell. */
export function reachOver(domain: ValueDomain, expected: unknown): { reach: 'everything' | 'nothing' | 'some'; tried: unknown[] } | undefined {
  const { values, exact, sure } = samplesFor(domain, expected);
  if (!sure) return undefined;
  const hits = values.filter((v) => matches(expected, v)).length;
  const reach = hits === values.length ? 'everything' : hits === 0 && exact ? 'nothing' : 'some';
  return { reach, tried: values };
}

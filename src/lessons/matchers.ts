/**
 * How an expected value is compared with what happened. A plain value must be
 * equal; a mapping matches an object partially (only the keys written are
 * checked), except the empty mapping `{}`, which matches only an empty
 * mapping; a list must match item by item (so `[]` is an empty list). A few
 * words make checks readable: `present`, `absent`, `empty` (an empty string,
 * list or mapping), and mappings `{ contains: … }`, `{ not contains: … }`,
 * `{ matches: regex }`, `{ not: … }`, `{ one of: [...] }`, `{ at least: n }`,
 * `{ at most: n }`.
 *
 * No matcher may match everything (STYLE habit 13): `checkMatcher` refuses,
 * when a lesson is parsed, any whose shape alone shows it could never fail
 * (or never pass), whatever it is compared with; `subject-samples.ts` then
 * tries it on what its subject can actually be.
 */
export const MATCHER_KEYS = ['contains', 'not contains', 'matches', 'not', 'one of', 'at least', 'at most'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);
}

function matcherOf(expected: unknown): [string, unknown] | undefined {
  if (!isPlainObject(expected)) return undefined;
  const keys = Object.keys(expected);
  return keys.length === 1 && (MATCHER_KEYS as readonly string[]).includes(keys[0]!) ? [keys[0]!, expected[keys[0]!]] : undefined;
}

/**
 * Strings unlike each other, the empty one included: a regular expression
 * that finds a match in every one of them matches any string (`""`, `.*`,
 * `^`, `x*`), so it cannot fail.
 */
const PROBE_STRINGS = ['', ' ', 'x', '0', '\n', 'AuthLab ✓ probe'];

/** Which values an expected value accepts, as far as its shape tells: all of them, none, or some. */
type Reach = 'everything' | 'nothing' | 'some';

interface Checked {
  problem?: string;
  reach: Reach;
}

const pick = (problem: string | undefined) => (problem ? { problem } : {});

function checkValue(expected: unknown): Checked {
  const matcher = matcherOf(expected);
  if (!matcher) {
    const children = Array.isArray(expected) ? expected : isPlainObject(expected) ? Object.values(expected) : [];
    return { ...pick(children.map((child) => checkValue(child).problem).find(Boolean)), reach: 'some' };
  }
  const [kind, arg] = matcher;
  switch (kind) {
    case 'contains':
    case 'not contains':
      if (arg === '') return { problem: `"${kind}" needs something to look for: every string contains ""`, reach: 'some' };
      return { ...pick(checkValue(arg).problem), reach: 'some' };
    case 'matches': {
      if (typeof arg !== 'string') return { problem: '"matches" needs a regular expression written as text', reach: 'some' };
      let regex: RegExp;
      try {
        regex = new RegExp(arg);
      } catch {
        return { problem: `"matches": ${JSON.stringify(arg)} is not a valid regular expression`, reach: 'some' };
      }
      if (PROBE_STRINGS.every((probe) => regex.test(probe))) {
        return { problem: `"matches": ${JSON.stringify(arg)} matches every string, so the check cannot fail; write what the text must contain`, reach: 'everything' };
      }
      return { reach: 'some' };
    }
    case 'at least':
    case 'at most':
      // -Infinity / .inf would accept every number, NaN none.
      if (typeof arg !== 'number' || !Number.isFinite(arg)) return { problem: `"${kind}" needs a finite number`, reach: 'some' };
      return { reach: 'some' };
    case 'one of': {
      if (!Array.isArray(arg)) return { problem: '"one of" needs a list', reach: 'some' };
      if (arg.length === 0) return { problem: '"one of" needs at least one choice', reach: 'some' };
      const options = arg.map(checkValue);
      const problem = options.map((o) => o.problem).find(Boolean);
      if (problem) return { problem, reach: 'some' };
      const reach: Reach =
        options.some((o) => o.reach === 'everything') || (arg.includes('present') && arg.includes('absent'))
          ? 'everything'
          : options.every((o) => o.reach === 'nothing')
            ? 'nothing'
            : 'some';
      return reachProblem(reach, `"one of": ${JSON.stringify(arg)}`);
    }
    case 'not': {
      const inner = checkValue(arg);
      if (inner.problem) return inner;
      const reach: Reach = inner.reach === 'everything' ? 'nothing' : inner.reach === 'nothing' ? 'everything' : 'some';
      return reachProblem(reach, `"not": ${JSON.stringify(arg)}`);
    }
  }
  return { reach: 'some' };
}

function reachProblem(reach: Reach, written: string): Checked {
  if (reach === 'everything') return { problem: `${written} matches every value, so the check cannot fail`, reach };
  if (reach === 'nothing') return { problem: `${written} matches no value, so the check can never pass`, reach };
  return { reach };
}

/** Why `expected` is not a well-formed expectation value (including one that matches everything), or undefined. */
export function checkMatcher(expected: unknown): string | undefined {
  return checkValue(expected).problem;
}

export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === 'present') return actual !== undefined && actual !== null;
  if (expected === 'absent') return actual === undefined || actual === null;
  if (expected === 'empty') return isEmpty(actual);
  const matcher = matcherOf(expected);
  if (matcher) {
    const [kind, arg] = matcher;
    switch (kind) {
      case 'contains':
        if (typeof actual === 'string') return typeof arg === 'string' && actual.includes(arg);
        return Array.isArray(actual) && actual.some((item) => matches(arg, item));
      case 'not contains':
        return !matches({ contains: arg }, actual);
      case 'matches':
        return typeof actual === 'string' && new RegExp(String(arg)).test(actual);
      case 'not':
        return !matches(arg, actual);
      case 'one of':
        return Array.isArray(arg) && arg.some((option) => matches(option, actual));
      case 'at least':
        return typeof actual === 'number' && actual >= Number(arg);
      case 'at most':
        return typeof actual === 'number' && actual <= Number(arg);
    }
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(item, actual[i]));
  }
  if (isPlainObject(expected)) {
    // `{}` is "an empty mapping"; read partially it would match every object.
    if (Object.keys(expected).length === 0) return isPlainObject(actual) && Object.keys(actual).length === 0;
    return isPlainObject(actual) && Object.entries(expected).every(([key, value]) => matches(value, actual[key]));
  }
  return Object.is(expected, actual);
}

/** A dotted path into a value: `user.username`, `cart.0.sku`. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

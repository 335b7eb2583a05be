/**
 * How an expected value is compared with what happened. A plain value must be
 * equal; a mapping matches an object partially (only the keys written are
 * checked); a list must match item by item. A few words make checks readable:
 * `present`, `absent`, and mappings `{ contains: … }`, `{ not contains: … }`,
 * `{ matches: regex }`, `{ not: … }`, `{ one of: [...] }`, `{ at least: n }`,
 * `{ at most: n }`.
 */
export const MATCHER_KEYS = ['contains', 'not contains', 'matches', 'not', 'one of', 'at least', 'at most'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matcherOf(expected: unknown): [string, unknown] | undefined {
  if (!isPlainObject(expected)) return undefined;
  const keys = Object.keys(expected);
  return keys.length === 1 && (MATCHER_KEYS as readonly string[]).includes(keys[0]!) ? [keys[0]!, expected[keys[0]!]] : undefined;
}

/** Why `expected` is not a well-formed expectation value, or undefined. */
export function checkMatcher(expected: unknown): string | undefined {
  const matcher = matcherOf(expected);
  if (!matcher) {
    if (Array.isArray(expected)) return expected.map(checkMatcher).find(Boolean);
    if (isPlainObject(expected)) return Object.values(expected).map(checkMatcher).find(Boolean);
    return undefined;
  }
  const [kind, arg] = matcher;
  if (kind === 'matches') {
    if (typeof arg !== 'string') return '"matches" needs a regular expression written as text';
    try {
      new RegExp(arg);
    } catch {
      return `"matches": ${JSON.stringify(arg)} is not a valid regular expression`;
    }
  }
  if ((kind === 'at least' || kind === 'at most') && typeof arg !== 'number') return `"${kind}" needs a number`;
  if (kind === 'one of' && !Array.isArray(arg)) return '"one of" needs a list';
  return undefined;
}

export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === 'present') return actual !== undefined && actual !== null;
  if (expected === 'absent') return actual === undefined || actual === null;
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

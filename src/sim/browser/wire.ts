/**
 * How simulated HTTP travels over the real `fetch` that MSW answers.
 *
 * Browsers forbid page scripts from setting `Cookie`, `Origin`, `Referer` and
 * `Sec-Fetch-*`, and from reading `Set-Cookie`. The simulated browser sends
 * them as `x-authlab-<name>` and the server adapter maps them back, so the
 * simulation sees real header names and the learner is shown real names.
 * DevTools shows the `x-authlab-*` form; the UI explains why. A server-side
 * service's `User-Agent` travels the same way: the spec allows a script to
 * set it, but Chromium silently drops it from fetch (crbug.com/571722).
 */
export const WIRE_PREFIX = 'x-authlab-';

/**
 * Headers carried under the wire prefix: those a script may not set or read,
 * and the simulated shop's CORS answer, which is meant for the *simulated*
 * browser; the real one must never act on it.
 */
export const FORBIDDEN_HEADERS = new Set([
  'cookie',
  'set-cookie',
  'origin',
  'referer',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
  'user-agent',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
]);

/** Control headers between simulated browser and simulated server. */
export const WIRE = {
  world: `${WIRE_PREFIX}world`,
  exchange: `${WIRE_PREFIX}exchange`,
  /** The virtual scheme when it is plain http (the real fetch always uses https). */
  scheme: `${WIRE_PREFIX}scheme`,
  node: `${WIRE_PREFIX}node`,
  serverMs: `${WIRE_PREFIX}server-ms`,
  setCookie: `${WIRE_PREFIX}set-cookie`,
} as const;

export function toWireName(name: string): string {
  const lower = name.toLowerCase();
  return FORBIDDEN_HEADERS.has(lower) ? WIRE_PREFIX + lower : lower;
}

/** Real header name for a wire header, or undefined for control headers. */
export function fromWireName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (!lower.startsWith(WIRE_PREFIX)) return lower;
  const real = lower.slice(WIRE_PREFIX.length);
  return FORBIDDEN_HEADERS.has(real) ? real : undefined;
}

/**
 * Several Set-Cookie values cannot be joined with commas (Expires contains
 * one), so they travel as one JSON array.
 */
export function encodeSetCookies(values: readonly string[]): string {
  return JSON.stringify(values);
}

export function decodeSetCookies(header: string | null): string[] {
  if (!header) return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Canonical display casing: `set-cookie` → `Set-Cookie`. */
export function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, ch: string) => dash + ch.toUpperCase());
}

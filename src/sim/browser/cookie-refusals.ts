/**
 * Reading a Set-Cookie line and saying why a jar refuses it, in words a
 * learner understands: the name-value pair as RFC 6265bis reads it, the
 * prefix rules tough-cookie matches only case-sensitively, and
 * tough-cookie's own refusals translated from its error messages.
 */
import { Cookie } from 'tough-cookie';
import { describeCrossSite, type RequestKind } from './request-kind';

/**
 * Parses one Set-Cookie line. The name-value pair is read as 6265bis §5.6
 * step 3 (and Chromium) reads it: without a `=` before the value, the name is
 * empty and the whole pair is the value (`=a=b` is the nameless cookie
 * `a=b`). tough-cookie reads the attributes; its strict mode refuses
 * nameless cookies, and its loose mode would read `=a=b` as `a` = `b`.
 */
export function parseSetCookie(header: string): Cookie | undefined {
  const semi = header.indexOf(';');
  const pair = semi === -1 ? header : header.slice(0, semi);
  const eq = pair.indexOf('=');
  if (eq > 0) return Cookie.parse(header) ?? undefined;
  const value = (eq === 0 ? pair.slice(1) : pair).trim();
  if (value === '') return undefined; // both name and value empty: ignored
  const cookie = Cookie.parse(`nameless=${value}${semi === -1 ? '' : header.slice(semi)}`);
  if (cookie) cookie.key = '';
  return cookie ?? undefined;
}

/** A cookie as it appears in a Cookie header or `document.cookie`: a nameless one as its bare value. */
export const cookiePair = (c: { name: string; value: string }): string => (c.name ? `${c.name}=${c.value}` : c.value);

/**
 * The `__Secure-`/`__Host-` rules, matched case-insensitively as RFC 6265bis
 * now requires: tough-cookie matches the exact case only, so `__host-sid`
 * planted with a Domain would otherwise slip through.
 */
export function prefixProblem(cookie: Cookie, responseUrl: string): string | undefined {
  // 6265bis §5.7: a nameless cookie travels as its bare value, so `=__Host-sid=x` would reach the server as a __Host- cookie.
  if (cookie.key === '' && /^__(host|secure)-/i.test(cookie.value)) {
    return 'a cookie without a name whose value starts with __Host- or __Secure- would pass for a prefixed cookie';
  }
  const name = cookie.key.toLowerCase();
  const host = name.startsWith('__host-');
  if (!host && !name.startsWith('__secure-')) return undefined;
  const prefix = host ? '__Host-' : '__Secure-';
  if (!cookie.secure || new URL(responseUrl).protocol !== 'https:') return `a ${prefix} cookie (any letter case) needs Secure and an https origin`;
  if (host && (cookie.domain || cookie.path !== '/')) return 'a __Host- cookie (any letter case) needs Path=/ and no Domain';
  return undefined;
}

/** tough-cookie's messages (lib/cookie/cookieJar.ts) for the refusals it decides itself. */
const TOUGH = {
  sameSite: 'Cookie is SameSite but this is a cross-origin request',
  foreignDomain: "Cookie not in this host's domain",
  publicSuffix: 'Cookie has domain set to a public suffix',
} as const;

/** The reason for an error tough-cookie threw while storing `cookie` from the answer to a `kind` request. */
export function explainJarRefusal(error: unknown, cookie: Cookie, kind: RequestKind): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message === TOUGH.sameSite) {
    return `SameSite=${cookie.sameSite === 'strict' ? 'Strict' : 'Lax'}: the answer to ${describeCrossSite(kind)} may not set it; from another site, only a top-level navigation's answer may`;
  }
  if (message.startsWith(TOUGH.foreignDomain)) return `Domain=${cookie.domain ?? ''} is neither this host nor a parent domain of it`;
  if (message === TOUGH.publicSuffix) return `Domain=${cookie.domain ?? ''} is a public suffix: no site may set a cookie for all of it`;
  return message;
}

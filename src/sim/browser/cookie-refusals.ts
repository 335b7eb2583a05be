/**
 * Why a cookie jar refuses a Set-Cookie, in words a learner understands:
 * the prefix rules tough-cookie matches only case-sensitively, and
 * tough-cookie's own refusals translated from its error messages.
 */
import type { Cookie } from 'tough-cookie';
import { describeCrossSite, type RequestKind } from './request-kind';

/**
 * The `__Secure-`/`__Host-` rules, matched case-insensitively as RFC 6265bis
 * now requires: tough-cookie matches the exact case only, so `__host-sid`
 * planted with a Domain would otherwise slip through.
 */
export function prefixProblem(cookie: Cookie, responseUrl: string): string | undefined {
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
    return `SameSite=${cookie.sameSite === 'strict' ? 'Strict' : 'Lax'}: the answer to ${describeCrossSite(kind)} may not set it; only a top-level navigation's answer may`;
  }
  if (message.startsWith(TOUGH.foreignDomain)) return `Domain=${cookie.domain ?? ''} is neither this host nor a parent domain of it`;
  if (message === TOUGH.publicSuffix) return `Domain=${cookie.domain ?? ''} is a public suffix: no site may set a cookie for all of it`;
  return message;
}

/**
 * Token sidejacking defence (OWASP JWT Cheat Sheet for Java; XSS-03): each
 * access token carries the SHA-256 of a random fingerprint whose raw value
 * lives only in a `__Host-` HttpOnly, Secure, SameSite=Strict cookie. The
 * verifier hashes the cookie and compares. A token copied out of storage or
 * a log is then useless from another browser; a script inside Alice's page
 * can still *use* it there, because the cookie rides along (XSS-01).
 */
import { AuthLabError } from '../errors';
import { sha256Base64Url } from '../digest';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import type { TokenClaims } from '../tokens/token-service';
import { parseCookieHeader, type ShopRequest } from './http';

export const FINGERPRINT_COOKIE = '__Host-fgp';

/** A fresh fingerprint: the hash for the token, the Set-Cookie for the browser. */
export async function newFingerprint(ctx: RequestContext): Promise<{ claim: string; setCookie: string }> {
  const raw = randomId(ctx.world.random, 256);
  // No Max-Age: it lasts as long as the page's tokens may, and never outlives the browser session.
  return { claim: await sha256Base64Url(raw), setCookie: `${FINGERPRINT_COOKIE}=${raw}; Path=/; HttpOnly; Secure; SameSite=Strict` };
}

/** Refuses an access token whose fingerprint cookie is missing or does not hash to its `fgp` claim. */
export async function assertFingerprint(ctx: RequestContext, request: ShopRequest, claims: TokenClaims): Promise<void> {
  if (!ctx.config.jwt.fingerprint && claims.fgp === undefined) return;
  if (typeof claims.fgp !== 'string') throw new AuthLabError('token_unbound', 'This token is not bound to a fingerprint, and the shop requires one');
  const raw = parseCookieHeader(request.headers.get('cookie')).get(FINGERPRINT_COOKIE);
  if (!raw) throw new AuthLabError('token_unbound', 'The fingerprint cookie that this token is bound to was not sent');
  if ((await sha256Base64Url(raw)) !== claims.fgp) throw new AuthLabError('token_unbound', 'The fingerprint cookie does not match this token');
}

/**
 * Synchronizer CSRF tokens (CSRF-01, CSRF-08), on when `session.csrfTokens`
 * is. Each session row, a guest's too, holds a random token. The page gets
 * it in a response body (`GET /csrf`, and the login answer for the new
 * session), never in a URL, and echoes it in `X-CSRF-Token` on every write.
 * A page on another site can send the cookie but cannot read the token.
 * The login form needs the token of the pre-login session, so a forged
 * login fails too.
 */
import { AuthLabError } from '../errors';
import { isSafeMethod } from '../http-methods';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow } from '../deployment/records';
import type { ShopRequest } from './http';

export const CSRF_HEADER = 'x-csrf-token';

/** Compares without an early exit, so timing does not tell how much of a guess was right. */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Refuses a write whose X-CSRF-Token is missing or not the session's. Writes without a session have no token to match. */
export function assertCsrfToken(ctx: RequestContext, request: ShopRequest, session: SessionRow | undefined, what = 'This write'): void {
  // The flaw switch removes every CSRF layer, this one included.
  if (!ctx.config.session.csrfTokens || isSafeMethod(request.method) || ctx.config.vulnerable.sameSiteNoneWithoutCsrfDefence) return;
  const sent = request.headers.get(CSRF_HEADER);
  if (!session) throw new AuthLabError('csrf_rejected', `${what} needs a session and its CSRF token; GET /csrf first`);
  if (!sent) throw new AuthLabError('csrf_rejected', `${what} needs the session's CSRF token in X-CSRF-Token`);
  if (!sameToken(sent, session.csrfToken)) throw new AuthLabError('csrf_rejected', `${what} carried a CSRF token that is not this session's`);
}

/** `{ csrfToken }` for an answer that starts a session, when tokens are on. */
export function csrfTokenOf(ctx: RequestContext, session: SessionRow): { csrfToken?: string } {
  return ctx.config.session.csrfTokens ? { csrfToken: session.csrfToken } : {};
}

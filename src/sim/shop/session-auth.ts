/**
 * Server-side sessions: a random id in a cookie, the state in a store.
 * Every request looks the id up (that lookup is the cost JWTs are said to
 * avoid); timeouts are enforced here, on the server (SESS-05/06); logout
 * deletes the row, so a replayed cookie finds nothing (SESS-07).
 */
import { AuthLabError } from '../errors';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow, UserRow } from '../deployment/records';
import { fixatedLoginSession } from '../vulnerable/session-fixation';
import { parseCookieHeader, type ShopRequest } from './http';

/** 256 random bits, base64url: unique, unguessable, meaningless (SESS-01). */
export const SESSION_ID_BITS = 256;

/** `__Host-` pins the cookie to this host, https and Path=/ (COOKIE-03). */
export function sessionCookieName(ctx: RequestContext): string {
  return ctx.config.vulnerable.cookieWithoutSecure ? 'shop_sid' : '__Host-shop_sid';
}

function cookieAttributes(ctx: RequestContext): string[] {
  const { vulnerable, session } = ctx.config;
  const attrs = ['Path=/'];
  if (!vulnerable.cookieWithoutHttpOnly) attrs.push('HttpOnly');
  if (!vulnerable.cookieWithoutSecure) attrs.push('Secure');
  const sameSite = vulnerable.sameSiteNoneWithoutCsrfDefence ? 'None' : session.sameSite;
  if (sameSite !== 'unset') attrs.push(`SameSite=${sameSite}`);
  return attrs;
}

/** No Max-Age/Expires and no Domain: a host-only session cookie (COOKIE-04/05). */
export function sessionSetCookie(ctx: RequestContext, id: string): string {
  return [`${sessionCookieName(ctx)}=${id}`, ...cookieAttributes(ctx)].join('; ');
}

/** Logout empties the cookie and gives it a past expiry (COOKIE-05). */
export function clearSessionSetCookie(ctx: RequestContext): string {
  return [`${sessionCookieName(ctx)}=`, ...cookieAttributes(ctx), 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT'].join('; ');
}

export function presentedSessionId(ctx: RequestContext, request: ShopRequest): string | undefined {
  return parseCookieHeader(request.headers.get('cookie')).get(sessionCookieName(ctx)) || undefined;
}

export function newSessionRow(ctx: RequestContext, userId: string | null, id = randomId(ctx.world.random, SESSION_ID_BITS)): SessionRow {
  return { id, userId, createdAt: ctx.now, lastSeenAt: ctx.now, userEpoch: 0, cart: [], createdOn: ctx.node.id };
}

/**
 * Looks the presented session up, enforcing both timeouts, and touches it.
 * Returns undefined when no cookie was sent; throws when one was sent but is
 * unknown or expired.
 */
export function loadSession(ctx: RequestContext, request: ShopRequest): SessionRow | undefined {
  const id = presentedSessionId(ctx, request);
  if (!id) return undefined;
  const row = ctx.readSession(id);
  if (!row) throw new AuthLabError('unknown_session', 'No such session on this server (logged out, expired, revoked or never issued)');
  const { idleTimeoutMs, absoluteTimeoutMs } = ctx.config.session;
  if (ctx.now - row.lastSeenAt > idleTimeoutMs) {
    ctx.deleteSession(id);
    throw new AuthLabError('session_expired', 'Session ended after inactivity (idle timeout)', { reason: 'idle' });
  }
  if (ctx.now - row.createdAt > absoluteTimeoutMs) {
    ctx.deleteSession(id);
    throw new AuthLabError('session_expired', 'Session reached its absolute lifetime', { reason: 'absolute' });
  }
  row.lastSeenAt = ctx.now;
  ctx.writeSession(row);
  return row;
}

/**
 * The session a successful login continues in. Safe: always a fresh id, the
 * guest cart carried over and the pre-login session destroyed (SESS-02,
 * SESS-03, CSRF-08). The two vulnerable switches reproduce fixation.
 */
export function sessionForLogin(ctx: RequestContext, request: ShopRequest, user: UserRow): SessionRow {
  const userId = user.id;
  const presented = presentedSessionId(ctx, request);
  const previous = presented ? ctx.readSession(presented) : undefined;
  const flawed = fixatedLoginSession(ctx, userId, presented, previous);
  const row = flawed ?? newSessionRow(ctx, userId);
  row.userEpoch = user.sessionEpoch;
  if (!flawed && previous) {
    // Only a guest cart (or the same user's) carries over, never another account's.
    if (previous.userId === null || previous.userId === userId) row.cart = previous.cart;
    ctx.deleteSession(previous.id);
  }
  ctx.writeSession(row);
  return row;
}

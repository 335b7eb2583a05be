/**
 * Server-side sessions: a random id in a cookie, the state in a store.
 * Every request looks the id up (that lookup is the cost JWTs are said to
 * avoid); whether the session may still be used is the session lifecycle
 * machine's verdict (src/sim/lifecycle), enforced here on the server
 * (SESS-05/06/08); logout deletes the row, so a replayed cookie finds
 * nothing (SESS-07). A dead id (over, or never issued) locks nobody out:
 * routes that allow guests start a fresh guest session, and routes that
 * need a user answer 401 and clear the cookie, unless the node cannot know
 * (per-node memory: another node may hold the session).
 */
import type { SameSitePolicy, WorldConfig } from '../config';
import { AuthLabError } from '../errors';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow, UserRow } from '../deployment/records';
import { consult } from '../lifecycle/consult';
import { sessionLifecycle, type SessionLifecycleContext, type SessionLifecycleState } from '../lifecycle/session-lifecycle.machine';
import { fixatedLoginSession } from '../vulnerable/session-fixation';
import { parseCookieHeader, type ShopRequest } from './http';
import { sessionHandle } from './session-handle';
import { findUserById } from './users';

/** 256 random bits, base64url: unique, unguessable, meaningless (SESS-01). */
export const SESSION_ID_BITS = 256;

/** `__Host-` pins the cookie to this host, https and Path=/ (COOKIE-03). */
export function sessionCookieName(ctx: RequestContext): string {
  return ctx.config.vulnerable.cookieWithoutSecure ? 'shop_sid' : '__Host-shop_sid';
}

/** The session cookie's SameSite as the shop sets it (`unset`: no attribute, the browser decides). */
export function sessionCookieSameSite(config: WorldConfig): SameSitePolicy {
  return config.vulnerable.sameSiteNoneWithoutCsrfDefence ? 'None' : config.session.sameSite;
}

function cookieAttributes(ctx: RequestContext): string[] {
  const { vulnerable } = ctx.config;
  const attrs = ['Path=/'];
  if (!vulnerable.cookieWithoutHttpOnly) attrs.push('HttpOnly');
  if (!vulnerable.cookieWithoutSecure) attrs.push('Secure');
  const sameSite = sessionCookieSameSite(ctx.config);
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
  return { id, userId, createdAt: ctx.now, lastSeenAt: ctx.now, userEpoch: 0, csrfToken: randomId(ctx.world.random, 128), cart: [], createdOn: ctx.node.id };
}

const contextOf = (row: SessionRow): SessionLifecycleContext => ({ createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, boundEpoch: row.userEpoch });

/** Why the session machine ended a session, as the error the client sees. */
function endedError(verdict: { to: string; guard?: string }): AuthLabError {
  switch (verdict.to as SessionLifecycleState) {
    case 'idleExpired':
      return new AuthLabError('session_expired', 'Session ended after inactivity (idle timeout)', { reason: 'idle' });
    case 'absoluteExpired':
      return new AuthLabError('session_expired', 'Session reached its absolute lifetime', { reason: 'absolute' });
    default:
      return verdict.guard === 'accountDisabled'
        ? new AuthLabError('not_authenticated', 'This account is disabled; its session has been ended')
        : new AuthLabError('session_expired', 'This session was ended by a password change or an admin revoke', { reason: 'revoked' });
  }
}

/** What the presented session cookie turned out to be. */
export interface PresentedSession {
  session?: SessionRow;
  user?: UserRow;
  /**
   * A cookie was sent, but its session is over or never existed: the id,
   * and why, as the 401 a route that needs a user answers. Routes that
   * allow guests carry on as if no cookie had been sent.
   */
  dead?: { id: string; error: AuthLabError };
}

/**
 * Looks the presented session (and its user) up and asks the session
 * lifecycle machine whether it may still be used: idle and absolute
 * timeouts (SESS-05/06), a disabled account or a revoke since login
 * (SESS-08). An ended session is deleted; a live one is touched. Returns {}
 * when no cookie was sent and `dead` when one was sent but is unknown or over.
 */
export function loadSession(ctx: RequestContext, request: ShopRequest): PresentedSession {
  const id = presentedSessionId(ctx, request);
  if (!id) return {};
  const row = ctx.readSession(id);
  if (!row) return { dead: { id, error: new AuthLabError('unknown_session', 'No such session on this server (logged out, expired, revoked or never issued)') } };
  const user = row.userId === null ? undefined : findUserById(ctx, row.userId);
  const account = row.userId === null ? undefined : { epoch: user?.sessionEpoch ?? Number.NaN, disabled: !user || user.disabled };
  const { idleTimeoutMs, absoluteTimeoutMs } = ctx.config.session;
  const verdict = consult(ctx, sessionLifecycle, row.id, 'active', contextOf(row), {
    type: 'USE',
    now: ctx.now,
    idleTimeoutMs,
    absoluteTimeoutMs,
    ...(account ? { account } : {}),
  });
  if (verdict.to !== 'active') {
    ctx.deleteSession(id);
    return { dead: { id, error: endedError(verdict) } };
  }
  row.lastSeenAt = verdict.next.context.lastSeenAt;
  ctx.writeSession(row);
  return user ? { session: row, user } : { session: row };
}

/**
 * Whether this node may conclude that a dead id is dead on every node: a
 * session its lifecycle machine ended, or an id the shared store (which every
 * node sees) does not hold. With per-node memory an unknown id may be a live
 * session in another node's memory, and clearing the cookie would end it
 * there too.
 */
function deadEverywhere(ctx: RequestContext, dead: NonNullable<PresentedSession['dead']>): boolean {
  return dead.error.code !== 'unknown_session' || ctx.sessionsShared;
}

/** Why a dead id is dead, in words: the session that ended, or an id this node does not know. */
function deadInWords(ctx: RequestContext, dead: NonNullable<PresentedSession['dead']>): string {
  if (dead.error.code !== 'unknown_session') return dead.error.message;
  return ctx.sessionsShared
    ? `Unknown session ${sessionHandle(dead.id)} (logged out, expired, revoked or never issued)`
    : `Session ${sessionHandle(dead.id)} is not in ${ctx.node.id}'s memory (logged out, expired, revoked, never issued, or held by another node)`;
}

function note(ctx: RequestContext, text: string): void {
  ctx.world.trace.record({ kind: 'note', actor: 'shop', text, exchangeId: ctx.exchangeId, node: ctx.node.id });
}

/** What a node that cannot know whether another node holds the session says it did instead of clearing the cookie. */
const LEFT_ALONE = 'left the session cookie as it is, since another node may hold the session';

/**
 * A route that needs a user, presented a dead id: its 401 (a stable code),
 * with a Set-Cookie that clears the dead cookie exactly as logout does, so
 * the browser stops sending it. Only when the id is dead on every node: a
 * node with per-node memory that does not know an id leaves the cookie alone.
 */
export function refuseDeadSession(ctx: RequestContext, dead: NonNullable<PresentedSession['dead']>): AuthLabError {
  const { code, message, detail } = dead.error;
  if (!deadEverywhere(ctx, dead)) {
    note(ctx, `${deadInWords(ctx, dead)}: answered 401 and ${LEFT_ALONE}`);
    return new AuthLabError(code, message, detail);
  }
  note(ctx, `${deadInWords(ctx, dead)}: answered 401 and cleared the session cookie`);
  return new AuthLabError(code, message, detail, [clearSessionSetCookie(ctx)]);
}

/**
 * A route that allows guests and does not need a session (reading the
 * cart), presented a dead id: the answer clears the dead cookie, as it
 * would say nothing to a visitor who sent none, unless another node may
 * hold the session (then: no Set-Cookie).
 */
export function forgetDeadSession(ctx: RequestContext, dead: NonNullable<PresentedSession['dead']>): string | undefined {
  if (!deadEverywhere(ctx, dead)) {
    note(ctx, `${deadInWords(ctx, dead)}: answered as for a guest and ${LEFT_ALONE}`);
    return undefined;
  }
  note(ctx, `${deadInWords(ctx, dead)}: answered as for a guest and cleared the session cookie`);
  return clearSessionSetCookie(ctx);
}

/**
 * A new guest session, with a fresh random id, never the one presented
 * (SESS-03): a dead cookie does not lock a visitor out of the routes that
 * allow guests. Its Set-Cookie replaces the dead cookie.
 */
export function startGuestSession(ctx: RequestContext, dead: PresentedSession['dead']): SessionRow {
  const row = newSessionRow(ctx, null);
  if (!dead) return row;
  const replaced = deadEverywhere(ctx, dead) ? '' : ", whose cookie replaces the presented one: a session another node held for this browser is out of its reach now";
  note(ctx, `${deadInWords(ctx, dead)}: started a fresh guest session with a new id and an empty cart (nothing of the old session carries over)${replaced}`);
  return row;
}

/**
 * Ends a session through its lifecycle machine and deletes the row.
 * `row` is what the caller already read; logout deletes by id without a
 * read (a DEL, not a GET), and LOG_OUT does not depend on the row anyway.
 */
export function endSession(ctx: RequestContext, id: string, event: 'LOG_OUT' | 'REVOKE' | 'REGENERATE', row?: SessionRow): void {
  const existed = ctx.deleteSession(id);
  if (!existed) return;
  const context = row ? contextOf(row) : { createdAt: ctx.now, lastSeenAt: ctx.now, boundEpoch: 0 };
  consult(ctx, sessionLifecycle, id, 'active', context, { type: event });
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
    endSession(ctx, previous.id, 'REGENERATE', previous);
  }
  ctx.writeSession(row);
  return row;
}

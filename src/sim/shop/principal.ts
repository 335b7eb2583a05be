/** Who is making a request, however the current auth style proves it. */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow, UserRow } from '../deployment/records';
import { assertSameOriginWrite } from './csrf';
import { assertCsrfToken } from './csrf-token';
import type { ShopRequest } from './http';
import { authenticateJwt } from './jwt-auth';
import { loadSession, refuseDeadSession } from './session-auth';
import { findUserById } from './users';

export interface Principal {
  userId: string;
  role: string;
  /** Present in session style: the row this request touched. */
  session?: SessionRow;
  /** The user row, when proving who is asking already read it. */
  user?: UserRow;
}

/** The principal's user row, read only if authentication did not read it already. */
export function userOf(ctx: RequestContext, principal: Principal): UserRow | undefined {
  return principal.user ?? findUserById(ctx, principal.userId);
}

/**
 * The presented session (a guest's too) with its user, once the session
 * lifecycle machine has let it through, or the dead id it turned out to be.
 * Every session-style route goes through here.
 */
export const activeSession = loadSession;

export async function authenticate(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  if (ctx.config.authStyle === 'session') {
    assertSameOriginWrite(ctx, request);
    const { session, user, dead } = activeSession(ctx, request);
    if (dead) throw refuseDeadSession(ctx, dead);
    assertCsrfToken(ctx, request, session);
    if (!session) throw new AuthLabError('not_authenticated', 'Log in first: no session cookie was sent');
    if (!user) throw new AuthLabError('not_authenticated', 'This is a guest session; log in first');
    return { userId: user.id, role: user.role, session, user };
  }
  const principal = await authenticateJwt(ctx, request);
  return { userId: principal.userId, role: principal.role, ...(principal.user ? { user: principal.user } : {}) };
}

export async function requireAdmin(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  const principal = await authenticate(ctx, request);
  if (principal.role !== 'admin') throw new AuthLabError('forbidden', 'Admins only');
  return principal;
}

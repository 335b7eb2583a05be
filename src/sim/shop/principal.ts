/** Who is making a request, however the current auth style proves it. */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow, UserRow } from '../deployment/records';
import { assertSameOriginWrite } from './csrf';
import type { ShopRequest } from './http';
import { authenticateJwt } from './jwt-auth';
import { loadSession } from './session-auth';
import { findUserById } from './users';

export interface Principal {
  userId: string;
  role: string;
  /** Present in session style: the row this request touched. */
  session?: SessionRow;
}

/**
 * The presented session (a guest's too), refusing one whose user has been
 * disabled: the session store says who, the users table says whether they
 * may still act (SESS-08). Every session-style route goes through here.
 */
export function activeSession(ctx: RequestContext, request: ShopRequest): { session?: SessionRow; user?: UserRow } {
  const session = loadSession(ctx, request);
  if (!session || session.userId === null) return session ? { session } : {};
  const user = findUserById(ctx, session.userId);
  if (!user || user.disabled) {
    ctx.deleteSession(session.id);
    throw new AuthLabError('not_authenticated', 'This account is disabled; its session has been ended');
  }
  if (session.userEpoch !== user.sessionEpoch) {
    ctx.deleteSession(session.id);
    throw new AuthLabError('session_expired', 'This session was ended by a password change or an admin revoke', { reason: 'revoked' });
  }
  return { session, user };
}

export async function authenticate(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  if (ctx.config.authStyle === 'session') {
    assertSameOriginWrite(ctx, request);
    const { session, user } = activeSession(ctx, request);
    if (!session) throw new AuthLabError('not_authenticated', 'Log in first: no session cookie was sent');
    if (!user) throw new AuthLabError('not_authenticated', 'This is a guest session; log in first');
    return { userId: user.id, role: user.role, session };
  }
  const principal = await authenticateJwt(ctx, request);
  return { userId: principal.userId, role: principal.role };
}

export async function requireAdmin(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  const principal = await authenticate(ctx, request);
  if (principal.role !== 'admin') throw new AuthLabError('forbidden', 'Admins only');
  return principal;
}

/** Who is making a request, however the current auth style proves it. */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow } from '../deployment/records';
import { assertSameOriginWrite } from './csrf';
import type { ShopRequest } from './http';
import { authenticateJwt } from './jwt-auth';
import { requireUserSession } from './session-auth';

export interface Principal {
  userId: string;
  role: string;
  /** Present in session style: the row this request touched. */
  session?: SessionRow;
}

export async function authenticate(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  if (ctx.config.authStyle === 'session') {
    assertSameOriginWrite(ctx, request);
    const session = requireUserSession(ctx, request);
    const user = ctx.world.db.users.get(session.userId);
    return { userId: session.userId, role: user?.role ?? 'customer', session };
  }
  const principal = await authenticateJwt(ctx, request);
  return { userId: principal.userId, role: principal.role };
}

export async function requireAdmin(ctx: RequestContext, request: ShopRequest): Promise<Principal> {
  const principal = await authenticate(ctx, request);
  if (principal.role !== 'admin') throw new AuthLabError('forbidden', 'Admins only');
  return principal;
}

/**
 * What a user can do about her own account: see where she is logged in and
 * end one of those logins (SESS-09), and change the settings that would hand
 * the account to someone else, email and MFA (SESS-10). Every change asks
 * for the password again: a session or token that leaked must not be enough
 * to lock the owner out.
 */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import { bodyField, respond, stringField, type ShopRequest, type ShopResponse } from './http';
import { authenticate, userOf, type Principal } from './principal';
import { familyEnded, revoke } from './refresh-families';
import { sessionHandle } from './session-handle';
import { endSession } from './session-auth';
import { passwordMatches } from './users';

/** Re-authentication: the current password, checked against the stored hash. */
async function reauthenticate(ctx: RequestContext, request: ShopRequest, principal: Principal) {
  const password = stringField(request, 'password');
  const user = userOf(ctx, principal);
  if (!user || !(await passwordMatches(user, password))) throw new AuthLabError('bad_credentials', 'Password is wrong; nothing was changed');
  return user;
}

/** Her own logins: session rows in the store this node sees, or her live refresh families. Handles only, never ids. */
export async function mySessions(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  if (ctx.config.authStyle === 'session') {
    const rows = [...ctx.sessions.values()].filter((r) => r.userId === principal.userId);
    ctx.node.counters.storeReads += 1;
    const sessions = rows.map((r) => ({ handle: sessionHandle(r.id), createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, current: r.id === principal.session?.id }));
    return respond(200, { sessions });
  }
  const families = [...ctx.world.db.refreshFamilies.values()].filter((f) => f.userId === principal.userId && !familyEnded(f));
  ctx.node.counters.storeReads += 1;
  const sessions = families.map((f) => ({ handle: sessionHandle(f.id), createdAt: f.createdAt, lastSeenAt: f.lastUsedAt }));
  return respond(200, { sessions });
}

/** Ends one of her own logins after a password re-check; the others carry on. */
export async function endMySession(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  const handle = stringField(request, 'handle');
  await reauthenticate(ctx, request, principal);
  if (ctx.config.authStyle === 'session') {
    for (const row of [...ctx.sessions.values()]) {
      if (row.userId === principal.userId && sessionHandle(row.id) === handle) {
        endSession(ctx, row.id, 'REVOKE', row);
        return respond(200, { ended: handle });
      }
    }
  } else {
    for (const family of ctx.world.db.refreshFamilies.values()) {
      if (family.userId === principal.userId && !familyEnded(family) && sessionHandle(family.id) === handle) {
        revoke(ctx, family, 'user');
        return respond(200, { ended: handle });
      }
    }
  }
  throw new AuthLabError('not_found', `None of your logins has the handle ${handle}`);
}

/** Email and MFA: the keys to account recovery, so a change needs the password (SESS-10). */
export async function changeAccountSettings(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  const email = bodyField(request, 'email');
  const mfa = bodyField(request, 'mfaEnabled');
  if (email !== undefined && (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))) throw new AuthLabError('bad_request', 'email must look like name@example.com');
  if (mfa !== undefined && typeof mfa !== 'boolean') throw new AuthLabError('bad_request', 'mfaEnabled must be true or false');
  if (email === undefined && mfa === undefined) throw new AuthLabError('bad_request', 'Send email and/or mfaEnabled to change');
  const user = await reauthenticate(ctx, request, principal);
  if (typeof email === 'string') user.email = email;
  if (typeof mfa === 'boolean') user.mfaEnabled = mfa;
  ctx.write('users', ctx.world.db.users, user.id, user);
  return respond(200, { email: user.email, mfaEnabled: user.mfaEnabled });
}

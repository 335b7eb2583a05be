/**
 * The operator's console and the public key set. Session rows are listed by
 * a handle (a hash prefix), never by the secret id, so the console cannot
 * leak a usable cookie value.
 */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import { toBase64Url } from '../random';
import { respond, stringField, type ShopRequest, type ShopResponse } from './http';
import { revokeFamiliesOf } from './refresh-families';
import { requireAdmin } from './principal';
import { endSession } from './session-auth';
import { publicUser, revokeTokensIssuedBefore } from './users';

export async function sessionHandle(id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id));
  return toBase64Url(new Uint8Array(digest)).slice(0, 12);
}

export function jwks(ctx: RequestContext): Promise<ShopResponse> {
  return Promise.resolve(respond(200, ctx.world.keys.jwks(), { headers: [['cache-control', 'public, max-age=600']] }));
}

export async function listSessions(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const rows = await Promise.all(
    [...ctx.sessions.values()].map(async (row) => ({
      handle: await sessionHandle(row.id),
      userId: row.userId,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      createdOn: row.createdOn,
    })),
  );
  ctx.node.counters.storeReads += 1;
  const families = [...ctx.world.db.refreshFamilies.values()].map(({ id, userId, state, endedBy, rotations, createdAt }) => ({ id, userId, state, endedBy, rotations, createdAt }));
  return respond(200, { store: ctx.sessionsShared ? 'shared' : `memory of ${ctx.node.id}`, sessions: rows, refreshFamilies: families });
}

export async function revokeSession(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const handle = stringField(request, 'handle');
  for (const row of [...ctx.sessions.values()]) {
    if ((await sessionHandle(row.id)) === handle) {
      endSession(ctx, row.id, 'REVOKE', row);
      return respond(200, { revoked: handle });
    }
  }
  throw new AuthLabError('not_found', `No session with handle ${handle} in this store`);
}

export async function listUsers(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  ctx.node.counters.storeReads += 1;
  return respond(200, { users: [...ctx.world.db.users.values()].map((u) => ({ ...publicUser(u), disabled: u.disabled })) });
}

/** Ends everything a user holds: sessions in this store, refresh families, and (with not-before) access tokens. */
export async function revokeUser(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const username = stringField(request, 'username');
  const user = [...ctx.world.db.users.values()].find((u) => u.username === username);
  if (!user) throw new AuthLabError('not_found', `No user named ${username}`);
  revokeTokensIssuedBefore(user, ctx.now);
  user.sessionEpoch += 1;
  // Only ever disables: re-enabling an account is not something a revoke may do by omission.
  if (request.body !== null && typeof request.body === 'object' && (request.body as { disable?: unknown }).disable === true) user.disabled = true;
  ctx.write('users', ctx.world.db.users, user.id, user);
  let sessionsEnded = 0;
  for (const row of [...ctx.sessions.values()]) {
    if (row.userId === user.id) {
      endSession(ctx, row.id, 'REVOKE', row);
      sessionsEnded += 1;
    }
  }
  const familiesEnded = revokeFamiliesOf(ctx, user.id, 'admin');
  return respond(200, { user: publicUser(user), disabled: user.disabled, sessionsEnded, familiesEnded });
}

export async function rotateKeys(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const { config, random, keys } = ctx.world;
  const key = await keys.rotate({ alg: config.jwt.alg, random, now: ctx.now, guessableSecret: config.vulnerable.guessableHmacSecret });
  ctx.world.trace.record({ kind: 'deployment', action: 'key-rotated', detail: `new signing key ${key.kid}` });
  return respond(200, { activeKid: key.kid, jwks: keys.jwks() });
}

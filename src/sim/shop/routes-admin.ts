/**
 * The operator's console and the public key set. Session rows are listed by
 * their handle (session-handle.ts), never by the secret id, so the console
 * cannot leak a usable cookie value.
 */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import { respond, stringField, type ShopRequest, type ShopResponse } from './http';
import { revokeFamiliesOf } from './refresh-families';
import { requireAdmin } from './principal';
import { endSession } from './session-auth';
import { sessionHandle } from './session-handle';
import { publicUser, revokeTokensIssuedBefore } from './users';

export function jwks(ctx: RequestContext): Promise<ShopResponse> {
  return Promise.resolve(respond(200, ctx.world.keys.jwks(), { headers: [['cache-control', 'public, max-age=600']] }));
}

export async function listSessions(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const rows = [...ctx.sessions.values()].map((row) => ({
    handle: sessionHandle(row.id),
    userId: row.userId,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    createdOn: row.createdOn,
  }));
  ctx.node.counters.storeReads += 1;
  const families = [...ctx.world.db.refreshFamilies.values()].map(({ id, userId, state, endedBy, rotations, createdAt }) => ({ id, userId, state, endedBy, rotations, createdAt }));
  return respond(200, { store: ctx.sessionsShared ? 'shared' : `memory of ${ctx.node.id}`, sessions: rows, refreshFamilies: families });
}

export async function revokeSession(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const handle = stringField(request, 'handle');
  for (const row of [...ctx.sessions.values()]) {
    if (sessionHandle(row.id) === handle) {
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

/**
 * Key rotation. `step: "publish"` adds the next key to the JWKS without
 * signing with it, so verifiers that cache the JWKS can fetch it first;
 * `step: "activate"` then makes it the signing key (KEY-02). Without a step
 * both happen at once, the shortcut that strands cached verifiers.
 */
export async function rotateKeys(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const { config, random, keys } = ctx.world;
  const step = request.body !== null && typeof request.body === 'object' ? (request.body as { step?: unknown }).step : undefined;
  if (step !== undefined && step !== 'publish' && step !== 'activate') {
    throw new AuthLabError('bad_request', 'step must be "publish", "activate" or absent (both at once)');
  }
  const options = { alg: config.jwt.alg, random, now: ctx.now, guessableSecret: config.vulnerable.guessableHmacSecret };
  if (step === 'publish') {
    const key = await keys.publish(options);
    ctx.world.trace.record({ kind: 'deployment', action: 'key-published', detail: `key ${key.kid} published in the JWKS; still signing with ${keys.active().kid}` });
    return respond(200, { publishedKid: key.kid, activeKid: keys.active().kid, jwks: keys.jwks() });
  }
  if (step === 'activate') {
    const key = keys.activate(ctx.now);
    if (!key) throw new AuthLabError('not_found', 'No published key is waiting; publish one first');
    ctx.world.trace.record({ kind: 'deployment', action: 'key-activated', detail: `now signing with ${key.kid}` });
    return respond(200, { activeKid: key.kid, jwks: keys.jwks() });
  }
  const key = await keys.rotate(options);
  ctx.world.trace.record({ kind: 'deployment', action: 'key-rotated', detail: `new signing key ${key.kid}, published and used at once` });
  return respond(200, { activeKid: key.kid, jwks: keys.jwks() });
}

/** Removes a key that no longer signs (say, it leaked): tokens it signed fail at the shop at once (KEY-03). */
export async function removeKey(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  await requireAdmin(ctx, request);
  const kid = stringField(request, 'kid');
  if (ctx.world.keys.active().kid === kid) throw new AuthLabError('bad_request', `Key ${kid} is the signing key; activate another one first`);
  const removed = ctx.world.keys.remove(kid);
  if (!removed) throw new AuthLabError('not_found', `No key with kid ${kid}`);
  ctx.world.trace.record({ kind: 'deployment', action: 'key-removed', detail: `key ${kid} removed from the key set and the JWKS` });
  return respond(200, { removedKid: kid, jwks: ctx.world.keys.jwks() });
}

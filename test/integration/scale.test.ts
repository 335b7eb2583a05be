/**
 * Several nodes behind a load balancer: where session state lives decides
 * whether a login survives the next request (SCALE-01), a logout reaches
 * every node (SCALE-02), and a crash logs users out (SCALE-03). JWTs verify
 * anywhere with the public key, until a denylist brings state back (SCALE-04).
 */
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { SHOP_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import type { TraceEvent } from '../../src/sim/trace';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';

type StoreEvent = Extract<TraceEvent, { kind: 'store' }>;

function storeEvents(world: World, exchangeId: string): StoreEvent[] {
  return world.trace.causedBy(exchangeId).filter((e): e is StoreEvent => e.kind === 'store');
}

function sessionIdOf(world: World, browser = 'alice'): string {
  const id = world.browser(browser).cookies().find((c) => c.name === HOST_SID)?.value;
  if (!id) throw new Error(`${browser} holds no session cookie`);
  return id;
}

const twoNodes = (deployment: NonNullable<ConfigPatch['deployment']>): ConfigPatch => ({ deployment: { nodes: 2, ...deployment } });

describe('SCALE-01: in-process session stores do not share sessions', () => {
  it('SCALE-01: a session created on node-1 is unknown on node-2 (401 unknown_session)', async () => {
    const world = await shop.world(twoNodes({ sessionStore: 'per-node', lbPolicy: 'round-robin' }));
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect(login.node).toBe('node-1');
    const id = sessionIdOf(world);
    expect(world.deployment.node('node-1').memorySessions.has(id)).toBe(true);
    expect(world.deployment.node('node-2').memorySessions.has(id)).toBe(false);
    expect(world.db.sessions.size).toBe(0);

    const me = await alice.me();
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('unknown_session');
    expect(storeEvents(world, me.exchangeId)).toContainEqual(
      expect.objectContaining({ node: 'node-2', store: 'session', op: 'read', key: id, hit: false, shared: false }),
    );

    // With per-node memory node-2 cannot tell a dead id from one another node holds, so it leaves the cookie alone…
    expect(header(me.headers, 'set-cookie')).toEqual([]);
    expect(sessionIdOf(world)).toBe(id);
    expect(world.trace.causedBy(me.exchangeId)).toContainEqual(expect.objectContaining({ kind: 'note', text: expect.stringMatching(/not in node-2's memory.*left the session cookie as it is/) }));
    // …and the login works and fails by turns: every request that lands on node-2 is refused.
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const next = await alice.me();
      answers.push(`${next.node} ${next.status}${next.status === 200 ? '' : ` ${errorCode(next.body)}`}`);
    }
    expect(answers).toEqual(['node-1 200', 'node-2 401 unknown_session', 'node-1 200', 'node-2 401 unknown_session']);
  });

  it('SCALE-01: with the shared store the same requests succeed on both nodes', async () => {
    const world = await shop.world(twoNodes({ sessionStore: 'shared', lbPolicy: 'round-robin' }));
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).node).toBe('node-1');
    const me = await alice.me();
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(200);
    expect(storeEvents(world, me.exchangeId)).toContainEqual(
      expect.objectContaining({ node: 'node-2', store: 'session', op: 'read', hit: true, shared: true }),
    );
  });
});

describe('SCALE-02: with a shared store, logout on one node ends the session on every node', () => {
  it('SCALE-02: logout on node-1 → the copied cookie answers 401 on node-2 immediately', async () => {
    const world = await shop.world(twoNodes({ sessionStore: 'shared', lbPolicy: 'round-robin' }));
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const id = sessionIdOf(world);
    new Mallory(world).plantInOwnBrowser(HOST_SID, id);
    const mallory = world.page('mallory');

    const before = await mallory.me();
    expect(before.status).toBe(200);
    const logout = await alice.logout();
    expect(logout.status).toBe(200);
    const after = await mallory.me();
    expect(after.node).not.toBe(logout.node);
    expect([logout.node, after.node].sort()).toEqual(['node-1', 'node-2']);
    expect(after.status).toBe(401);
    expect(errorCode(after.body)).toBe('unknown_session');
    expect(storeEvents(world, logout.exchangeId)).toContainEqual(expect.objectContaining({ store: 'session', op: 'delete', key: id, hit: true, shared: true }));
  });
});

describe('SCALE-03: sticky sessions tie the login to one node', () => {
  it('SCALE-03: sticky + per-node store: every request goes to the pinned node until it crashes, then Alice is logged out', async () => {
    const world = await shop.world(twoNodes({ sessionStore: 'per-node', lbPolicy: 'sticky' }));
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.node).toBe('node-1');
    expect(header(login.headers, 'set-cookie')).toContainEqual(expect.stringMatching(/^__Host-lb=node-1; /));
    for (let i = 0; i < 4; i++) {
      const me = await alice.me();
      expect(me.node).toBe('node-1');
      expect(me.status).toBe(200);
    }

    world.deployment.crash('node-1');
    expect(world.trace.ofKind('deployment').at(-1)).toMatchObject({ action: 'node-crashed', node: 'node-1', detail: '1 in-memory session(s) lost' });
    const me = await alice.me();
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('unknown_session');
    expect(header(me.headers, 'set-cookie')).toContainEqual(expect.stringMatching(/^__Host-lb=node-2; /));

    // Bringing node-1 back does not bring the session back: its memory is gone.
    world.deployment.restart('node-1');
    expect(world.deployment.node('node-1').memorySessions.size).toBe(0);
    expect((await alice.me()).status).toBe(401);
  });

  it('SCALE-03: sticky + shared store: the same crash only moves Alice to node-2, still logged in', async () => {
    const world = await shop.world(twoNodes({ sessionStore: 'shared', lbPolicy: 'sticky' }));
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).node).toBe('node-1');
    world.deployment.crash('node-1');
    const me = await alice.me();
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(200);
  });
});

describe('SESS-08: ending every session of a user reaches sessions in other nodes\' memory', () => {
  async function aliceOnTwoNodes(): Promise<World> {
    const world = await shop.world(twoNodes({ sessionStore: 'per-node', lbPolicy: 'sticky' }));
    world.addBrowser('alice-phone');
    expect((await world.page('alice').login('alice', 'wonderland')).node).toBe('node-1');
    expect((await world.page('alice-phone').login('alice', 'wonderland')).node).toBe('node-2');
    return world;
  }

  it('SESS-08: a password change handled by node-1 logs out the phone whose session lives only on node-2', async () => {
    const world = await aliceOnTwoNodes();
    const change = await world.page('alice').changePassword('wonderland', 'looking-glass-42');
    expect(change.node).toBe('node-1');
    // node-1 could only delete what it holds; the phone's row is still in node-2's memory.
    expect(change.body).toMatchObject({ passwordChanged: true, sessionsEnded: 1 });
    expect(world.deployment.node('node-2').memorySessions.size).toBe(1);

    const phone = await world.page('alice-phone').me();
    expect(phone.node).toBe('node-2');
    expect({ status: phone.status, error: errorCode(phone.body) }).toEqual({ status: 401, error: 'session_expired' });
    expect(world.deployment.node('node-2').memorySessions.size).toBe(0);
    // The device that changed the password continues in its fresh session.
    expect((await world.page('alice').me()).status).toBe(200);
  });

  it('SESS-08: an admin revoke ends Alice\'s sessions on every node, even with the clock standing still', async () => {
    const world = await aliceOnTwoNodes();
    await world.page('admin').login('admin', 'console');
    const revoke = await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice' });
    expect(revoke.node).toBe('node-1');
    expect(revoke.status).toBe(200);
    // node-1 deleted the row it holds; node-2 finds its row stale on the next request.
    const laptop = await world.page('alice').me();
    expect({ node: laptop.node, status: laptop.status, error: errorCode(laptop.body) }).toEqual({ node: 'node-1', status: 401, error: 'unknown_session' });
    const phone = await world.page('alice-phone').me();
    expect({ node: phone.node, status: phone.status, error: errorCode(phone.body) }).toEqual({ node: 'node-2', status: 401, error: 'session_expired' });
    // Revoking is not disabling: Alice can log in again and stay logged in.
    expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
    expect((await world.page('alice').me()).status).toBe(200);
  });
});

describe('SCALE-04: any node verifies a JWT with the public key; a denylist brings shared state back', () => {
  it('SCALE-04: revocation none: node-2 verifies node-1\'s token with no session or denylist lookup', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'none' }, ...twoNodes({ lbPolicy: 'round-robin' }) });
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.node).toBe('node-1');
    const me = await alice.me();
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(200);
    const caused = world.trace.causedBy(me.exchangeId);
    expect(caused).toContainEqual(expect.objectContaining({ kind: 'crypto', op: 'verify', node: 'node-2', ok: true }));
    const stores = caused.filter((e): e is StoreEvent => e.kind === 'store');
    // Authentication needs no store at all; the one read is /me loading the profile it returns.
    expect(stores.filter((e) => e.store === 'session' || e.store === 'denylist')).toEqual([]);
    expect(stores.map((e) => `${e.store}:${e.op}`)).toEqual(['users:read']);
    expect(world.db.sessions.size).toBe(0);
    expect(world.deployment.node('node-2').counters).toMatchObject({ signatureChecks: 1, storeReads: 1, storeWrites: 0 });
  });

  it('SCALE-04: the published JWKS holds only the public key, and it alone verifies the token', async () => {
    const world = await shop.world({ authStyle: 'jwt', ...twoNodes({}) });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const token = alice.accessToken!;
    expect(token).toBeDefined();
    const jwks = await world.send('mallory', { url: `${SHOP_ORIGIN}/.well-known/jwks.json`, initiator: 'user' });
    expect(jwks.status).toBe(200);
    const [jwk] = (jwks.body as { keys: Record<string, unknown>[] }).keys;
    expect(jwk).toBeDefined();
    expect(jwk).not.toHaveProperty('d');
    const publicKey = await importJWK(jwk as Parameters<typeof importJWK>[0], String(jwk!.alg));
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: [String(jwk!.alg)],
      issuer: world.config.jwt.issuer,
      audience: world.config.jwt.audience,
      currentDate: world.clock.date(),
    });
    expect(payload.sub).toBe('u-1001');
  });

  it('SCALE-04: revocation denylist: every /me on either node does exactly one shared denylist read', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'denylist' }, ...twoNodes({ lbPolicy: 'round-robin' }) });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const nodes = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const me = await alice.me();
      expect(me.status).toBe(200);
      nodes.add(me.node!);
      const denylistReads = storeEvents(world, me.exchangeId).filter((e) => e.store === 'denylist');
      expect(denylistReads).toEqual([expect.objectContaining({ op: 'read', hit: false, shared: true, node: me.node })]);
    }
    expect([...nodes].sort()).toEqual(['node-1', 'node-2']);
  });

  it('SCALE-04: the denylist is what makes logout reach every node; without it a copied token outlives logout', async () => {
    for (const revocation of ['denylist', 'none'] as const) {
      const world = await shop.world({ authStyle: 'jwt', jwt: { revocation }, ...twoNodes({ lbPolicy: 'round-robin' }) });
      const alice = world.page('alice');
      await alice.login('alice', 'wonderland');
      const token = alice.accessToken!;
      const logout = await alice.logout();
      expect(logout.status).toBe(200);
      const replay = await world.send('mallory', { url: `${SHOP_ORIGIN}/me`, headers: { authorization: `Bearer ${token}` }, initiator: 'user' });
      expect(replay.node).not.toBe(logout.node);
      if (revocation === 'denylist') {
        expect(replay.status).toBe(401);
        expect(errorCode(replay.body)).toBe('token_revoked');
      } else {
        expect(replay.status).toBe(200);
        expect(replay.body).toMatchObject({ user: { username: 'alice' } });
      }
    }
  });
});

/**
 * The operator's console through the real MSW path: only an admin may use
 * it, it lists sessions by a handle that is never a usable cookie value, and
 * it ends sessions (SESS-09), whole accounts (SESS-08) and rotates signing
 * keys with an overlap so older tokens keep verifying (KEY-02).
 */
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { AuthStyle, ConfigPatch } from '../../src/sim/config';
import { ROUTES } from '../../src/sim/shop/router';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';
const ALICE_ID = 'u-1001';
const ADMIN_ID = 'u-9001';

interface SessionListRow {
  handle: string;
  userId: string | null;
  createdAt: number;
  lastSeenAt: number;
  createdOn: string;
}

interface SessionList {
  store: string;
  sessions: SessionListRow[];
  refreshFamilies: unknown[];
}

/** What the console should show for a session id: the first 12 base64url chars of SHA-256(id), computed independently. */
function expectedHandle(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

function sessionIdOf(world: World, browser: string): string {
  const id = world.browser(browser).cookies().find((c) => c.name === HOST_SID)?.value;
  if (!id) throw new Error(`${browser} holds no session cookie`);
  return id;
}

function expectError(response: SimResponse, status: number, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status, error: code });
}

async function logIn(world: World, browser: string, username: string, password: string): Promise<void> {
  const response = await world.page(browser).login(username, password);
  expect(response.status).toBe(200);
}

function sessionWorld(): Promise<World> {
  return shop.world({ authStyle: 'session' });
}

function jwtWorld(patch: ConfigPatch['jwt'] = {}): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', storage: 'memory', ...patch } });
}

/** Every admin route with a body that would do real harm if the caller were allowed. */
function adminCalls(handle: string): [method: string, path: string, body?: unknown][] {
  return [
    ['GET', '/admin/sessions'],
    ['POST', '/admin/sessions/revoke', { handle }],
    ['GET', '/admin/users'],
    ['POST', '/admin/users/revoke', { username: 'bob', disable: true }],
    ['POST', '/admin/keys/rotate', {}],
    ['POST', '/admin/keys/remove', { kid: 'es256-1' }],
  ];
}

describe('the console is for admins only, in both auth styles', () => {
  it('the list of admin calls below covers every /admin route of the router', () => {
    const routed = Object.entries(ROUTES)
      .filter(([path]) => path.startsWith('/admin/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
      .sort();
    expect(adminCalls('x').map(([method, path]) => `${method} ${path}`).sort()).toEqual(routed);
  });

  it.each<AuthStyle>(['session', 'jwt'])('%s style: Alice (a customer) gets 403 forbidden on every admin route, and nothing changes', async (authStyle) => {
    const world = authStyle === 'session' ? await sessionWorld() : await jwtWorld();
    await logIn(world, 'admin', 'admin', 'console');
    await logIn(world, 'alice', 'alice', 'wonderland');
    // In session style Alice aims at the admin's real session; in JWT style there is none.
    const target = authStyle === 'session' ? expectedHandle(sessionIdOf(world, 'admin')) : 'AAAAAAAAAAAA';
    const alice = world.page('alice');
    for (const [method, path, body] of adminCalls(target)) {
      const response = await alice.call(method, path, body);
      expect({ call: `${method} ${path}`, status: response.status, error: errorCode(response.body) }).toEqual({
        call: `${method} ${path}`,
        status: 403,
        error: 'forbidden',
      });
      expect(response.body).not.toHaveProperty('sessions');
      expect(response.body).not.toHaveProperty('users');
    }
    const bob = world.db.users.get('u-1002')!;
    expect({ disabled: bob.disabled, notBefore: bob.tokensNotBeforeSec }).toEqual({ disabled: false, notBefore: 0 });
    expect(world.keys.keys).toHaveLength(1);
    // The admin is still logged in and Alice is still a customer.
    expect((await world.page('admin').me()).status).toBe(200);
    expect((await alice.me()).body).toMatchObject({ user: { username: 'alice', role: 'customer' } });
  });

  it.each<[AuthStyle, string]>([
    ['session', 'not_authenticated'],
    ['jwt', 'token_missing'],
  ])('%s style: a logged-out browser gets 401 %s on every admin route', async (authStyle, code) => {
    const world = authStyle === 'session' ? await sessionWorld() : await jwtWorld();
    world.addBrowser('visitor');
    const visitor = world.page('visitor');
    for (const [method, path, body] of adminCalls('AAAAAAAAAAAA')) {
      const response = await visitor.call(method, path, body);
      expect({ call: `${method} ${path}`, status: response.status, error: errorCode(response.body) }).toEqual({
        call: `${method} ${path}`,
        status: 401,
        error: code,
      });
    }
    expect(world.keys.keys).toHaveLength(1);
    expect(world.db.users.get('u-1002')!.disabled).toBe(false);
  });
});

describe('the session list shows handles, never session ids', () => {
  it('SESS-09: GET /admin/sessions lists each row by a 12-character handle; no field and no byte of the answer holds a session id', async () => {
    const world = await sessionWorld();
    world.addBrowser('alice-phone');
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'alice-phone', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const ids = ['alice', 'alice-phone', 'admin'].map((b) => sessionIdOf(world, b));
    expect(new Set(ids).size).toBe(3);

    const response = await world.page('admin').call('GET', '/admin/sessions');
    expect(response.status).toBe(200);
    const list = response.body as SessionList;
    expect(list.store).toBe('shared');
    expect(list.sessions).toHaveLength(3);
    for (const row of list.sessions) {
      expect(Object.keys(row).sort()).toEqual(['createdAt', 'createdOn', 'handle', 'lastSeenAt', 'userId']);
      expect(row.handle).toMatch(/^[A-Za-z0-9_-]{12}$/);
      for (const value of Object.values(row)) {
        for (const id of ids) {
          expect(String(value)).not.toBe(id);
          expect(String(value)).not.toContain(id);
        }
      }
    }
    // The handles are exactly those of the three live sessions, one per row.
    expect(list.sessions.map((r) => r.handle).sort()).toEqual(ids.map(expectedHandle).sort());
    expect(list.sessions.filter((r) => r.userId === ALICE_ID)).toHaveLength(2);
    expect(list.sessions.filter((r) => r.userId === ADMIN_ID)).toHaveLength(1);
    // Neither the JSON text nor the raw body the browser got contains an id or a cookie.
    const text = JSON.stringify(response.body);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain(HOST_SID);
    const wire = world.trace.ofKind('exchange').find((e) => e.id === response.exchangeId)!;
    expect(JSON.stringify(wire.response)).not.toContain(ids[0]);
  });

  it('GET /admin/users lists the accounts without password hashes or salts', async () => {
    const world = await sessionWorld();
    await logIn(world, 'admin', 'admin', 'console');
    const response = await world.page('admin').call('GET', '/admin/users');
    expect(response.status).toBe(200);
    const { users } = response.body as { users: Record<string, unknown>[] };
    expect(users.map((u) => u.username).sort()).toEqual(['admin', 'alice', 'bob', 'mallory']);
    for (const user of users) expect(Object.keys(user).sort()).toEqual(['disabled', 'id', 'role', 'username']);
    const text = JSON.stringify(response.body);
    for (const row of world.db.users.values()) {
      expect(text).not.toContain(row.passwordHash);
      expect(text).not.toContain(row.salt);
    }
  });
});

describe('SESS-09: the admin revokes one session by its handle', () => {
  it('SESS-09: the revoked session → 401 unknown_session; Alice’s other device and the admin stay logged in', async () => {
    const world = await sessionWorld();
    world.addBrowser('alice-phone');
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'alice-phone', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const laptopId = sessionIdOf(world, 'alice');
    const phoneId = sessionIdOf(world, 'alice-phone');
    const adminId = sessionIdOf(world, 'admin');
    const admin = world.page('admin');

    const list = (await admin.call('GET', '/admin/sessions')).body as SessionList;
    const handle = list.sessions.find((r) => r.handle === expectedHandle(laptopId))?.handle;
    expect(handle).toBeDefined();

    const revoke = await admin.call('POST', '/admin/sessions/revoke', { handle });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toEqual({ revoked: handle });
    expect([...world.db.sessions.keys()].sort()).toEqual([phoneId, adminId].sort());

    const me = await world.page('alice').me();
    expectError(me, 401, 'unknown_session');
    const phone = await world.page('alice-phone').me();
    expect(phone.status).toBe(200);
    expect(phone.body).toMatchObject({ user: { username: 'alice' } });
    expect((await admin.me()).status).toBe(200);

    const after = (await admin.call('GET', '/admin/sessions')).body as SessionList;
    expect(after.sessions.map((r) => r.handle).sort()).toEqual([expectedHandle(phoneId), expectedHandle(adminId)].sort());
  });

  it('SESS-09: an unknown handle (or one already revoked) → 404 not_found and no session ends', async () => {
    const world = await sessionWorld();
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const admin = world.page('admin');
    const aliceId = sessionIdOf(world, 'alice');

    expectError(await admin.call('POST', '/admin/sessions/revoke', { handle: 'no-such-hndl' }), 404, 'not_found');
    // The raw session id is not a handle either: the console never takes secrets.
    expectError(await admin.call('POST', '/admin/sessions/revoke', { handle: aliceId }), 404, 'not_found');
    expect(world.db.sessions.size).toBe(2);
    expect((await world.page('alice').me()).status).toBe(200);

    const handle = expectedHandle(aliceId);
    expect((await admin.call('POST', '/admin/sessions/revoke', { handle })).status).toBe(200);
    expectError(await admin.call('POST', '/admin/sessions/revoke', { handle }), 404, 'not_found');
    expect([...world.db.sessions.keys()]).toEqual([sessionIdOf(world, 'admin')]);
  });
});

describe('SESS-08: disabling an account ends everything it holds', () => {
  it('SESS-08: session style: POST /admin/users/revoke {disable:true} ends both of Alice’s sessions and her login then fails', async () => {
    const world = await sessionWorld();
    world.addBrowser('alice-phone');
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'alice-phone', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const adminId = sessionIdOf(world, 'admin');

    const revoke = await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice', disable: true });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ user: { id: ALICE_ID, username: 'alice' }, disabled: true, sessionsEnded: 2 });
    expect([...world.db.sessions.values()].filter((r) => r.userId === ALICE_ID)).toEqual([]);
    expect([...world.db.sessions.keys()]).toEqual([adminId]);
    expect(world.db.users.get(ALICE_ID)!.disabled).toBe(true);

    expectError(await world.page('alice').me(), 401, 'unknown_session');
    expectError(await world.page('alice-phone').me(), 401, 'unknown_session');
    const relogin = await world.page('alice').login('alice', 'wonderland');
    expectError(relogin, 401, 'bad_credentials');
    expect(relogin.headers.some(([name]) => name === 'set-cookie')).toBe(false);
    expect([...world.db.sessions.values()].filter((r) => r.userId === ALICE_ID)).toEqual([]);
    // Bob is untouched, and the admin's own session stays.
    world.addBrowser('bob');
    await logIn(world, 'bob', 'bob', 'builder');
    expect((await world.page('admin').me()).status).toBe(200);
  });

  it('SESS-08 REVOKE-03: JWT style with not-before: Alice’s access tokens → 401 token_revoked and her refresh tokens → 401 refresh_invalid', async () => {
    const world = await jwtWorld({ revocation: 'not-before' });
    world.addBrowser('alice-phone');
    const alice = world.page('alice');
    const phone = world.page('alice-phone');
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'alice-phone', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const stolen = alice.accessToken!;
    expect((await alice.me()).status).toBe(200);
    world.advance(30_000);

    const revoke = await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice', disable: true });
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ disabled: true, sessionsEnded: 0, familiesEnded: 2 });
    const row = world.db.users.get(ALICE_ID)!;
    expect(row.disabled).toBe(true);
    expect(decodeJwt(stolen).iat!).toBeLessThan(row.tokensNotBeforeSec);
    const families = [...world.db.refreshFamilies.values()].filter((f) => f.userId === ALICE_ID);
    expect(families.map((f) => [f.state, f.endedBy])).toEqual([['revoked', 'admin'], ['revoked', 'admin']]);

    expectError(await alice.me(), 401, 'token_revoked');
    expectError(await phone.me(), 401, 'token_revoked');
    // A copy of the token replayed from another browser fares no better.
    expectError(await new Mallory(world).request('GET', '/cart', { headers: { authorization: `Bearer ${stolen}` } }), 401, 'token_revoked');
    const refresh = await alice.refresh();
    expectError(refresh, 401, 'refresh_invalid');
    expectError(await phone.refresh(), 401, 'refresh_invalid');
    expectError(await alice.login('alice', 'wonderland'), 401, 'bad_credentials');
    // Only Alice's families ended: the admin still works.
    expect([...world.db.refreshFamilies.values()].filter((f) => f.userId === ADMIN_ID).map((f) => f.state)).toEqual(['active']);
    expect((await world.page('admin').me()).status).toBe(200);
  });
});

describe('KEY-02: key rotation with overlap', () => {
  it('KEY-02: after POST /admin/keys/rotate the JWKS holds both keys, new logins use the new kid, and an older token verifies until it expires', async () => {
    const world = await jwtWorld({ alg: 'ES256' });
    world.addBrowser('bob');
    const alice = world.page('alice');
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const before = alice.accessToken!;
    const oldKid = decodeProtectedHeader(before).kid;
    expect(oldKid).toEqual(expect.any(String));
    const jwksBefore = (await alice.call('GET', '/.well-known/jwks.json')).body as { keys: JWK[] };
    expect(jwksBefore.keys.map((k) => k.kid)).toEqual([oldKid]);

    world.advance(60_000);
    const rotate = await world.page('admin').call('POST', '/admin/keys/rotate', {});
    expect(rotate.status).toBe(200);
    const { activeKid } = rotate.body as { activeKid: string; jwks: { keys: JWK[] } };
    expect(activeKid).not.toBe(oldKid);
    // The new key is published in the same answer that announces it.
    expect((rotate.body as { jwks: { keys: JWK[] } }).jwks.keys.map((k) => k.kid)).toContain(activeKid);

    const jwks = await alice.call('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const { keys } = jwks.body as { keys: JWK[] };
    expect(keys).toHaveLength(2);
    expect(keys.map((k) => k.kid).sort()).toEqual([oldKid, activeKid].sort());
    expect(new Set(keys.map((k) => k.kid)).size).toBe(2);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(key).not.toHaveProperty('d');
    }

    // New logins are signed with the new key.
    await logIn(world, 'bob', 'bob', 'builder');
    const bobToken = world.page('bob').accessToken!;
    expect(decodeProtectedHeader(bobToken)).toMatchObject({ alg: 'ES256', kid: activeKid });
    expect((await world.page('bob').me()).status).toBe(200);

    // The token signed before the rotation keeps verifying…
    const stillGood = await alice.me();
    expect(stillGood.status).toBe(200);
    expect(world.trace.causedBy(stillGood.exchangeId)).toContainEqual(expect.objectContaining({ kind: 'crypto', op: 'verify', ok: true }));
    const { exp } = decodeJwt(before);
    world.advance(exp! * 1000 - world.clock.now() - 1_000);
    expect((await alice.me()).status).toBe(200);
    // …until its own expiry (plus the few seconds of tolerance), not because of the rotation.
    world.advance(10_000);
    expectError(await alice.me(), 401, 'token_expired');
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    expect(decodeProtectedHeader(alice.accessToken!).kid).toBe(activeKid);
  });
});

describe('SESS-08: a disabled account stays disabled and can no longer act', () => {
  it('SESS-08: a later revoke without "disable" does not re-enable the account', async () => {
    const world = await sessionWorld();
    await logIn(world, 'admin', 'admin', 'console');
    const admin = world.page('admin');
    expect((await admin.call('POST', '/admin/users/revoke', { username: 'alice', disable: true })).status).toBe(200);
    const again = await admin.call('POST', '/admin/users/revoke', { username: 'alice' });
    expect(again.body).toMatchObject({ disabled: true });
    expectError(await world.page('alice').login('alice', 'wonderland'), 401, 'bad_credentials');
  });

  it('SESS-08: a session the revoke could not reach (another node\'s memory) ends on its next request once the account is disabled: no route acts as Alice', async () => {
    const world = await shop.world({ deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    await logIn(world, 'alice', 'alice', 'wonderland');
    await logIn(world, 'admin', 'admin', 'console');
    const aliceNode = world.deployment.nodes.find((n) => [...n.memorySessions.values()].some((r) => r.userId === ALICE_ID))!;
    const adminNode = world.deployment.nodes.find((n) => [...n.memorySessions.values()].some((r) => r.userId === ADMIN_ID))!;
    // Sticky round-robin puts the two browsers on different nodes, so the revoke cannot see Alice's row.
    expect(aliceNode.id).not.toBe(adminNode.id);
    const revoke = await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice', disable: true });
    expect(revoke.body).toMatchObject({ sessionsEnded: 0, disabled: true });
    const alice = world.page('alice');
    expectError(await alice.me(), 401, 'not_authenticated');
    expect(aliceNode.memorySessions.size).toBe(0);
    // The cart allows guests: the write lands in a fresh guest session that is nobody's account.
    const cart = await alice.addToCart('tea', 1);
    expect({ status: cart.status, body: cart.body }).toEqual({ status: 200, body: { cart: [{ sku: 'tea', qty: 1 }], guest: true } });
    expect([...aliceNode.memorySessions.values()].map((r) => r.userId)).toEqual([null]);
    expectError(await alice.call('GET', '/settings'), 401, 'not_authenticated');
  });
});

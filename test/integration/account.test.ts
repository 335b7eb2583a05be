/**
 * The account routes a learner touches first: login (same answer for an
 * unknown user and a wrong password; validation that names the field; the
 * guest cart carried into a fresh session), password change (a new session
 * id and the other device logged out, SESS-02/SESS-08), the no-store and
 * Clear-Site-Data headers (SESS-11), and GETs that never change state
 * (CSRF-06), even when a cross-site link brings the Lax cookie along.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { AuthStyle } from '../../src/sim/config';
import { ROUTES } from '../../src/sim/shop/router';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';
const ALICE_ID = 'u-1001';

function sessionIdOf(world: World, browser: string): string | undefined {
  return world.browser(browser).cookies().find((c) => c.name === HOST_SID)?.value;
}

function expectError(response: SimResponse, status: number, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status, error: code });
}

async function logIn(world: World, browser: string, username = 'alice', password = 'wonderland'): Promise<string | undefined> {
  const response = await world.page(browser).login(username, password);
  expect(response.status).toBe(200);
  return sessionIdOf(world, browser);
}

/** Mallory puts a copied cookie value into her own browser and calls /me with it. */
function replaySessionId(world: World, id: string): Promise<SimResponse> {
  const mallory = new Mallory(world);
  mallory.plantInOwnBrowser(HOST_SID, id);
  return mallory.request('GET', '/me');
}

function aliceSessionIds(world: World): string[] {
  return [...world.db.sessions.values()].filter((r) => r.userId === ALICE_ID).map((r) => r.id).sort();
}

describe('SESS-02 SESS-08: password change in session style', () => {
  it('SESS-02 SESS-08: a password change issues a new session id, the old id → 401, and Alice’s other device is logged out', async () => {
    const world = await shop.world({ authStyle: 'session' });
    world.addBrowser('alice-phone');
    const oldId = (await logIn(world, 'alice'))!;
    const phoneId = (await logIn(world, 'alice-phone'))!;
    const alice = world.page('alice');
    expect((await alice.addToCart('tea', 2)).status).toBe(200);
    world.advance(60_000);

    const change = await alice.changePassword('wonderland', 'looking-glass-42');
    expect(change.status).toBe(200);
    expect(change.body).toEqual({ passwordChanged: true, sessionsEnded: 2 });
    const [setCookie] = header(change.headers, 'set-cookie');
    expect(setCookie).toMatch(/^__Host-shop_sid=[A-Za-z0-9_-]{43}; /);
    const newId = sessionIdOf(world, 'alice')!;
    expect(newId).not.toBe(oldId);
    expect(newId).not.toBe(phoneId);
    expect(setCookie).toContain(`=${newId};`);
    // The store holds exactly one session of Alice's: the new one.
    expect(aliceSessionIds(world)).toEqual([newId]);

    expectError(await replaySessionId(world, oldId), 401, 'unknown_session');
    expectError(await world.page('alice-phone').me(), 401, 'unknown_session');
    const me = await alice.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'alice' } });
    // The cart followed Alice into the new session.
    expect((await alice.cart()).body).toEqual({ cart: [{ sku: 'tea', qty: 2 }], guest: false });

    const phone = world.page('alice-phone');
    expectError(await phone.login('alice', 'wonderland'), 401, 'bad_credentials');
    expect((await phone.login('alice', 'looking-glass-42')).status).toBe(200);
  });

  it('SESS-08: a wrong current password → 401 bad_credentials and changes nothing: same ids, both devices, old password', async () => {
    const world = await shop.world({ authStyle: 'session' });
    world.addBrowser('alice-phone');
    const laptopId = (await logIn(world, 'alice'))!;
    const phoneId = (await logIn(world, 'alice-phone'))!;
    const row = world.db.users.get(ALICE_ID)!;
    const before = { passwordHash: row.passwordHash, salt: row.salt, tokensNotBeforeSec: row.tokensNotBeforeSec };

    const change = await world.page('alice').changePassword('not-my-password', 'looking-glass-42');
    expectError(change, 401, 'bad_credentials');
    expect(header(change.headers, 'set-cookie')).toEqual([]);
    expect(sessionIdOf(world, 'alice')).toBe(laptopId);
    expect(aliceSessionIds(world)).toEqual([laptopId, phoneId].sort());
    const after = world.db.users.get(ALICE_ID)!;
    expect({ passwordHash: after.passwordHash, salt: after.salt, tokensNotBeforeSec: after.tokensNotBeforeSec }).toEqual(before);

    expect((await world.page('alice').me()).status).toBe(200);
    expect((await world.page('alice-phone').me()).status).toBe(200);
    world.addBrowser('alice-tablet');
    expectError(await world.page('alice-tablet').login('alice', 'looking-glass-42'), 401, 'bad_credentials');
    expect((await world.page('alice-tablet').login('alice', 'wonderland')).status).toBe(200);
  });
});

describe('SESS-11: no caching of authenticated answers; Clear-Site-Data at logout', () => {
  it.each<AuthStyle>(['session', 'jwt'])('SESS-11: %s style: every authenticated answer carries exactly Cache-Control: no-store', async (authStyle) => {
    const world = await shop.world({ authStyle });
    const alice = world.page('alice');
    const responses: [string, SimResponse][] = [['POST /login', await alice.login('alice', 'wonderland')]];
    responses.push(['GET /me', await alice.me()]);
    responses.push(['POST /cart', await alice.addToCart('tea')]);
    responses.push(['GET /cart', await alice.cart()]);
    responses.push(['PUT /settings', await alice.saveSettings({ theme: 'dark' })]);
    responses.push(['GET /settings', await alice.call('GET', '/settings')]);
    for (const [label, response] of responses) {
      expect({ label, status: response.status, cacheControl: header(response.headers, 'cache-control') }).toEqual({
        label,
        status: 200,
        cacheControl: ['no-store'],
      });
    }
  });

  it('SESS-11 SESS-07: session logout sends Clear-Site-Data (and no-store), and the session is gone on the server', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = (await logIn(world, 'alice'))!;
    const logout = await world.page('alice').logout();
    expect(logout.status).toBe(200);
    expect(header(logout.headers, 'clear-site-data')).toEqual(['"cookies", "storage"']);
    expect(header(logout.headers, 'cache-control')).toEqual(['no-store']);
    expect(world.db.sessions.has(id)).toBe(false);
    expectError(await replaySessionId(world, id), 401, 'unknown_session');
  });
});

describe('CSRF-06: no GET changes state', () => {
  it('CSRF-06: GET /logout and GET /password → 405 method_not_allowed; Alice stays logged in with the same password', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = (await logIn(world, 'alice'))!;
    const alice = world.page('alice');
    const hash = world.db.users.get(ALICE_ID)!.passwordHash;

    const logout = await alice.call('GET', '/logout');
    expectError(logout, 405, 'method_not_allowed');
    expect(header(logout.headers, 'set-cookie')).toEqual([]);
    expect(header(logout.headers, 'clear-site-data')).toEqual([]);
    const password = await alice.call('GET', '/password?currentPassword=wonderland&newPassword=owned');
    expectError(password, 405, 'method_not_allowed');

    expect(sessionIdOf(world, 'alice')).toBe(id);
    expect(aliceSessionIds(world)).toEqual([id]);
    expect(world.db.users.get(ALICE_ID)!.passwordHash).toBe(hash);
    expect((await alice.me()).status).toBe(200);
    world.addBrowser('alice-phone');
    expectError(await world.page('alice-phone').login('alice', 'owned'), 401, 'bad_credentials');
  });

  it('CSRF-06: GET /cart?add=… only reads: 200 with the cart as it was, nothing added', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = (await logIn(world, 'alice'))!;
    const alice = world.page('alice');
    expect((await alice.addToCart('tea', 1)).status).toBe(200);

    const get = await alice.call('GET', '/cart?add=gold-bar&sku=gold-bar&qty=99');
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ cart: [{ sku: 'tea', qty: 1 }], guest: false });
    expect(world.db.sessions.get(id)!.cart).toEqual([{ sku: 'tea', qty: 1 }]);
    // And from a cross-site link, which carries the Lax cookie, the same.
    const link = await new Mallory(world).crossSiteLink('alice', '/cart?add=gold-bar&sku=gold-bar&qty=99');
    expect(link.status).toBe(200);
    expect(world.db.sessions.get(id)!.cart).toEqual([{ sku: 'tea', qty: 1 }]);
    expect((await alice.cart()).body).toEqual({ cart: [{ sku: 'tea', qty: 1 }], guest: false });
  });

  it('CSRF-06 CSRF-07: a cross-site link to GET /logout carries Alice’s Lax cookie, yet cannot log her out', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = (await logIn(world, 'alice'))!;

    const link = await new Mallory(world).crossSiteLink('alice', '/logout');
    const sent = world.trace.ofKind('exchange').find((e) => e.id === link.exchangeId)!;
    const find = (name: string) => sent.request.headers.find(([n]) => n === name)?.[1];
    expect(sent.request.method).toBe('GET');
    expect(find('sec-fetch-site')).toBe('cross-site');
    expect(find('sec-fetch-mode')).toBe('navigate');
    // The top-level GET did bring the session cookie along (SameSite=Lax)…
    expect(find('cookie')).toBe(`${HOST_SID}=${id}`);
    // …but GET is not a way to log out.
    expectError(link, 405, 'method_not_allowed');
    expect(header(link.headers, 'set-cookie')).toEqual([]);
    expect(header(link.headers, 'clear-site-data')).toEqual([]);
    expect(world.db.sessions.has(id)).toBe(true);
    expect(sessionIdOf(world, 'alice')).toBe(id);
    const me = await world.page('alice').me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'alice' } });
  });

  it('CSRF-06: every route, reached by a cross-site GET link with Alice’s cookie, leaves users, sessions, carts, settings and keys unchanged', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = (await logIn(world, 'alice'))!;
    expect((await world.page('alice').addToCart('tea', 1)).status).toBe(200);
    const snapshot = () => ({
      users: [...world.db.users.values()].map((u) => ({ ...u })),
      sessions: [...world.db.sessions.values()].map(({ id: sid, userId, cart }) => ({ sid, userId, cart: cart.map((i) => ({ ...i })) })),
      carts: [...world.db.carts.entries()],
      settings: [...world.db.settings.entries()],
      denylist: world.db.denylist.size,
      families: world.db.refreshFamilies.size,
      kids: world.keys.keys.map((k) => k.kid),
    });
    const before = snapshot();
    const mallory = new Mallory(world);
    const statuses: Record<string, number> = {};
    for (const path of Object.keys(ROUTES)) {
      const link = await mallory.crossSiteLink('alice', `${path}?username=alice&password=x&handle=x&sku=x&disable=true`);
      statuses[path] = link.status;
      if (!('GET' in ROUTES[path]!)) expectError(link, 405, 'method_not_allowed');
    }
    expect(snapshot()).toEqual(before);
    expect(sessionIdOf(world, 'alice')).toBe(id);
    // The GET routes that exist answered as reads; the rest were refused.
    expect(statuses).toMatchObject({ '/me': 200, '/cart': 200, '/logout': 405, '/login': 405, '/password': 405, '/admin/keys/rotate': 405 });
  });
});

describe('login answers', () => {
  it.each<AuthStyle>(['session', 'jwt'])('%s style: an unknown user and a wrong password get the very same 401 bad_credentials (no account enumeration)', async (authStyle) => {
    const world = await shop.world({ authStyle });
    const alice = world.page('alice');
    const unknown = await alice.login('alicia', 'wonderland');
    const wrong = await alice.login('alice', 'wrong-password');
    expectError(unknown, 401, 'bad_credentials');
    expectError(wrong, 401, 'bad_credentials');
    expect(unknown.body).toEqual(wrong.body);
    for (const response of [unknown, wrong]) {
      expect(header(response.headers, 'set-cookie')).toEqual([]);
      expect(response.body).not.toHaveProperty('accessToken');
    }
    expect(world.db.sessions.size).toBe(0);
    expect(world.db.refreshFamilies.size).toBe(0);
    expect(alice.browser.cookies()).toEqual([]);
  });

  it('validation names the field: missing password → 400 bad_request naming "password", missing username → naming "username"', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const alice = world.page('alice');
    const noPassword = await alice.call('POST', '/login', { username: 'alice' });
    expectError(noPassword, 400, 'bad_request');
    expect((noPassword.body as { message: string }).message).toContain('"password"');
    const emptyPassword = await alice.call('POST', '/login', { username: 'alice', password: '' });
    expectError(emptyPassword, 400, 'bad_request');
    expect((emptyPassword.body as { message: string }).message).toContain('"password"');
    const noUsername = await alice.call('POST', '/login', { password: 'wonderland' });
    expectError(noUsername, 400, 'bad_request');
    expect((noUsername.body as { message: string }).message).toContain('"username"');
    expect((noUsername.body as { message: string }).message).not.toContain('"password"');
    expect(world.db.sessions.size).toBe(0);
  });
});

describe('SESS-02: the guest cart is carried into a fresh session at login', () => {
  it('SESS-02 CSRF-08: a guest’s cart survives login, under a new session id; the guest id → 401', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const alice = world.page('alice');
    const add = await alice.addToCart('tea', 3);
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ cart: [{ sku: 'tea', qty: 3 }], guest: true });
    const guestId = sessionIdOf(world, 'alice')!;
    expect(guestId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(world.db.sessions.get(guestId)).toMatchObject({ userId: null, cart: [{ sku: 'tea', qty: 3 }] });

    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    const userId = sessionIdOf(world, 'alice')!;
    expect(userId).not.toBe(guestId);
    expect(world.db.sessions.has(guestId)).toBe(false);
    expect(world.db.sessions.get(userId)).toMatchObject({ userId: ALICE_ID, cart: [{ sku: 'tea', qty: 3 }] });
    expect([...world.db.sessions.keys()]).toEqual([userId]);

    expect((await alice.cart()).body).toEqual({ cart: [{ sku: 'tea', qty: 3 }], guest: false });
    expectError(await replaySessionId(world, guestId), 401, 'unknown_session');
  });
});

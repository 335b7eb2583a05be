/**
 * A dead session cookie (idle-expired, logged out, revoked, or never issued)
 * does not lock a visitor out. As in express-session, Spring Session or PHP
 * in strict mode, a route that allows guests (cart, /csrf, login) carries on
 * as for a visitor without a session, in a fresh guest session with a new
 * random id when it needs one; a route that needs a user answers 401 with a
 * stable code and clears the dead cookie, when the node can know it is dead:
 * with per-node memory an id a node does not hold may live on another node,
 * so that node leaves the cookie alone (SCALE-01). The presented id is never adopted
 * (SESS-03), and a replayed old cookie never reaches Alice's account or cart
 * (SESS-02, SESS-07). Each outcome is said in words in the trace.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { MINUTE } from '../../src/sim/clock';
import { SHOP_ORIGIN } from '../../src/sim/config';
import { FlowRunner } from '../../src/machines/flow-runner';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();
const SID = '__Host-shop_sid';

function issuedId(response: SimResponse): string | undefined {
  for (const value of header(response.headers, 'set-cookie')) {
    const match = /^__Host-shop_sid=([^;]+)/.exec(value);
    if (match) return match[1];
  }
  return undefined;
}

const jarId = (world: World, browser = 'alice') => world.browser(browser).cookies().find((c) => c.name === SID)?.value;

/** What the server said about the request in words (a `note` event of this exchange). */
const notes = (world: World, response: SimResponse) =>
  world.trace.causedBy(response.exchangeId).flatMap((e) => (e.kind === 'note' ? [e.text] : []));

async function loggedIn(world: World): Promise<string> {
  const login = await world.page('alice').login('alice', 'wonderland');
  expect(login.status).toBe(200);
  return issuedId(login)!;
}

describe('a guest route answers a dead session id with a fresh guest session', () => {
  it('SESS-05: after the idle timeout, adding to the cart works in a new guest session with a new id; it stays working', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const dead = await loggedIn(world);
    world.advance(16 * MINUTE);

    const add = await alice.addToCart('tea', 1);
    expect({ status: add.status, body: add.body }).toEqual({ status: 200, body: { cart: [{ sku: 'tea', qty: 1 }], guest: true } });
    const fresh = issuedId(add);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(dead);
    expect(world.db.sessions.has(dead)).toBe(false);
    expect(world.db.sessions.get(fresh!)).toMatchObject({ userId: null, cart: [{ sku: 'tea', qty: 1 }] });
    expect(jarId(world)).toBe(fresh);
    expect(notes(world, add)).toEqual([expect.stringMatching(/inactivity.*started a fresh guest session with a new id and an empty cart/)]);
    // The session machine's verdict on the dead one is traced too.
    expect(world.trace.causedBy(add.exchangeId)).toContainEqual(expect.objectContaining({ kind: 'lifecycle', guard: 'idleTooLong', to: 'idleExpired' }));

    const again = await alice.addToCart('tea', 1);
    expect(again.body).toEqual({ cart: [{ sku: 'tea', qty: 2 }], guest: true });
    expect(issuedId(again)).toBeUndefined();
  });

  it('SESS-03: an id the server never issued is not adopted: the write lands in a fresh server-made guest session', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    expect(alice.browser.jar.receive(`${SID}=attacker123; Path=/; Secure`, `${SHOP_ORIGIN}/`, world.clock.now()).ok).toBe(true);
    const add = await alice.addToCart('tea', 1);
    expect(add.status).toBe(200);
    const fresh = issuedId(add)!;
    expect(fresh).not.toBe('attacker123');
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(world.db.sessions.has('attacker123')).toBe(false);
    expect(notes(world, add)).toEqual([expect.stringMatching(/^Unknown session [A-Za-z0-9_-]{12} .*started a fresh guest session/)]);
    // Mallory, who chose the id, holds nothing.
    new Mallory(world).plantInOwnBrowser(SID, 'attacker123');
    expect((await world.page('mallory').cart()).body).toEqual({ cart: [], guest: true });
  });

  it('GET /cart with a dead id shows the empty guest cart and clears the dead cookie, as for a visitor without one', async () => {
    const world = await shop.world();
    await loggedIn(world);
    await world.page('alice').logout();
    expect(world.browser('alice').jar.receive(`${SID}=long-gone; Path=/; Secure`, `${SHOP_ORIGIN}/`, world.clock.now()).ok).toBe(true);
    const cart = await world.page('alice').cart();
    expect({ status: cart.status, body: cart.body }).toEqual({ status: 200, body: { cart: [], guest: true } });
    expect(header(cart.headers, 'set-cookie')).toEqual([expect.stringMatching(/^__Host-shop_sid=; .*Max-Age=0/)]);
    expect(jarId(world)).toBeUndefined();
    expect(world.db.sessions.size).toBe(0);
  });
});

describe('a route that needs a user answers 401 and clears the dead cookie', () => {
  it('SESS-05: /me after the idle timeout → 401 session_expired with the same clearing Set-Cookie as logout; then unknown is not repeated', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await loggedIn(world);
    world.advance(16 * MINUTE);
    const me = await alice.me();
    expect({ status: me.status, error: errorCode(me.body) }).toEqual({ status: 401, error: 'session_expired' });
    const cleared = header(me.headers, 'set-cookie');
    expect(jarId(world)).toBeUndefined();
    expect(notes(world, me)).toEqual([expect.stringMatching(/inactivity.*answered 401 and cleared the session cookie/)]);

    await loggedIn(world);
    const logout = await alice.logout();
    expect(cleared).toEqual(header(logout.headers, 'set-cookie'));
    // Without the dead cookie the next visit is simply not logged in.
    const after = await alice.me();
    expect({ status: after.status, error: errorCode(after.body) }).toEqual({ status: 401, error: 'not_authenticated' });
  });

  it('SESS-07: a copied cookie replayed after logout → 401 unknown_session and a clearing Set-Cookie', async () => {
    const world = await shop.world();
    const id = await loggedIn(world);
    new Mallory(world).plantInOwnBrowser(SID, id);
    await world.page('alice').logout();
    const replay = await world.page('mallory').me();
    expect({ status: replay.status, error: errorCode(replay.body) }).toEqual({ status: 401, error: 'unknown_session' });
    expect(header(replay.headers, 'set-cookie')).toEqual([expect.stringMatching(/^__Host-shop_sid=; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=0/)]);
    expect(jarId(world, 'mallory')).toBeUndefined();
  });
});

describe('with per-node memory, a node clears only a cookie it knows is dead', () => {
  const perNode = { deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'round-robin' } } as const;

  it("GET /cart on the node that does not hold Alice's session answers as for a guest and leaves her cookie; node-1 still knows her", async () => {
    const world = await shop.world(perNode);
    const id = await loggedIn(world);
    const cart = await world.page('alice').cart();
    expect({ node: cart.node, body: cart.body }).toEqual({ node: 'node-2', body: { cart: [], guest: true } });
    expect(header(cart.headers, 'set-cookie')).toEqual([]);
    expect(notes(world, cart)).toEqual([expect.stringMatching(/not in node-2's memory.*left the session cookie as it is/)]);
    expect(jarId(world)).toBe(id);
    const me = await world.page('alice').me();
    expect({ node: me.node, status: me.status }).toEqual({ node: 'node-1', status: 200 });
  });

  it('SESS-05: the node that held the session and ended it (idle timeout) clears the cookie', async () => {
    const world = await shop.world(perNode);
    await loggedIn(world);
    world.advance(16 * MINUTE);
    await world.page('alice').cart();
    const me = await world.page('alice').me();
    expect({ node: me.node, status: me.status, error: errorCode(me.body) }).toEqual({ node: 'node-1', status: 401, error: 'session_expired' });
    expect(header(me.headers, 'set-cookie')).toEqual([expect.stringMatching(/^__Host-shop_sid=; .*Max-Age=0/)]);
    expect(jarId(world)).toBeUndefined();
  });
});

describe('a replayed old cookie never reaches Alice\'s account or cart', () => {
  it('SESS-07: after logout and a new login, the old cookie on /cart gets an empty guest cart of its own; Alice\'s cart is untouched', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const old = await loggedIn(world);
    await alice.addToCart('tea', 1);
    new Mallory(world).plantInOwnBrowser(SID, old);
    await alice.logout();
    const current = await loggedIn(world);
    await alice.addToCart('cocoa', 3);

    const mallory = world.page('mallory');
    const view = await mallory.cart();
    expect(view.body).toEqual({ cart: [], guest: true });
    const write = await mallory.addToCart('socks', 1);
    expect(write.body).toEqual({ cart: [{ sku: 'socks', qty: 1 }], guest: true });
    expect([old, current]).not.toContain(issuedId(write));
    expect((await mallory.me()).status).toBe(401);
    expect((await alice.cart()).body).toEqual({ cart: [{ sku: 'cocoa', qty: 3 }], guest: false });
    expect(world.db.sessions.get(current)).toMatchObject({ userId: 'u-1001' });
  });

  it('SESS-02: the pre-login guest id replayed after Alice logged in gets neither her account nor the cart that moved into her session', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const guest = issuedId(await alice.addToCart('tea', 2))!;
    new Mallory(world).plantInOwnBrowser(SID, guest);
    const current = await loggedIn(world);
    const mallory = world.page('mallory');
    expect((await mallory.me()).status).toBe(401);
    const write = await mallory.addToCart('socks', 1);
    expect(write.body).toEqual({ cart: [{ sku: 'socks', qty: 1 }], guest: true });
    expect(issuedId(write)).not.toBe(current);
    expect((await alice.cart()).body).toEqual({ cart: [{ sku: 'tea', qty: 2 }], guest: false });
  });
});

describe('with CSRF tokens on, a dead session does not lock the login form', () => {
  // Not CSRF-08's proof: no login here is refused for lacking the pre-session token (csrf-tokens.test.ts shows that).
  it('/csrf with a dead id hands out a fresh guest session and token, and Alice logs in again after an idle timeout', async () => {
    const world = await shop.world({ session: { csrfTokens: true } });
    const alice = world.page('alice');
    const dead = await loggedIn(world);
    world.advance(16 * MINUTE);
    expect((await alice.me()).status).toBe(401);
    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect((await alice.addToCart('tea', 1)).status).toBe(200);

    // /csrf itself, presented a dead id directly.
    world.addBrowser('visitor');
    expect(world.browser('visitor').jar.receive(`${SID}=${dead}; Path=/; Secure`, `${SHOP_ORIGIN}/`, world.clock.now()).ok).toBe(true);
    const token = await world.page('visitor').call('GET', '/csrf');
    expect(token.status).toBe(200);
    expect(issuedId(token)).not.toBe(dead);
    expect(token.body).toEqual({ csrfToken: world.db.sessions.get(issuedId(token)!)!.csrfToken });
  });

  // Not CSRF-01's proof: the old token belongs to no valid session, so this shows recovery, not the token check.
  it('a write carrying the dead session\'s old token is refused once, then the page fetches a new token and the write works', async () => {
    const world = await shop.world({ session: { csrfTokens: true } });
    const alice = world.page('alice');
    await loggedIn(world);
    world.advance(16 * MINUTE);
    const stale = await alice.addToCart('tea', 1);
    expect({ status: stale.status, error: errorCode(stale.body) }).toEqual({ status: 403, error: 'csrf_rejected' });
    const retry = await alice.addToCart('tea', 1);
    expect({ status: retry.status, body: retry.body }).toEqual({ status: 200, body: { cart: [{ sku: 'tea', qty: 1 }], guest: true } });
  });
});

describe("Alice's flow after a dead session", () => {
  it('signed in, idle for 16 min, add to cart: the flow knows she is a guest now (sessionEnded), and can log in again', async () => {
    const world = await shop.world();
    const flow = new FlowRunner('session', world.page('alice'));
    flow.send('LOG_IN');
    await flow.settled();
    world.advance(16 * MINUTE);
    flow.send('ADD_TO_CART');
    await flow.settled();
    expect(flow.actor.getSnapshot().value).toBe('sessionEnded');
    expect(flow.actor.getSnapshot().context.last).toMatchObject({ status: 200, guest: true });
    flow.send('LOG_IN');
    await flow.settled();
    expect(flow.actor.getSnapshot().value).toBe('signedIn');
    // The guest cart from after the timeout moved into the new login.
    expect((await world.page('alice').cart()).body).toEqual({ cart: [{ sku: 'tea', qty: 1 }], guest: false });
    flow.stop();
  });
});

/**
 * Synchronizer CSRF tokens (session.csrfTokens on). CSRF-01: every session
 * has a random token, delivered in a response body and never in a URL, that
 * every write must echo in X-CSRF-Token; a write with a valid session cookie
 * but a missing or wrong token is refused even from the shop's own origin.
 * CSRF-08: the login form must echo the token of its pre-login session.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { SHOP_ORIGIN } from '../../src/sim/config';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

const withTokens = () => shop.world({ authStyle: 'session', session: { csrfTokens: true } });

/** A same-origin JSON write with Alice's cookies, as any script on the shop's origin could send it. */
function write(world: World, path: string, body: unknown, token?: string): Promise<SimResponse> {
  return world.send('alice', { method: 'POST', url: `${SHOP_ORIGIN}${path}`, body, initiator: SHOP_ORIGIN, ...(token ? { headers: { 'x-csrf-token': token } } : {}) });
}

const expectRefused = (response: SimResponse) => expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status: 403, error: 'csrf_rejected' });

describe('CSRF-01: every write echoes the session\'s token', () => {
  it('CSRF-01: the shop\'s page fetches the token once and echoes it: login, cart, settings and logout all work', async () => {
    const world = await withTokens();
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    expect((await alice.addToCart('tea', 2)).status).toBe(200);
    expect((await alice.saveSettings({ theme: 'dark' })).status).toBe(200);
    expect((await alice.logout()).status).toBe(200);
    const exchanges = world.trace.ofKind('exchange');
    expect(exchanges.map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`)).toEqual([
      'GET /csrf 200',
      'POST /login 200',
      'POST /cart 200',
      'PUT /settings 200',
      'POST /logout 200',
    ]);
    // The token travels in bodies and the X-CSRF-Token header, never in a URL.
    const tokens = exchanges.flatMap((e) => e.request.headers.filter(([n]) => n === 'x-csrf-token').map(([, v]) => v));
    expect(tokens.length).toBe(4);
    for (const e of exchanges) for (const token of tokens) expect(e.request.url).not.toContain(token);
  });

  it('CSRF-01: with a valid session cookie, a same-origin write without the token, or with another session\'s, → 403; with it → 200', async () => {
    const world = await withTokens();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    expectRefused(await write(world, '/cart', { sku: 'tea', qty: 1 }));
    world.addBrowser('bob');
    await world.page('bob').login('bob', 'builder');
    expectRefused(await write(world, '/cart', { sku: 'tea', qty: 1 }, world.page('bob').csrfToken));
    expect((await write(world, '/cart', { sku: 'tea', qty: 1 }, alice.csrfToken)).status).toBe(200);
    expect(world.page('bob').csrfToken).not.toBe(alice.csrfToken);
  });

  it('CSRF-01: Mallory\'s cross-site form carries the SameSite=None cookie but no token, and is refused', async () => {
    const world = await shop.world({ authStyle: 'session', session: { csrfTokens: true, sameSite: 'None' } });
    await world.page('alice').login('alice', 'wonderland');
    expectRefused(await new Mallory(world).crossSiteForm('alice', 'POST', '/cart', { sku: 'gift-card', qty: '1' }));
    expect((await world.page('alice').cart()).body).toMatchObject({ cart: [] });
  });
});

describe('CSRF-08: the login form echoes the pre-login session\'s token', () => {
  it('CSRF-08: a login without the token → 403, even from the shop\'s origin with a guest session', async () => {
    const world = await withTokens();
    await world.page('alice').call('GET', '/csrf');
    expectRefused(await write(world, '/login', { username: 'alice', password: 'wonderland' }));
    expectRefused(await write(world, '/login', { username: 'alice', password: 'wonderland' }, 'not-the-token'));
  });

  it('CSRF-08: Mallory\'s cross-site login form (to plant her account in Alice\'s browser) → 403', async () => {
    const world = await withTokens();
    const forged = await new Mallory(world).crossSiteForm('alice', 'POST', '/login', { username: 'mallory', password: 'mallory' });
    expectRefused(forged);
    expect(world.browser('alice').cookies().map((c) => c.name)).not.toContain('__Host-shop_sid');
  });

  it('CSRF-08: login with the guest token succeeds and hands out a new token; the guest token no longer works', async () => {
    const world = await withTokens();
    const alice = world.page('alice');
    await alice.call('GET', '/csrf');
    const guestToken = alice.csrfToken!;
    const login = await write(world, '/login', { username: 'alice', password: 'wonderland' }, guestToken);
    expect(login.status).toBe(200);
    const fresh = (login.body as { csrfToken: string }).csrfToken;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(fresh).not.toBe(guestToken);
    expectRefused(await write(world, '/cart', { sku: 'tea', qty: 1 }, guestToken));
    expect((await write(world, '/cart', { sku: 'tea', qty: 1 }, fresh)).status).toBe(200);
  });
});

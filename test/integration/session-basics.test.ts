/**
 * Server-side sessions through the real MSW path: login, the store lookup on
 * each request, cart and settings, and logout that really ends the session.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/sim/clock';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

describe('session login, use and logout', () => {
  it('logs Alice in with a __Host- session cookie and answers /me from the store', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    const [setCookie] = header(login.headers, 'set-cookie');
    expect(setCookie).toMatch(/^__Host-shop_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const me = await alice.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'alice' } });
    const reads = world.trace.causedBy(me.exchangeId).filter((e) => e.kind === 'store' && e.store === 'session' && e.op === 'read');
    expect(reads).toHaveLength(1);
  });

  it('keeps the cart and settings, and logout makes the old cookie worthless (SESS-07)', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    expect((await alice.addToCart('tea', 2)).body).toMatchObject({ cart: [{ sku: 'tea', qty: 2 }], guest: false });
    expect((await alice.saveSettings({ theme: 'dark' })).body).toMatchObject({ settings: { theme: 'dark' } });
    const stolen = alice.browser.cookies().find((c) => c.name === '__Host-shop_sid')!;
    const logout = await alice.logout();
    expect(header(logout.headers, 'set-cookie')[0]).toMatch(/^__Host-shop_sid=; .*Max-Age=0; Expires=Thu, 01 Jan 1970/);
    expect(alice.browser.cookies().some((c) => c.name === '__Host-shop_sid')).toBe(false);
    // Mallory replays the copied cookie value from her own browser.
    const mallory = world.browser('mallory');
    const replay = await mallory.send({ url: 'https://shop.example.com/me', headers: {}, initiator: 'user' });
    expect(replay.status).toBe(401);
    mallory.jar.receive(`__Host-shop_sid=${stolen.value}; Path=/; Secure; HttpOnly`, 'https://shop.example.com/', world.clock.now());
    const replayed = await mallory.send({ url: 'https://shop.example.com/me', initiator: 'user' });
    expect(replayed.status).toBe(401);
    expect(errorCode(replayed.body)).toBe('unknown_session');
  });

  it('ends an idle session on the server after the idle timeout (SESS-05)', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    world.advance(14 * MINUTE);
    expect((await alice.me()).status).toBe(200);
    world.advance(16 * MINUTE);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('session_expired');
  });
});

/**
 * The shop's CSRF check on cookie-authenticated writes, fed hand-made
 * headers through the deployment (no browser, no MSW), so each header is
 * tested on its own: Sec-Fetch-Site first (CSRF-05), then an exact Origin,
 * or Referer, match (CSRF-04).
 */
import { describe, expect, it } from 'vitest';
import { SHOP_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import type { ShopRequest } from '../../src/sim/shop/http';
import { World } from '../../src/sim/world';

let serial = 0;
function post(path: string, headers: Record<string, string>, body: unknown = { sku: 'tea', qty: 1 }): ShopRequest {
  // A JSON write, as the shop's page sends it; tests override single headers.
  return { method: 'POST', url: new URL(`${SHOP_ORIGIN}${path}`), headers: new Map(Object.entries({ 'content-type': 'application/json', ...headers })), body, exchangeId: `csrf-${++serial}` };
}

/** A world where Alice is logged in; returns her Cookie header. */
async function aliceSession(config?: ConfigPatch): Promise<{ world: World; cookie: string }> {
  const world = await World.create(config ? { config } : {});
  const login = await world.handle(post('/login', { origin: SHOP_ORIGIN, 'sec-fetch-site': 'same-origin' }, { username: 'alice', password: 'wonderland' }));
  const setCookie = login.setCookies.find((c) => c.startsWith('__Host-shop_sid='));
  if (!setCookie) throw new Error('login failed');
  return { world, cookie: setCookie.split(';')[0]! };
}

describe('CSRF-05: Sec-Fetch-Site: cross-site on a write → 403', () => {
  it('CSRF-05: refused even when the Origin header names the shop', async () => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle(post('/cart', { cookie, origin: SHOP_ORIGIN, 'sec-fetch-site': 'cross-site' }));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'csrf_rejected' });
  });

  it('CSRF-05: same-origin with the shop\'s Origin is accepted', async () => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle(post('/cart', { cookie, origin: SHOP_ORIGIN, 'sec-fetch-site': 'same-origin' }));
    expect(answer.status).toBe(200);
  });

  it('CSRF-05: vulnerable (sameSiteNoneWithoutCsrfDefence): the same cross-site write is accepted', async () => {
    const { world, cookie } = await aliceSession({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    const answer = await world.handle(post('/cart', { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ cart: [{ sku: 'tea', qty: 1 }], guest: false });
  });
});

describe('CSRF-04: exact Origin (or Referer) match; neither → block', () => {
  it.each([
    ['https://evil.example'],
    ['https://shop.example.com.evil.example'],
    ['https://blog.example.com'],
    ['http://shop.example.com'],
    ['https://shop.example.com:8443'],
    ['null'],
  ])('CSRF-04: Origin %s → 403 csrf_rejected (no Fetch Metadata sent)', async (origin) => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle(post('/cart', { cookie, origin }));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'csrf_rejected' });
  });

  it('CSRF-04: without Origin the Referer\'s origin is checked the same way', async () => {
    const { world, cookie } = await aliceSession();
    expect((await world.handle(post('/cart', { cookie, referer: `${SHOP_ORIGIN}/basket?x=1` }))).status).toBe(200);
    expect((await world.handle(post('/cart', { cookie, referer: 'https://shop.example.com.evil.example/' }))).status).toBe(403);
  });

  it('CSRF-04: no Origin and no Referer → 403', async () => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle(post('/cart', { cookie }));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'csrf_rejected' });
  });

  it('CSRF-04: the check runs before the body is read: a forged form body gets 403, not 400', async () => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle(
      post('/cart', { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, 'sku=tea&qty=1'),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: 'csrf_rejected' });
  });

  it('CSRF-04: reads (GET) are not origin-checked', async () => {
    const { world, cookie } = await aliceSession();
    const answer = await world.handle({ ...post('/me', { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), method: 'GET', body: undefined });
    expect(answer.status).toBe(200);
  });
});

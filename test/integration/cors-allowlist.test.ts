/**
 * CSRF-09: the shop's credentialed CORS allowlist. Only an exact listed
 * origin is echoed (with credentials), never `*` or `null` or a look-alike;
 * the browser then shows the answer to that origin's script and hides it
 * from everyone else. Reading is all it grants: writes from the partner are
 * still refused by the CSRF check.
 */
import { describe, expect, it } from 'vitest';
import type { SimResponse } from '../../src/sim/browser/browser';
import { PARTNER_ORIGIN, SHOP_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import { allowedOrigin } from '../../src/sim/shop/cors-policy';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

async function aliceLoggedIn(config: ConfigPatch = {}): Promise<World> {
  const world = await shop.world(config);
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  return world;
}

/** A script on `origin`, in Alice's browser, calling the shop with credentials. */
function scriptFrom(world: World, origin: string, method = 'GET', path = '/me', body?: unknown): Promise<SimResponse> {
  return world.send('alice', { method, url: `${SHOP_ORIGIN}${path}`, initiator: origin, mode: 'fetch', ...(body === undefined ? {} : { body }) });
}

/** Every Access-Control-Allow-Origin the shop ever sent in this world. */
const echoedOrigins = (world: World) =>
  world.trace.ofKind('exchange').flatMap((e) => e.response.headers.filter(([n]) => n === 'access-control-allow-origin').map(([, v]) => v));

describe('CSRF-09: exact-origin CORS allowlist', () => {
  it('CSRF-09: the listed partner origin gets its own origin echoed with credentials, and its script reads the answer', async () => {
    const world = await aliceLoggedIn();
    const answer = await scriptFrom(world, PARTNER_ORIGIN);
    expect(header(answer.headers, 'access-control-allow-origin')).toEqual([PARTNER_ORIGIN]);
    expect(header(answer.headers, 'access-control-allow-credentials')).toEqual(['true']);
    // Readable, but the Lax session cookie stayed home on this cross-site fetch.
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'not_authenticated' });
  });

  it('CSRF-09: allowlisting is a trust decision: with a SameSite=None cookie the partner\'s script reads Alice\'s account', async () => {
    const world = await aliceLoggedIn({ session: { sameSite: 'None' } });
    const answer = await scriptFrom(world, PARTNER_ORIGIN);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user: { username: 'alice' } });
  });

  it.each(['https://partner.example.evil.example', 'https://evil-partner.example', 'http://partner.example', 'https://partner.example:8443', 'https://evil.example'])(
    'CSRF-09: a look-alike origin (%s) gets no CORS headers, so the browser hides the answer',
    async (origin) => {
      const world = await aliceLoggedIn({ session: { sameSite: 'None' } });
      const answer = await scriptFrom(world, origin);
      expect(answer.status).toBe(0);
      expect(echoedOrigins(world)).not.toContain(origin);
    },
  );

  it('CSRF-09: `null`, `*` and the empty origin are never allowed, and `*` is never sent', async () => {
    for (const origin of ['null', '*', '', undefined]) expect(allowedOrigin(origin)).toBeUndefined();
    const world = await aliceLoggedIn();
    await scriptFrom(world, PARTNER_ORIGIN);
    await scriptFrom(world, 'https://evil.example');
    expect(echoedOrigins(world)).not.toContain('*');
  });

  it('CSRF-09: the partner may preflight a JSON write and read the refusal, but the write itself is refused as CSRF', async () => {
    const world = await aliceLoggedIn({ session: { sameSite: 'None' } });
    const answer = await scriptFrom(world, PARTNER_ORIGIN, 'POST', '/cart', { sku: 'gift-card', qty: 1 });
    const preflight = world.trace.ofKind('exchange').find((e) => e.request.method === 'OPTIONS');
    expect(preflight?.response.headers).toContainEqual(['access-control-allow-origin', PARTNER_ORIGIN]);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 403, error: 'csrf_rejected' });
    expect((await world.page('alice').cart()).body).toMatchObject({ cart: [] });
  });
});

/**
 * CSRF through the simulated browser's cookie rules and the shop's own check.
 * CSRF-07: which requests carry Lax and Strict cookies (cross-site form POST,
 * cross-site link, sibling subdomain, browsers without a Lax default).
 * CSRF-05: the server refuses cross-site writes whatever the browser sent,
 * and the flaw switch that removes both layers.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { SHOP_ORIGIN, SIBLING_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { TraceEvent } from '../../src/sim/trace';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';

async function loggedIn(config?: ConfigPatch): Promise<{ world: World; id: string }> {
  const world = await shop.world(config);
  const login = await world.page('alice').login('alice', 'wonderland');
  expect(login.status).toBe(200);
  const id = world.browser('alice').cookies().find((c) => c.name === HOST_SID)?.value;
  if (!id) throw new Error('login left no session cookie');
  return { world, id };
}

/** Runs one request and returns it with the trace events it produced. */
async function observe(world: World, send: () => Promise<SimResponse>): Promise<{ response: SimResponse; events: TraceEvent[] }> {
  const before = world.trace.length;
  const response = await send();
  return { response, events: world.trace.all().slice(before) };
}

function cookieHeaderSent(events: TraceEvent[]): string | undefined {
  const exchange = events.find((e): e is Extract<TraceEvent, { kind: 'exchange' }> => e.kind === 'exchange');
  if (!exchange) throw new Error('no exchange recorded');
  return exchange.request.headers.find(([name]) => name === 'cookie')?.[1];
}

function requestHeader(events: TraceEvent[], name: string): string | undefined {
  const exchange = events.find((e): e is Extract<TraceEvent, { kind: 'exchange' }> => e.kind === 'exchange');
  return exchange?.request.headers.find(([n]) => n === name)?.[1];
}

/** The status that crossed the wire, whatever CORS let the script see. */
function wireStatus(events: TraceEvent[]): number | undefined {
  const exchange = events.findLast((e): e is Extract<TraceEvent, { kind: 'exchange' }> => e.kind === 'exchange');
  return exchange?.response.status;
}

function withheldReason(events: TraceEvent[], name: string): string | undefined {
  const event = events.find((e) => e.kind === 'cookie' && e.action === 'withheld' && e.name === name);
  return event && event.kind === 'cookie' ? event.reason : undefined;
}

const form = { sku: 'gift-card', qty: '1' };

describe('CSRF-07: SameSite in the browser (cross-site form, cross-site link, sibling subdomain)', () => {
  it('CSRF-07: a cross-site form POST omits the SameSite=Lax session cookie', async () => {
    const { world } = await loggedIn();
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(events)).toBeUndefined();
    expect(withheldReason(events, HOST_SID)).toMatch(/SameSite=Lax: a cross-site top-level POST does not carry it/);
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('csrf_rejected');
    expect((await world.page('alice').cart()).body).toMatchObject({ cart: [] });
  });

  it('CSRF-07: a cross-site form POST omits the SameSite=Strict session cookie', async () => {
    const { world } = await loggedIn({ session: { sameSite: 'Strict' } });
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(events)).toBeUndefined();
    expect(withheldReason(events, HOST_SID)).toMatch(/SameSite=Strict/);
    expect(response.status).toBe(403);
  });

  it('CSRF-07: a cross-site link (top-level GET) carries the Lax cookie: Alice arrives logged in', async () => {
    const { world, id } = await loggedIn();
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteLink('alice', '/me'));
    expect(requestHeader(events, 'sec-fetch-site')).toBe('cross-site');
    expect(cookieHeaderSent(events)).toBe(`${HOST_SID}=${id}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { username: 'alice' } });
  });

  it('CSRF-07: a cross-site link does not carry the Strict cookie: Alice arrives logged out', async () => {
    const { world } = await loggedIn({ session: { sameSite: 'Strict' } });
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteLink('alice', '/me'));
    expect(cookieHeaderSent(events)).toBeUndefined();
    expect(withheldReason(events, HOST_SID)).toMatch(/SameSite=Strict/);
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('not_authenticated');
  });

  it('CSRF-07: a cross-site script fetch (subrequest) omits even the Lax cookie', async () => {
    const { world } = await loggedIn();
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteFetch('alice', 'GET', '/me'));
    expect(cookieHeaderSent(events)).toBeUndefined();
    expect(withheldReason(events, HOST_SID)).toMatch(/SameSite=Lax: cross-site subrequests/);
    expect(wireStatus(events)).toBe(401);
    // And without CORS permission the script could not read even that answer.
    expect(response.status).toBe(0);
    expect(errorCode(response.body)).toBe('cors_blocked');
  });

  it('CSRF-07: a sibling subdomain is the same site: its link carries even the Strict cookie', async () => {
    const { world, id } = await loggedIn({ session: { sameSite: 'Strict' } });
    const { response, events } = await observe(world, () => new Mallory(world).crossSiteLink('alice', '/me', SIBLING_ORIGIN));
    expect(requestHeader(events, 'sec-fetch-site')).toBe('same-site');
    expect(cookieHeaderSent(events)).toBe(`${HOST_SID}=${id}`);
    expect(response.status).toBe(200);
  });

  it('CSRF-07: a form POST from a sibling subdomain carries the Lax and Strict cookies; only the server\'s Origin check stops it', async () => {
    for (const sameSite of ['Lax', 'Strict'] as const) {
      const { world, id } = await loggedIn({ session: { sameSite } });
      const { response, events } = await observe(world, () =>
        world.send('alice', {
          method: 'POST',
          url: `${SHOP_ORIGIN}/cart`,
          body: new URLSearchParams(form).toString(),
          contentType: 'application/x-www-form-urlencoded',
          initiator: SIBLING_ORIGIN,
          mode: 'navigate',
        }),
      );
      expect(requestHeader(events, 'sec-fetch-site')).toBe('same-site');
      expect(requestHeader(events, 'origin')).toBe(SIBLING_ORIGIN);
      expect(cookieHeaderSent(events), sameSite).toBe(`${HOST_SID}=${id}`);
      expect(response.status, sameSite).toBe(403);
      expect(errorCode(response.body)).toBe('csrf_rejected');
    }
  });
});

describe('CSRF-07: cookies without SameSite depend on the browser', () => {
  it('CSRF-07: the shop can leave SameSite unset (session.sameSite "unset"), and then the browser decides', async () => {
    const world = await shop.world({ session: { sameSite: 'unset' } });
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(header(login.headers, 'set-cookie')[0]).not.toMatch(/SameSite/i);
    expect(world.browser('alice').cookies()[0]?.sameSite).toBe('unset');
  });

  it('CSRF-07: a legacy-none browser sends an unset cookie on cross-site POSTs and subrequests; a Lax-by-default browser does not', async () => {
    const world = await shop.world({ session: { sameSite: 'unset' } });
    world.addBrowser('legacy', { unsetSameSite: 'legacy-none' });
    await world.page('alice').login('alice', 'wonderland');
    await world.page('legacy').login('alice', 'wonderland');
    world.advance(5 * 60_000);
    const mallory = new Mallory(world);

    const legacyForm = await observe(world, () => mallory.crossSiteForm('legacy', 'POST', '/cart', form));
    expect(cookieHeaderSent(legacyForm.events)).toMatch(/^__Host-shop_sid=/);
    // The cookie arrived, so only the server check stands between Mallory and the cart.
    expect(legacyForm.response.status).toBe(403);
    expect(errorCode(legacyForm.response.body)).toBe('csrf_rejected');
    const legacyFetch = await observe(world, () => mallory.crossSiteFetch('legacy', 'GET', '/me'));
    expect(cookieHeaderSent(legacyFetch.events)).toMatch(/^__Host-shop_sid=/);
    // The server answered as Alice; CORS hides the answer from Mallory's script, not the request from the server.
    expect(wireStatus(legacyFetch.events)).toBe(200);
    expect(legacyFetch.response.status).toBe(0);

    const modernForm = await observe(world, () => mallory.crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(modernForm.events)).toBeUndefined();
    expect(withheldReason(modernForm.events, HOST_SID)).toMatch(/no SameSite, treated as Lax/);
    const modernFetch = await observe(world, () => mallory.crossSiteFetch('alice', 'GET', '/me'));
    expect(cookieHeaderSent(modernFetch.events)).toBeUndefined();
    expect(wireStatus(modernFetch.events)).toBe(401);
  });

  it('CSRF-07: Lax-by-default still sends a fresh unset cookie on a cross-site top-level POST for 2 minutes ("Lax-allowing-unsafe")', async () => {
    const world = await shop.world({ session: { sameSite: 'unset' } });
    await world.page('alice').login('alice', 'wonderland');
    const mallory = new Mallory(world);
    world.advance(2 * 60_000);
    const fresh = await observe(world, () => mallory.crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(fresh.events)).toMatch(/^__Host-shop_sid=/);
    expect(fresh.response.status).toBe(403);
    world.advance(1);
    const stale = await observe(world, () => mallory.crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(stale.events)).toBeUndefined();
  });
});

describe('CSRF-05: the server refuses cross-site writes; the flaw switch removes every layer', () => {
  it('CSRF-05: safe: a cross-site write that carries the cookie (SameSite=None) is still refused with 403 csrf_rejected', async () => {
    // SameSite=None alone (the session config) sends the cookie cross-site; the server check still holds.
    const { world } = await loggedIn({ session: { sameSite: 'None' } });
    const mallory = new Mallory(world);
    const forged = await observe(world, () => mallory.crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(forged.events)).toMatch(/^__Host-shop_sid=/);
    expect(requestHeader(forged.events, 'sec-fetch-site')).toBe('cross-site');
    expect(forged.response.status).toBe(403);
    expect(errorCode(forged.response.body)).toBe('csrf_rejected');
    const logout = await observe(world, () => mallory.crossSiteForm('alice', 'POST', '/logout', {}));
    expect(cookieHeaderSent(logout.events)).toMatch(/^__Host-shop_sid=/);
    expect(logout.response.status).toBe(403);
    expect(errorCode(logout.response.body)).toBe('csrf_rejected');
    expect((await world.page('alice').me()).status).toBe(200);
    expect((await world.page('alice').cart()).body).toMatchObject({ cart: [] });
  });

  it('CSRF-05: vulnerable (sameSiteNoneWithoutCsrfDefence): Mallory\'s auto-submitting form adds to Alice\'s cart as Alice', async () => {
    const { world, id } = await loggedIn({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    const forged = await observe(world, () => new Mallory(world).crossSiteForm('alice', 'POST', '/cart', form));
    expect(cookieHeaderSent(forged.events)).toBe(`${HOST_SID}=${id}`);
    expect(forged.response.status).toBe(200);
    expect(world.db.sessions.get(id)?.cart).toEqual([{ sku: 'gift-card', qty: 1 }]);
  });

  it('CSRF-05: even then, a cross-site JSON fetch never leaves the browser: its CORS preflight is refused', async () => {
    const { world, id } = await loggedIn({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    const forged = await observe(world, () => new Mallory(world).crossSiteFetch('alice', 'POST', '/cart', { sku: 'gift-card', qty: 1 }));
    const exchanges = forged.events.filter((e): e is Extract<TraceEvent, { kind: 'exchange' }> => e.kind === 'exchange');
    expect(exchanges.map((e) => e.request.method)).toEqual(['OPTIONS']);
    expect(exchanges[0]?.request.headers).toContainEqual(['access-control-request-method', 'POST']);
    expect(exchanges[0]?.request.headers).toContainEqual(['access-control-request-headers', 'content-type']);
    expect(forged.response.status).toBe(0);
    expect(errorCode(forged.response.body)).toBe('cors_blocked');
    expect(world.db.sessions.get(id)?.cart).toEqual([]);
  });

  it('CSRF-05: vulnerable (sameSiteNoneWithoutCsrfDefence): a cross-site form POST /logout logs Alice out', async () => {
    const { world, id } = await loggedIn({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    const forged = await observe(world, () => new Mallory(world).crossSiteForm('alice', 'POST', '/logout', {}));
    expect(cookieHeaderSent(forged.events)).toBe(`${HOST_SID}=${id}`);
    expect(forged.response.status).toBe(200);
    expect(world.db.sessions.has(id)).toBe(false);
    expect((await world.page('alice').me()).status).toBe(401);
  });
});

describe('CSRF-03: writes must be JSON; simple content types are refused', () => {
  it.each([
    ['text/plain', '{"sku":"tea","qty":1}'],
    ['application/x-www-form-urlencoded', 'sku=tea&qty=1'],
  ])('CSRF-03: a same-origin write sent as %s → 415 unsupported_media_type', async (contentType, body) => {
    const { world } = await loggedIn();
    const answer = await world.send('alice', { method: 'POST', url: `${SHOP_ORIGIN}/cart`, body, contentType, initiator: SHOP_ORIGIN });
    expect(answer.status).toBe(415);
    expect(errorCode(answer.body)).toBe('unsupported_media_type');
    expect((await world.page('alice').cart()).body).toMatchObject({ cart: [] });
  });

  it('CSRF-03: the same JSON write from the shop\'s own page is accepted', async () => {
    const { world } = await loggedIn();
    expect((await world.page('alice').addToCart('tea', 1)).status).toBe(200);
  });
});

describe('CSRF-08: login is a write too (login CSRF)', () => {
  it.each([
    ['session', { authStyle: 'session' }, HOST_SID],
    ['JWT, refresh token in a cookie', { authStyle: 'jwt', jwt: { storage: 'memory' } }, '__Host-refresh'],
    ['JWT, both tokens in cookies', { authStyle: 'jwt', jwt: { storage: 'cookie' } }, '__Host-refresh'],
  ] as const)('CSRF-08: %s: Mallory\'s page cannot log Alice\'s browser into Mallory\'s account (403, no cookie planted)', async (_style, config, cookieName) => {
    const world = await shop.world(config as ConfigPatch);
    const forged = await new Mallory(world).crossSiteForm('alice', 'POST', '/login', { username: 'mallory', password: 'mallory' });
    expect({ status: forged.status, error: errorCode(forged.body) }).toEqual({ status: 403, error: 'csrf_rejected' });
    expect(world.browser('alice').cookies().map((c) => c.name)).not.toContain(cookieName);
  });
});

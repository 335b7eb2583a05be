/**
 * The partner service's JWKS cache is jose's own `createRemoteJWKSet`, and
 * its fetches travel the simulated network: each one is an exchange in the
 * trace (partner → load balancer → node), and the refresh rules are jose's
 * to the millisecond, on the world's virtual clock, however long a fetch or a
 * verification takes on the wall clock (see remote-jwks.ts for the bound).
 */
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS, type PartnerService } from '../../src/sim/deployment/partner-service';
import { WALL_CLOCK_OVERRUN, WALL_MS_PER_VIRTUAL_MS } from '../../src/sim/deployment/remote-jwks';
import type { World } from '../../src/sim/world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();
const JWKS_URL = 'https://shop.example.com/.well-known/jwks.json';

async function esWorld(): Promise<World> {
  const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', storage: 'localStorage', accessTtlMs: 60 * 60_000 } });
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  expect((await world.page('admin').login('admin', 'console')).status).toBe(200);
  return world;
}

/** The JWKS fetches in the trace, each as `GET <url> → <status> <node>`. */
function jwksExchanges(world: World): string[] {
  return world.trace
    .ofKind('exchange')
    .filter((e) => e.request.url === JWKS_URL)
    .map((e) => `${e.browser}: ${e.request.method} ${e.request.url} → ${e.response.status}${e.node ? ` ${e.node}` : ''}`);
}

async function verdict(partner: PartnerService, token: string): Promise<string> {
  try {
    await partner.verify(token);
    return 'accepted';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

let forger: CryptoKey | undefined;
async function madeUpKid(kid: string): Promise<string> {
  forger ??= (await generateKeyPair('ES256')).privateKey;
  return new SignJWT({ sub: 'u-9001' }).setProtectedHeader({ alg: 'ES256', kid }).sign(forger);
}

/** The world's partner, after it verified Alice's token once and so fetched the JWKS at the world's current time. */
async function warmPartner(world: World): Promise<PartnerService> {
  const partner = world.partner;
  expect(await verdict(partner, world.page('alice').accessToken!)).toBe('accepted');
  expect(partner.jwksFetches).toBe(1);
  return partner;
}

describe('each JWKS fetch is an exchange on the simulated network', () => {
  it("the partner's first verification fetches the JWKS through the load balancer, as a service: no cookies, no browser headers", async () => {
    const world = await esWorld();
    await warmPartner(world);
    expect(jwksExchanges(world)).toEqual([`partner: GET ${JWKS_URL} → 200 node-1`]);
    const fetch = world.trace.ofKind('exchange').at(-1)!;
    expect(fetch.client).toBe('service');
    expect(fetch.request.initiator).toBe('https://partner.example');
    const sent = fetch.request.headers.map(([name]) => name);
    expect(sent).toContain('accept');
    for (const browserOnly of ['cookie', 'origin', 'referer', 'sec-fetch-site', 'sec-fetch-mode']) expect(sent).not.toContain(browserOnly);
    expect(fetch.response.body).toMatchObject({ keys: [expect.objectContaining({ kid: world.keys.active().kid, kty: 'EC' })] });
  });

  it('with every node down, a stale cache cannot be refreshed: the fetch answers 503 and jose refuses the token', async () => {
    const world = await esWorld();
    const partner = await warmPartner(world);
    world.deployment.crash('node-1');
    world.advance(JWKS_CACHE_MAX_AGE_MS);
    expect(await verdict(partner, world.page('alice').accessToken!)).toBe('ERR_JOSE_GENERIC');
    expect(jwksExchanges(world)).toEqual([`partner: GET ${JWKS_URL} → 200 node-1`, `partner: GET ${JWKS_URL} → 503`]);
  });
});

describe("the cooldown boundary is jose's: a kid it does not hold refetches once 30 s have passed, not after", () => {
  it.each([
    { offset: -1, when: '30 s − 1 ms', fetches: 1, what: 'no refetch' },
    { offset: 0, when: 'exactly 30 s', fetches: 2, what: 'one refetch' },
    { offset: +1, when: '30 s + 1 ms', fetches: 2, what: 'one refetch' },
  ])('KEY-01: an unknown kid $when after the last fetch → $what', async ({ offset, fetches }) => {
    const world = await esWorld();
    const partner = await warmPartner(world);
    world.advance(JWKS_COOLDOWN_MS + offset);
    expect(await verdict(partner, await madeUpKid('made-up'))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(partner.jwksFetches).toBe(fetches);
    expect(jwksExchanges(world)).toHaveLength(fetches);
  });

  it('KEY-01: two verifications at the same moment share the one refetch (jose keeps one reload in flight)', async () => {
    const world = await esWorld();
    const partner = await warmPartner(world);
    world.advance(JWKS_COOLDOWN_MS);
    const [a, b] = [await madeUpKid('a'), await madeUpKid('b')];
    const verdicts = await Promise.all([verdict(partner, a), verdict(partner, b)]);
    expect(verdicts).toEqual(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_NO_MATCHING_KEY']);
    expect(jwksExchanges(world)).toHaveLength(2);
  });
});

describe("the cache's age boundary is jose's: the set is fresh for less than 10 min", () => {
  it.each([
    { offset: -1, when: '10 min − 1 ms', expected: 'accepted', fetches: 1, what: 'still accepted from the cache' },
    { offset: 0, when: 'exactly 10 min', expected: 'ERR_JWKS_NO_MATCHING_KEY', fetches: 2, what: 'refetched and refused' },
    { offset: +1, when: '10 min + 1 ms', expected: 'ERR_JWKS_NO_MATCHING_KEY', fetches: 2, what: 'refetched and refused' },
  ])("KEY-03: a removed key's token $when after the fetch → $what", async ({ offset, expected, fetches }) => {
    const world = await esWorld();
    const leaked = world.page('alice').accessToken!;
    const partner = await warmPartner(world);
    const oldKid = world.keys.active().kid;
    expect((await world.page('admin').call('POST', '/admin/keys/rotate', {})).status).toBe(200);
    expect((await world.page('admin').call('POST', '/admin/keys/remove', { kid: oldKid })).status).toBe(200);
    world.advance(JWKS_CACHE_MAX_AGE_MS + offset);
    expect(await verdict(partner, leaked)).toBe(expected);
    expect(jwksExchanges(world)).toHaveLength(fetches);
  });
});

describe('the wall clock is no input: only virtual time ages the cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Every JWKS fetch of the partner now takes `ms` of wall time: the (fake) wall clock moves on while it is answered. */
  function slowFetches(world: World, ms: number): () => void {
    return world.trace.subscribe((event) => {
      if (event.kind === 'exchange' && event.client === 'service') vi.setSystemTime(Date.now() + ms);
    });
  }

  /** An unknown kid 30 s − 1 ms after the last fetch does not refetch; at exactly 30 s it does, once. */
  async function refetchesExactlyAtCooldown(world: World, partner: PartnerService): Promise<void> {
    const before = partner.jwksFetches;
    world.advance(JWKS_COOLDOWN_MS - 1);
    expect(await verdict(partner, await madeUpKid('early'))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(partner.jwksFetches).toBe(before);
    world.advance(1);
    expect(await verdict(partner, await madeUpKid('on-time'))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(partner.jwksFetches).toBe(before + 1);
  }

  it('an hour of wall time between checks, and fetches that take 250 ms of wall time, change nothing at the 30 s boundary', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const world = await esWorld();
    const slow = slowFetches(world, 250);
    const partner = await warmPartner(world);
    vi.setSystemTime(Date.now() + 60 * 60_000);
    expect(await verdict(partner, world.page('alice').accessToken!)).toBe('accepted');
    expect(partner.jwksFetches).toBe(1);
    await refetchesExactlyAtCooldown(world, partner);
    // That refetch restarted the cooldown at this virtual moment, however long it took on the wall.
    await refetchesExactlyAtCooldown(world, partner);
    slow();
  });

  it('KEY-01: a fetch taking 1.5 s of wall time dates the cache at its virtual moment, and exactly 30 s later an unknown kid refetches', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const world = await esWorld();
    const fetchedAt = world.clock.now();
    const slow = slowFetches(world, 1500);
    const partner = await warmPartner(world);
    expect(partner.jwksCache?.uat).toBe(fetchedAt);
    await refetchesExactlyAtCooldown(world, partner);
    expect(partner.jwksCache?.uat).toBe(fetchedAt + JWKS_COOLDOWN_MS);
    slow();
  });

  it('a verification that outlasts the bound (a fetch answered after 20 min of wall time, a machine asleep) is refused loudly, not decided on a skewed frame', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const world = await esWorld();
    const fetchedAt = world.clock.now();
    const asleep = slowFetches(world, 20 * 60_000);
    // One virtual ms lasts WALL_MS_PER_VIRTUAL_MS in jose's frame: a verification must end within that much wall time.
    expect(20 * 60_000).toBeGreaterThan(WALL_MS_PER_VIRTUAL_MS);
    expect(await verdict(world.partner, world.page('alice').accessToken!)).toBe(WALL_CLOCK_OVERRUN);
    asleep();
    // What jose fetched is kept, dated at its virtual moment; the next verification decides on it as usual.
    expect(world.partner.jwksCache?.uat).toBe(fetchedAt);
    expect(await verdict(world.partner, world.page('alice').accessToken!)).toBe('accepted');
    expect(world.partner.jwksFetches).toBe(1);
  });
});

describe('the partner goes back in time with its world', () => {
  it('restoring a moment before its fetch forgets the cache: the next check fetches again; restoring after keeps it', async () => {
    const world = await esWorld();
    const before = world.save();
    const partner = await warmPartner(world);
    const after = world.save();
    world.restore(before);
    expect(world.hasPartner).toBe(false);
    expect(await verdict(world.partner, world.page('alice').accessToken!)).toBe('accepted');
    expect(jwksExchanges(world)).toHaveLength(1);

    world.restore(after);
    expect(world.partner).not.toBe(partner);
    expect(world.partner.jwksCache).toEqual(partner.jwksCache);
    world.advance(JWKS_COOLDOWN_MS - 1);
    expect(await verdict(world.partner, await madeUpKid('x'))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(jwksExchanges(world)).toHaveLength(1);
  });
});

describe('new keys, new partner', () => {
  it('switching the shop from ES256 to HS256 provisions the partner anew, with the secret instead of the JWKS', async () => {
    const world = await esWorld();
    await warmPartner(world);
    expect(world.partner.material.kind).toBe('public-jwks');
    await world.configure({ jwt: { alg: 'HS256' } });
    expect(world.partner.material.kind).toBe('hmac-secret');
    expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
    expect(await verdict(world.partner, world.page('alice').accessToken!)).toBe('accepted');
    expect(jwksExchanges(world)).toHaveLength(1);
  });
});

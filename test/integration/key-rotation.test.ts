/**
 * Key rotation seen from the partner service, which verifies with jose's own
 * `createRemoteJWKSet` (10-minute cache, 30-second cooldown on refetching for
 * an unknown kid), fetching the shop's JWKS over the simulated network:
 * KEY-01 unknown kids cause at most one refetch per cooldown; KEY-02
 * publishing a key before it signs avoids failures at cached verifiers;
 * KEY-03 a removed key dies at the shop at once but lives on at a cached
 * verifier until its cache expires. Every fetch counted here is an exchange
 * in the trace.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS, JWKS_URL } from '../../src/sim/deployment/partner-service';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

async function esWorld(): Promise<World> {
  const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', storage: 'localStorage', accessTtlMs: 60 * 60_000 } });
  world.addBrowser('bob');
  expect((await world.page('admin').login('admin', 'console')).status).toBe(200);
  return world;
}

async function tokenOf(world: World, browser: string, username: string, password: string): Promise<string> {
  expect((await world.page(browser).login(username, password)).status).toBe(200);
  return world.page(browser).accessToken!;
}

const admin = (world: World, path: string, body: unknown = {}) => world.page('admin').call('POST', path, body);

/** Whether the partner accepts the token, and if not, jose's error code. */
async function partnerVerdict(world: World, token: string): Promise<string> {
  try {
    await world.partner.verify(token);
    return 'accepted';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

/** The partner's JWKS requests as the trace shows them, with the kids each answer listed. */
function jwksFetches(world: World): string[] {
  return world.trace
    .ofKind('exchange')
    .filter((e) => e.client === 'service' && e.request.url === JWKS_URL)
    .map((e) => `${e.response.status} [${((e.response.body as { keys?: { kid: string }[] }).keys ?? []).map((k) => k.kid).join(', ')}]`);
}

/** The partner verifies Alice's token now, and so fetches the JWKS now. */
async function warmPartner(world: World): Promise<void> {
  const token = world.page('alice').accessToken ?? (await tokenOf(world, 'alice', 'alice', 'wonderland'));
  expect(await partnerVerdict(world, token)).toBe('accepted');
  expect(jwksFetches(world)).toHaveLength(1);
}

describe('KEY-01: unknown kids refetch the JWKS at most once per cooldown', () => {
  it('KEY-01: 40 tokens with made-up kids over 40 s cause 2 JWKS fetches, not 40', async () => {
    const world = await esWorld();
    await warmPartner(world);
    const { privateKey } = await generateKeyPair('ES256');
    world.advance(JWKS_COOLDOWN_MS + 1000);
    for (let i = 0; i < 40; i++) {
      const forged = await new SignJWT({ sub: 'u-9001' }).setProtectedHeader({ alg: 'ES256', kid: `made-up-${i}` }).sign(privateKey);
      expect(await partnerVerdict(world, forged)).toBe('ERR_JWKS_NO_MATCHING_KEY');
      world.advance(1000);
    }
    // One refetch at the start of the flood and one when the cooldown allowed again (after the first load).
    expect(jwksFetches(world)).toHaveLength(1 + 2);
    expect(world.partner.jwksFetches).toBe(3);
  });

  it('KEY-01: a genuinely new kid is found by that one refetch, once the cooldown allows it', async () => {
    const world = await esWorld();
    await warmPartner(world);
    const oldKid = world.keys.active().kid;
    world.advance(JWKS_COOLDOWN_MS + 1000);
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const fresh = await tokenOf(world, 'bob', 'bob', 'builder');
    expect(await partnerVerdict(world, fresh)).toBe('accepted');
    expect(jwksFetches(world)).toEqual([`200 [${oldKid}]`, `200 [${oldKid}, ${world.keys.active().kid}]`]);
  });
});

describe('KEY-02: publish the next key before it signs', () => {
  it('KEY-02: rotating in one step strands a verifier that fetched recently: the new token fails until its cooldown passes', async () => {
    const world = await esWorld();
    await warmPartner(world);
    world.advance(10_000);
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const fresh = await tokenOf(world, 'bob', 'bob', 'builder');
    expect(await partnerVerdict(world, fresh)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(jwksFetches(world)).toHaveLength(1);
    world.advance(JWKS_COOLDOWN_MS - 10_000);
    expect(await partnerVerdict(world, fresh)).toBe('accepted');
    expect(jwksFetches(world)).toHaveLength(2);
  });

  it('KEY-02: publish, let caches refresh, then activate: the first token of the new key verifies everywhere, with no extra fetch', async () => {
    const world = await esWorld();
    const older = await tokenOf(world, 'alice', 'alice', 'wonderland');
    await warmPartner(world);
    const publish = await admin(world, '/admin/keys/rotate', { step: 'publish' });
    expect(publish.status).toBe(200);
    const { publishedKid, activeKid } = publish.body as { publishedKid: string; activeKid: string };
    expect(publishedKid).not.toBe(activeKid);
    // Nothing is signed with the published key yet.
    expect((await world.page('bob').login('bob', 'builder')).status).toBe(200);
    expect(world.keys.active().kid).toBe(activeKid);

    // The cache expires; the next check refetches and so learns the published key.
    world.advance(JWKS_CACHE_MAX_AGE_MS);
    expect(await partnerVerdict(world, older)).toBe('accepted');
    expect(jwksFetches(world)).toEqual([`200 [${activeKid}]`, `200 [${activeKid}, ${publishedKid}]`]);
    const activate = await admin(world, '/admin/keys/rotate', { step: 'activate' });
    expect(activate.body).toMatchObject({ activeKid: publishedKid });
    world.addBrowser('carol');
    const fresh = await tokenOf(world, 'carol', 'alice', 'wonderland');
    expect(await partnerVerdict(world, fresh)).toBe('accepted');
    expect(await partnerVerdict(world, older)).toBe('accepted');
    expect(jwksFetches(world)).toHaveLength(2);
    // The shop verifies both generations.
    expect((await world.page('carol').me()).status).toBe(200);
    expect((await world.page('alice').me()).status).toBe(200);
  });
});

// Input checking of the admin API, not a property of rotation: no checklist ID.
describe('the key rotation admin route checks its input', () => {
  it('activating with nothing published → 404 not_found; an unknown step → 400 bad_request', async () => {
    const world = await esWorld();
    expect(errorCode((await admin(world, '/admin/keys/rotate', { step: 'activate' })).body)).toBe('not_found');
    expect(errorCode((await admin(world, '/admin/keys/rotate', { step: 'now' })).body)).toBe('bad_request');
  });
});

describe('KEY-03: removing a leaked key', () => {
  it('KEY-03: the shop refuses its tokens at once; a cached verifier accepts them until its cache expires', async () => {
    const world = await esWorld();
    const leaked = await tokenOf(world, 'alice', 'alice', 'wonderland');
    await warmPartner(world);
    const oldKid = world.keys.active().kid;
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const removal = await admin(world, '/admin/keys/remove', { kid: oldKid });
    expect(removal.status).toBe(200);
    expect((removal.body as { jwks: { keys: { kid: string }[] } }).jwks.keys.map((k) => k.kid)).not.toContain(oldKid);

    const atShop = await new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${leaked}` } });
    expect({ status: atShop.status, error: errorCode(atShop.body) }).toEqual({ status: 401, error: 'unknown_key' });

    world.advance(JWKS_CACHE_MAX_AGE_MS - 60_000);
    expect(await partnerVerdict(world, leaked)).toBe('accepted');
    expect(jwksFetches(world)).toHaveLength(1);
    world.advance(2 * 60_000);
    expect(await partnerVerdict(world, leaked)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(jwksFetches(world)).toEqual([`200 [${oldKid}]`, `200 [${world.keys.active().kid}]`]);
  });

  it('KEY-03: the signing key cannot be removed; activate another first', async () => {
    const world = await esWorld();
    const answer = await admin(world, '/admin/keys/remove', { kid: world.keys.active().kid });
    expect(errorCode(answer.body)).toBe('bad_request');
  });
});

/**
 * Key rotation seen from a verifier that caches the shop's JWKS the way
 * jose's createRemoteJWKSet does (10-minute cache, 30-second cooldown on
 * refetching for an unknown kid): KEY-01 unknown kids cause at most one
 * refetch per cooldown; KEY-02 publishing a key before it signs avoids
 * failures at cached verifiers; KEY-03 a removed key dies at the shop at once
 * but lives on at a cached verifier until its cache expires.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS, PartnerService } from '../../src/sim/deployment/partner-service';
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
async function partnerVerdict(partner: PartnerService, token: string): Promise<string> {
  try {
    await partner.verify(token);
    return 'accepted';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

describe('KEY-01: unknown kids refetch the JWKS at most once per cooldown', () => {
  it('KEY-01: 40 tokens with made-up kids over 40 s cause 2 JWKS fetches, not 40', async () => {
    const world = await esWorld();
    const partner = PartnerService.provision(world);
    expect(partner.jwksFetches).toBe(1);
    const { privateKey } = await generateKeyPair('ES256');
    world.advance(JWKS_COOLDOWN_MS + 1000);
    for (let i = 0; i < 40; i++) {
      const forged = await new SignJWT({ sub: 'u-9001' }).setProtectedHeader({ alg: 'ES256', kid: `made-up-${i}` }).sign(privateKey);
      expect(await partnerVerdict(partner, forged)).toBe('ERR_JWKS_NO_MATCHING_KEY');
      world.advance(1000);
    }
    // One refetch at the start of the flood and one when the cooldown allowed again (plus the initial load).
    expect(partner.jwksFetches - 1).toBe(2);
  });

  it('KEY-01: a genuinely new kid is found by that one refetch, once the cooldown allows it', async () => {
    const world = await esWorld();
    const partner = PartnerService.provision(world);
    world.advance(JWKS_COOLDOWN_MS + 1000);
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const fresh = await tokenOf(world, 'bob', 'bob', 'builder');
    expect(await partnerVerdict(partner, fresh)).toBe('accepted');
    expect(partner.jwksFetches).toBe(2);
  });
});

describe('KEY-02: publish the next key before it signs', () => {
  it('KEY-02: rotating in one step strands a verifier that fetched recently: the new token fails until its cooldown passes', async () => {
    const world = await esWorld();
    const partner = PartnerService.provision(world);
    world.advance(10_000);
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const fresh = await tokenOf(world, 'bob', 'bob', 'builder');
    expect(await partnerVerdict(partner, fresh)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    world.advance(JWKS_COOLDOWN_MS);
    expect(await partnerVerdict(partner, fresh)).toBe('accepted');
  });

  it('KEY-02: publish, let caches refresh, then activate: the first token of the new key verifies everywhere, with no extra fetch', async () => {
    const world = await esWorld();
    const partner = PartnerService.provision(world);
    const older = await tokenOf(world, 'alice', 'alice', 'wonderland');
    const publish = await admin(world, '/admin/keys/rotate', { step: 'publish' });
    expect(publish.status).toBe(200);
    const { publishedKid, activeKid } = publish.body as { publishedKid: string; activeKid: string };
    expect(publishedKid).not.toBe(activeKid);
    // Nothing is signed with the published key yet.
    expect((await world.page('bob').login('bob', 'builder')).status).toBe(200);
    expect(world.keys.active().kid).toBe(activeKid);

    world.advance(JWKS_CACHE_MAX_AGE_MS + 1000);
    expect(await partnerVerdict(partner, older)).toBe('accepted');
    const fetchesBefore = partner.jwksFetches;
    const activate = await admin(world, '/admin/keys/rotate', { step: 'activate' });
    expect(activate.body).toMatchObject({ activeKid: publishedKid });
    world.addBrowser('carol');
    const fresh = await tokenOf(world, 'carol', 'alice', 'wonderland');
    expect(await partnerVerdict(partner, fresh)).toBe('accepted');
    expect(partner.jwksFetches).toBe(fetchesBefore);
    // The shop verifies both generations.
    expect((await world.page('carol').me()).status).toBe(200);
    expect((await world.page('alice').me()).status).toBe(200);
  });

  it('KEY-02: activating with nothing published → 404; an unknown step → 400', async () => {
    const world = await esWorld();
    expect(errorCode((await admin(world, '/admin/keys/rotate', { step: 'activate' })).body)).toBe('not_found');
    expect(errorCode((await admin(world, '/admin/keys/rotate', { step: 'now' })).body)).toBe('bad_request');
  });
});

describe('KEY-03: removing a leaked key', () => {
  it('KEY-03: the shop refuses its tokens at once; a cached verifier accepts them until its cache expires', async () => {
    const world = await esWorld();
    const leaked = await tokenOf(world, 'alice', 'alice', 'wonderland');
    const partner = PartnerService.provision(world);
    const oldKid = world.keys.active().kid;
    expect((await admin(world, '/admin/keys/rotate')).status).toBe(200);
    const removal = await admin(world, '/admin/keys/remove', { kid: oldKid });
    expect(removal.status).toBe(200);
    expect((removal.body as { jwks: { keys: { kid: string }[] } }).jwks.keys.map((k) => k.kid)).not.toContain(oldKid);

    const atShop = await new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${leaked}` } });
    expect({ status: atShop.status, error: errorCode(atShop.body) }).toEqual({ status: 401, error: 'unknown_key' });

    world.advance(JWKS_CACHE_MAX_AGE_MS - 60_000);
    expect(await partnerVerdict(partner, leaked)).toBe('accepted');
    world.advance(2 * 60_000);
    expect(await partnerVerdict(partner, leaked)).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('KEY-03: the signing key cannot be removed; activate another first', async () => {
    const world = await esWorld();
    const answer = await admin(world, '/admin/keys/remove', { kid: world.keys.active().kid });
    expect(errorCode(answer.body)).toBe('bad_request');
  });
});

/**
 * JWT-10: the verifier takes keys only from the shop's own key set, by
 * `kid`. Key material or key URLs in a token header (`jwk`, `jku`, `x5u`,
 * `x5c`) are never used and never fetched, and hostile `kid` values are
 * just unknown keys.
 */
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { EVIL_ORIGIN } from '../../src/sim/config';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

function adminClaims(world: World): JWTPayload {
  const now = world.clock.nowSeconds();
  const { issuer, audience } = world.config.jwt;
  return { iss: issuer, aud: audience, sub: 'u-9001', role: 'admin', iat: now, exp: now + 300, jti: 'forged-1' };
}

async function malloryKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicJwk: await exportJWK(publicKey) };
}

function present(world: World, token: string): Promise<SimResponse> {
  return new Mallory(world).request('GET', '/admin/users', { headers: { authorization: `Bearer ${token}` } });
}

/** Every exchange the world saw: a fetch of a key URL would be one of them. */
const exchangeUrls = (world: World) => world.trace.ofKind('exchange').map((e) => e.request.url);

describe('JWT-10: no key material or key URL from the token header is trusted', () => {
  it('JWT-10: Mallory\'s own key embedded as `jwk`, with the shop\'s kid → 401 bad_signature; without a kid → 401 unknown_key', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
    const { privateKey, publicJwk } = await malloryKey();
    const kid = world.keys.active().kid;
    const withKid = await new SignJWT(adminClaims(world)).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid, jwk: publicJwk }).sign(privateKey);
    const withoutKid = await new SignJWT(adminClaims(world)).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', jwk: publicJwk }).sign(privateKey);
    const embedded = await present(world, withKid);
    expect({ status: embedded.status, error: errorCode(embedded.body) }).toEqual({ status: 401, error: 'bad_signature' });
    const bare = await present(world, withoutKid);
    expect({ status: bare.status, error: errorCode(bare.body) }).toEqual({ status: 401, error: 'unknown_key' });
  });

  it.each(['jku', 'x5u'])('JWT-10: a `%s` URL on evil.example → 401 unknown_key and the URL is never fetched', async (param) => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
    const { privateKey } = await malloryKey();
    const url = `${EVIL_ORIGIN}/.well-known/jwks.json`;
    const token = await new SignJWT(adminClaims(world)).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'mallory-1', [param]: url }).sign(privateKey);
    const answer = await present(world, token);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'unknown_key' });
    expect(exchangeUrls(world).filter((u) => u.startsWith(EVIL_ORIGIN))).toEqual([]);
  });

  it.each([
    ['path traversal', '../../../../dev/null'],
    ['SQL-looking', "' OR '1'='1' --"],
    ['very long', 'k'.repeat(10_000)],
    ['empty', ''],
  ])('JWT-10: a hostile kid (%s) is only an unknown key: 401 unknown_key', async (_what, kid) => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
    const { privateKey } = await malloryKey();
    const token = await new SignJWT(adminClaims(world)).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid }).sign(privateKey);
    const answer = await present(world, token);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'unknown_key' });
  });
});

/**
 * SCALE-05: every service that verifies the shop's tokens holds the key to
 * do so. With HS256 that key also signs, so a second service can mint an
 * admin token the shop accepts; with ES256 it holds only the public JWKS and
 * cannot.
 */
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { JwtAlg } from '../../src/sim/config';
import { PartnerService } from '../../src/sim/deployment/partner-service';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

async function aliceToken(alg: JwtAlg): Promise<{ world: World; token: string }> {
  const world = await shop.world({ authStyle: 'jwt', jwt: { alg, storage: 'localStorage' } });
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  return { world, token: world.page('alice').accessToken! };
}

const asAdmin = (world: World, token: string) => new Mallory(world).request('GET', '/admin/users', { headers: { authorization: `Bearer ${token}` } });

describe('SCALE-05: a shared HMAC secret lets every verifier issue tokens', () => {
  it('SCALE-05: HS256: the reporting service verifies Alice\'s token with the shared secret, and with the same secret mints an admin token the shop accepts', async () => {
    const { world, token } = await aliceToken('HS256');
    const partner = PartnerService.provision(world);
    expect(partner.material.kind).toBe('hmac-secret');
    expect(await partner.verify(token)).toMatchObject({ sub: 'u-1001', role: 'customer' });

    const minted = await partner.mintAdminToken(token);
    const answer = await asAdmin(world, minted);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ users: expect.arrayContaining([expect.objectContaining({ username: 'alice' })]) });
  });

  it('SCALE-05: ES256: the service holds only the public JWKS; it verifies Alice\'s token but cannot mint one the shop accepts', async () => {
    const { world, token } = await aliceToken('ES256');
    const partner = PartnerService.provision(world);
    expect(partner.material.kind).toBe('public-jwks');
    expect(await partner.verify(token)).toMatchObject({ sub: 'u-1001', role: 'customer' });
    // What it fetched to do so: public keys only.
    const { keys } = partner.cachedJwks();
    expect(keys.map((k) => k.kid)).toEqual([world.keys.active().kid]);
    expect(keys.every((k) => k.d === undefined)).toBe(true);

    const attempt = await partner.mintAdminToken(token);
    const answer = await asAdmin(world, attempt);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'alg_not_allowed' });
  });
});

describe('the partner checks a token as the shop does (the same jose options)', () => {
  /** Alice's claims, changed by `patch` (undefined removes one), signed with the shop's own key: an experiment that isolates one check. */
  async function shopSigned(world: World, token: string, patch: Record<string, number | undefined>): Promise<string> {
    const claims: Record<string, unknown> = { ...decodeJwt(token), ...patch };
    for (const [name, value] of Object.entries(patch)) if (value === undefined) delete claims[name];
    const key = world.keys.active();
    return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' }).sign(key.signKey);
  }

  const partnerVerdict = (world: World, token: string) =>
    world.partner.verify(token).then(
      () => 'accepted',
      (error: { code?: string; claim?: string; reason?: string }) => `${String(error.code)} ${String(error.claim)} ${String(error.reason)}`,
    );
  const shopVerdict = async (world: World, token: string) => {
    const answer = await new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
    return answer.status === 200 ? 'accepted' : errorCode(answer.body);
  };

  it.each<JwtAlg>(['HS256', 'ES256'])('JWT-05: %s: a validly signed token without exp is refused by the partner as by the shop (jose checks exp only when present)', async (alg) => {
    const { world, token } = await aliceToken(alg);
    const noExp = await shopSigned(world, token, { exp: undefined });
    expect(await partnerVerdict(world, noExp)).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED exp missing');
    expect(await shopVerdict(world, noExp)).toBe('token_claim_missing');
  });

  it('JWT-05: the partner allows the shop\'s clock tolerance (5 s) past exp: 4 s late passes, 5 s does not (jose: expired once exp ≤ now − tolerance), as at the shop', async () => {
    const { world, token } = await aliceToken('ES256');
    const now = world.clock.nowSeconds();
    const justExpired = await shopSigned(world, token, { exp: now - 4 });
    const expired = await shopSigned(world, token, { exp: now - 5 });
    expect([await partnerVerdict(world, justExpired), await shopVerdict(world, justExpired)]).toEqual(['accepted', 'accepted']);
    expect([await partnerVerdict(world, expired), await shopVerdict(world, expired)]).toEqual(['ERR_JWT_EXPIRED exp check_failed', 'token_expired']);
  });
});

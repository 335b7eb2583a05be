/**
 * SCALE-05: every service that verifies the shop's tokens holds the key to
 * do so. With HS256 that key also signs, so a second service can mint an
 * admin token the shop accepts; with ES256 it holds only the public JWKS and
 * cannot.
 */
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

/**
 * A world made with a seed draws every random value from it (users' salts,
 * session ids, CSRF tokens, jti, HS256 secrets, EdDSA and ES256 keys), says
 * it is seeded, and can be made again; a world without one uses the CSPRNG.
 */
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { cryptoRandom } from '../../src/sim/random';
import { World } from '../../src/sim/world';
import { canonical } from './canonical-world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

describe('seeded worlds', () => {
  it('a world made with a seed says so, and the same seed makes the same world', async () => {
    const one = await World.create({ seed: 42, id: 'seeded' });
    const two = await World.create({ seed: 42, id: 'seeded' });
    expect([one.seed, one.random.kind]).toEqual([42, 'seeded']);
    expect(canonical(two)).toBe(canonical(one));
    const other = await World.create({ seed: 43, id: 'seeded' });
    expect(other.db.users.get('u-1001')!.salt).not.toBe(one.db.users.get('u-1001')!.salt);
  });

  it('a world without a seed draws from the CSPRNG and has no seed to show', async () => {
    const world = await World.create();
    expect(world.random).toBe(cryptoRandom);
    expect([world.seed, world.random.kind]).toEqual([undefined, 'csprng']);
  });

  it('refuses a seed that is not a 32-bit whole number, and a seed together with a random source', async () => {
    for (const seed of [1.5, -1, 2 ** 32, Number.NaN]) await expect(World.create({ seed })).rejects.toThrow(RangeError);
    await expect(World.create({ seed: 1, random: cryptoRandom })).rejects.toThrow('Give a world a seed or a random source, not both');
  });

  it.each(['HS256', 'ES256', 'EdDSA'] as const)('%s: the same seed gives the same signing key, and it signs and verifies', async (alg) => {
    const [a, b, c] = (await Promise.all([7, 7, 8].map((seed) => World.create({ seed, config: { jwt: { alg } } })))) as [World, World, World];
    const material = (w: World) => {
      const key = w.keys.active();
      return key.publicJwk ? JSON.stringify(key.publicJwk) : Buffer.from(key.signKey as Uint8Array).toString('hex');
    };
    expect(material(b)).toBe(material(a));
    expect(material(c)).not.toBe(material(a));
    const key = a.keys.active();
    const token = await new SignJWT({ sub: 'u-1001' }).setProtectedHeader({ alg }).sign(key.signKey);
    expect((await jwtVerify(token, key.verifyKey)).payload.sub).toBe('u-1001');
  });

  it('stepping back over a login and logging in again draws the same session id (the random stream is restored too)', async () => {
    const world = await shop.world({}, { seed: 5 });
    const before = world.save();
    await world.page('alice').login('alice', 'wonderland');
    const first = world.browser('alice').cookies()[0]!.value;
    world.restore(before);
    await world.page('alice').login('alice', 'wonderland');
    expect(world.browser('alice').cookies()[0]!.value).toBe(first);
  });
});

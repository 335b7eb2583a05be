/**
 * JWTs can be revoked (misconception 6), at the price of a server lookup:
 * a jti denylist filled at logout (REVOKE-01) or a per-user not-before time
 * set by a password change (REVOKE-03). With revocation 'none', a copied
 * access token outlives logout until its exp.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { MINUTE } from '../../src/sim/clock';
import type { RevocationMode } from '../../src/sim/config';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

function jwtWorld(revocation: RevocationMode): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg: 'RS256', storage: 'localStorage', revocation } });
}

async function loginAlice(world: World, browser = 'alice'): Promise<string> {
  const page = world.page(browser);
  expect((await page.login('alice', 'wonderland')).status).toBe(200);
  return page.accessToken!;
}

/** Mallory replays a copied token from her own browser. */
function replay(world: World, token: string): Promise<SimResponse> {
  return new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
}

function expectRejected(response: SimResponse, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status: 401, error: code });
}

function storeOps(world: World, response: SimResponse, store: string) {
  return world.trace.causedBy(response.exchangeId).filter((e) => e.kind === 'store' && e.store === store);
}

describe('REVOKE-01: JWT logout denylists (jti, iss) until exp', () => {
  it('REVOKE-01: a copied access token works until logout, then a replay → 401 token_revoked', async () => {
    const world = await jwtWorld('denylist');
    const alice = world.page('alice');
    await loginAlice(world);
    // An XSS copies the token out of localStorage.
    const stolen = new Mallory(world).xss('alice').localStorage['shop.accessToken']!;
    expect(stolen).toBe(alice.accessToken);
    const { jti, exp, iss } = decodeJwt(stolen);

    const before = await replay(world, stolen);
    expect(before.status).toBe(200);
    expect(storeOps(world, before, 'denylist')).toEqual([expect.objectContaining({ op: 'read', key: jti, hit: false })]);

    const logout = await alice.logout();
    expect(logout.status).toBe(200);
    expect(logout.body).toEqual({ loggedOut: true, revocation: 'denylist' });
    expect(alice.accessToken).toBeUndefined();
    expect(storeOps(world, logout, 'denylist')).toContainEqual(expect.objectContaining({ op: 'write', key: jti }));
    expect(world.db.denylist.get(jti!)).toEqual({ jti, iss, until: exp! * 1000 });
    expect(iss).toBe(world.config.jwt.issuer);

    const after = await replay(world, stolen);
    expectRejected(after, 'token_revoked');
    // The signature still verifies: it is the lookup that refuses the token,
    // and the access-token lifecycle that turns the hit into "denied".
    expect(world.trace.causedBy(after.exchangeId)).toEqual([
      expect.objectContaining({ kind: 'crypto', op: 'verify', ok: true }),
      expect.objectContaining({ kind: 'store', store: 'denylist', op: 'read', key: jti, hit: true }),
      expect.objectContaining({ kind: 'lifecycle', machine: 'accessToken', event: 'CHECK', guard: 'onDenylist', from: 'valid', to: 'denied' }),
    ]);
  });

  it('REVOKE-01: the entry outlives every use of the token: just before exp it is still refused, after exp the token is plain expired', async () => {
    const world = await jwtWorld('denylist');
    const stolen = await loginAlice(world);
    const { exp } = decodeJwt(stolen);
    await world.page('alice').logout();
    world.advance(exp! * 1000 - world.clock.now() - 1_000);
    expectRejected(await replay(world, stolen), 'token_revoked');
    world.advance(10_000);
    expectRejected(await replay(world, stolen), 'token_expired');
  });

  it('REVOKE-01: the denylist is per token: Alice’s session on another device keeps working', async () => {
    const world = await jwtWorld('denylist');
    world.addBrowser('alice-phone');
    const laptop = await loginAlice(world);
    const phone = await loginAlice(world, 'alice-phone');
    expect(decodeJwt(phone).jti).not.toBe(decodeJwt(laptop).jti);
    await world.page('alice').logout();
    expectRejected(await replay(world, laptop), 'token_revoked');
    const me = await world.page('alice-phone').me();
    expect(me.status).toBe(200);
    expect(world.db.denylist.size).toBe(1);
  });

  it('REVOKE-01: with revocation "none" logout writes nothing and the copied token still works until exp (the price)', async () => {
    const world = await jwtWorld('none');
    const alice = world.page('alice');
    const stolen = await loginAlice(world);
    const { exp } = decodeJwt(stolen);

    const logout = await alice.logout();
    expect(logout.body).toEqual({ loggedOut: true, revocation: 'none' });
    expect(storeOps(world, logout, 'denylist')).toEqual([]);
    expect(world.db.denylist.size).toBe(0);

    const after = await replay(world, stolen);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ user: { id: 'u-1001', username: 'alice' } });
    // No revocation lookup at all: verification is the signature alone.
    expect(storeOps(world, after, 'denylist')).toEqual([]);

    world.advance(exp! * 1000 - world.clock.now() - 1_000);
    expect((await replay(world, stolen)).status).toBe(200);
    world.advance(10_000);
    expectRejected(await replay(world, stolen), 'token_expired');
  });
});

/** P-256 group order: an ECDSA signature (r, s) also verifies as (r, n − s). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The same token with its ES256 signature malleated: other bytes, same claims, still a valid signature. */
function malleate(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const raw = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
  const flipped = Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex');
  return `${header}.${payload}.${Buffer.concat([raw.subarray(0, 32), flipped]).toString('base64url')}`;
}

describe('REVOKE-02: the denylist matches the token\'s jti, not its bytes', () => {
  it('REVOKE-02: a revoked ES256 token with a malleated signature verifies, and is still refused as revoked', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', storage: 'localStorage', revocation: 'denylist' } });
    const stolen = await loginAlice(world);
    const twin = malleate(stolen);
    expect(twin).not.toBe(stolen);
    // Before logout the twin is as good as the original: the signature really verifies.
    expect((await replay(world, twin)).status).toBe(200);

    expect((await world.page('alice').logout()).status).toBe(200);
    const after = await replay(world, twin);
    expectRejected(after, 'token_revoked');
    expect(world.trace.causedBy(after.exchangeId)).toContainEqual(expect.objectContaining({ kind: 'crypto', op: 'verify', ok: true }));
  });
});

describe('REVOKE-03: a password change sets the user’s not-before time', () => {
  it('REVOKE-03: a token issued before the change → 401 token_revoked; the newly issued one works', async () => {
    const world = await jwtWorld('not-before');
    const alice = world.page('alice');
    const stolen = await loginAlice(world);
    expect((await replay(world, stolen)).status).toBe(200);

    world.advance(30_000);
    const change = await alice.changePassword('wonderland', 'new-pass-123');
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({ passwordChanged: true });
    const fresh = alice.accessToken!;
    expect(fresh).not.toBe(stolen);
    const row = world.db.users.get('u-1001')!;
    expect(row.tokensNotBeforeSec).toBe(Math.floor(world.clock.now() / 1000) + 1);
    expect(decodeJwt(stolen).iat!).toBeLessThan(row.tokensNotBeforeSec);
    expect(decodeJwt(fresh).iat!).toBeGreaterThanOrEqual(row.tokensNotBeforeSec);

    const after = await replay(world, stolen);
    expectRejected(after, 'token_revoked');
    expect(storeOps(world, after, 'users')).toEqual([expect.objectContaining({ op: 'read', key: 'u-1001', hit: true })]);

    const me = await alice.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: 'u-1001' } });
    expect((await replay(world, fresh)).status).toBe(200);
  });

  it('REVOKE-03: the change also ends the token on Alice’s other device, which must log in again', async () => {
    const world = await jwtWorld('not-before');
    world.addBrowser('alice-phone');
    await loginAlice(world);
    await loginAlice(world, 'alice-phone');
    world.advance(MINUTE);
    expect((await world.page('alice').changePassword('wonderland', 'new-pass-123')).status).toBe(200);

    const phone = world.page('alice-phone');
    expectRejected(await phone.me(), 'token_revoked');
    expect((await phone.login('alice', 'wonderland')).status).toBe(401);
    expect((await phone.login('alice', 'new-pass-123')).status).toBe(200);
    expect((await phone.me()).status).toBe(200);
  });

  it('REVOKE-03: the not-before time is per user: Bob’s earlier token is untouched', async () => {
    const world = await jwtWorld('not-before');
    world.addBrowser('bob');
    const bob = world.page('bob');
    expect((await bob.login('bob', 'builder')).status).toBe(200);
    await loginAlice(world);
    world.advance(MINUTE);
    expect((await world.page('alice').changePassword('wonderland', 'new-pass-123')).status).toBe(200);
    const me = await bob.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'bob' } });
  });
});

describe('REVOKE-03: not-before holds within the same second', () => {
  it('REVOKE-03: a token issued in the same virtual second as the password change is still revoked', async () => {
    const world = await jwtWorld('not-before');
    const stolen = await loginAlice(world, 'mallory');
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    // No clock move at all: iat has one-second resolution, so this is the hard case.
    expect((await alice.changePassword('wonderland', 'new-pass-123')).status).toBe(200);
    expectRejected(await replay(world, stolen), 'token_revoked');
    expect((await alice.me()).status).toBe(200);
    // A fresh login right after, still in that second, gets a token that works.
    const relogin = world.page('admin');
    expect((await relogin.login('alice', 'new-pass-123')).status).toBe(200);
    expect((await relogin.me()).status).toBe(200);
  });
});

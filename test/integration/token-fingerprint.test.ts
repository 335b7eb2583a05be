/**
 * XSS-03: token sidejacking defence. Each access token carries the hash of a
 * random fingerprint whose value sits only in a hardened cookie, so a token
 * copied out of localStorage is refused from any other browser; inside
 * Alice's page it still works, because the cookie rides along.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { LS_ACCESS } from '../../src/sim/browser/shop-page';
import { FINGERPRINT_COOKIE } from '../../src/sim/shop/token-fingerprint';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

async function aliceLoggedIn(fingerprint: boolean): Promise<World> {
  const world = await shop.world({ authStyle: 'jwt', jwt: { storage: 'localStorage', fingerprint } });
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  return world;
}

const replay = (world: World, token: string) => new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });

describe('XSS-03: access tokens bound to a fingerprint cookie', () => {
  it('XSS-03: login sets a __Host- HttpOnly, Secure, SameSite=Strict fingerprint cookie; the token holds only its hash', async () => {
    const world = await aliceLoggedIn(true);
    const cookie = world.browser('alice').cookies().find((c) => c.name === FINGERPRINT_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', hostOnly: true });
    const { fgp } = decodeJwt(world.page('alice').accessToken!);
    expect(fgp).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fgp).not.toBe(cookie!.value);
    expect((await world.page('alice').me()).status).toBe(200);
  });

  it('XSS-03: an XSS copies the token from localStorage but not the cookie; replayed from Mallory\'s browser → 401 token_unbound', async () => {
    const world = await aliceLoggedIn(true);
    const foothold = new Mallory(world).xss('alice');
    const stolen = foothold.localStorage[LS_ACCESS]!;
    expect(foothold.documentCookie).not.toContain(FINGERPRINT_COOKIE);
    const answer = await replay(world, stolen);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'token_unbound' });
    // The binding stops theft, not misuse: inside Alice's page the cookie rides along (XSS-01).
    expect((await foothold.fetchAsVictim('GET', '/me')).status).toBe(200);
  });

  it('XSS-03: Mallory\'s own fingerprint cookie does not match Alice\'s token → 401 token_unbound', async () => {
    const world = await aliceLoggedIn(true);
    const stolen = world.page('alice').accessToken!;
    expect((await world.page('mallory').login('mallory', 'mallory')).status).toBe(200);
    const answer = await replay(world, stolen);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'token_unbound' });
  });

  it('XSS-03: without the binding the same copied token works from Mallory\'s browser (the control)', async () => {
    const world = await aliceLoggedIn(false);
    const stolen = new Mallory(world).xss('alice').localStorage[LS_ACCESS]!;
    expect((await replay(world, stolen)).status).toBe(200);
  });

  it('XSS-03: a refresh binds the new token to a new fingerprint, and logout deletes the cookie', async () => {
    const world = await aliceLoggedIn(true);
    const alice = world.page('alice');
    const firstCookie = world.browser('alice').cookies().find((c) => c.name === FINGERPRINT_COOKIE)!.value;
    world.advance(60_000);
    expect((await alice.refresh()).status).toBe(200);
    const secondCookie = world.browser('alice').cookies().find((c) => c.name === FINGERPRINT_COOKIE)!.value;
    expect(secondCookie).not.toBe(firstCookie);
    expect((await alice.me()).status).toBe(200);
    expect((await alice.logout()).status).toBe(200);
    expect(world.browser('alice').cookies().map((c) => c.name)).not.toContain(FINGERPRINT_COOKIE);
  });
});

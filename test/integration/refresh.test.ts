/**
 * Refresh-token rotation with reuse detection (RFC 9700 §4.14.2): every
 * refresh returns a new refresh token and retires the old one; a retired
 * token coming back revokes its whole family, because the server cannot
 * tell the client from the thief (misconception 12).
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { LS_REFRESH } from '../../src/sim/browser/shop-page';
import { SHOP_ORIGIN, type TokenStorage } from '../../src/sim/config';
import { REFRESH_COOKIE } from '../../src/sim/shop/jwt-auth';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

function jwtWorld(storage: TokenStorage): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', storage, revocation: 'denylist' } });
}

function expectRejected(response: SimResponse, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status: 401, error: code });
}

/** Mallory sends a refresh token she holds from her own client (localStorage mode: in the body). */
function refreshAsMallory(world: World, refreshToken: string): Promise<SimResponse> {
  return new Mallory(world).request('POST', '/refresh', { body: { refreshToken } });
}

function familyOf(world: World, refreshToken: string) {
  const fam = decodeJwt(refreshToken).fam as string;
  return world.db.refreshFamilies.get(fam)!;
}

describe('REFRESH-01: every refresh returns a new refresh token; the old one then fails', () => {
  it('REFRESH-01: three refreshes give three new refresh tokens of one family, each a new jti', async () => {
    const world = await jwtWorld('localStorage');
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    const first = (login.body as { refreshToken: string }).refreshToken;
    expect(alice.browser.localStorage.get(LS_REFRESH)).toBe(first);

    const seen = [first];
    for (let i = 0; i < 3; i++) {
      world.advance(4 * 60_000);
      const response = await alice.refresh();
      expect(response.status).toBe(200);
      const { refreshToken, accessToken } = response.body as { refreshToken: string; accessToken: string };
      expect(seen).not.toContain(refreshToken);
      expect(decodeJwt(refreshToken).jti).not.toBe(decodeJwt(seen.at(-1)!).jti);
      expect(decodeJwt(refreshToken).fam).toBe(decodeJwt(first).fam);
      expect(alice.browser.localStorage.get(LS_REFRESH)).toBe(refreshToken);
      expect(alice.accessToken).toBe(accessToken);
      // The server remembers which refresh token is current.
      expect(familyOf(world, refreshToken).currentJti).toBe(decodeJwt(refreshToken).jti);
      expect(world.trace.causedBy(response.exchangeId)).toContainEqual(
        expect.objectContaining({ kind: 'store', store: 'refresh-families', op: 'write' }),
      );
      seen.push(refreshToken);
      // The new access token works even though the login one has long expired.
      expect((await alice.me()).status).toBe(200);
    }
    expect(new Set(seen).size).toBe(4);
  });

  it('REFRESH-01: after one refresh the previous refresh token → 401', async () => {
    const world = await jwtWorld('localStorage');
    const alice = world.page('alice');
    const old = ((await alice.login('alice', 'wonderland')).body as { refreshToken: string }).refreshToken;
    expect((await alice.refresh()).status).toBe(200);
    expectRejected(await refreshAsMallory(world, old), 'refresh_reused');
  });

  it('REFRESH-01: default memory storage: the refresh token is only an HttpOnly cookie, and rotates too', async () => {
    const world = await jwtWorld('memory');
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect(login.body).toHaveProperty('accessToken');
    expect(login.body).not.toHaveProperty('refreshToken');
    expect(alice.browser.localStorage.size).toBe(0);

    expect(REFRESH_COOKIE).toMatch(/^__(Host|Secure)-/);
    const [setCookie] = header(login.headers, 'set-cookie');
    expect(setCookie).toMatch(new RegExp(`^${REFRESH_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; `));
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict']) expect(setCookie).toContain(`; ${attribute}`);
    const stored = alice.browser.cookies().find((c) => c.name === REFRESH_COOKIE)!;
    expect(stored).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', hostOnly: true });
    expect(decodeJwt(stored.value)).toMatchObject({ sub: 'u-1001' });
    // An injected script sees neither the cookie nor a stored token.
    const xss = new Mallory(world).xss('alice');
    expect(xss.documentCookie).not.toContain(REFRESH_COOKIE);
    expect(xss.localStorage).toEqual({});

    const refreshed = await alice.refresh();
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refreshToken');
    const rotated = alice.browser.cookies().find((c) => c.name === REFRESH_COOKIE)!;
    expect(rotated.value).not.toBe(stored.value);
    expect(decodeJwt(rotated.value).fam).toBe(decodeJwt(stored.value).fam);
    expect((await alice.me()).status).toBe(200);

    // The old cookie value, replayed from Mallory's own client, is refused.
    const replay = await new Mallory(world).request('POST', '/refresh', {
      headers: { cookie: `${REFRESH_COOKIE}=${stored.value}`, origin: SHOP_ORIGIN },
      body: {},
    });
    expectRejected(replay, 'refresh_reused');
  });
});

describe('REFRESH-02: replaying a used refresh token revokes the whole family', () => {
  it('REFRESH-02: the thief replays after Alice rotated → refresh_reused, and Alice’s newest token → refresh_invalid', async () => {
    const world = await jwtWorld('localStorage');
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const stolen = new Mallory(world).xss('alice').localStorage[LS_REFRESH]!;

    expect((await alice.refresh()).status).toBe(200);
    const newest = alice.browser.localStorage.get(LS_REFRESH)!;
    expect(newest).not.toBe(stolen);

    const reuse = await refreshAsMallory(world, stolen);
    expectRejected(reuse, 'refresh_reused');
    expect(familyOf(world, stolen).state).toBe('reuseDetected');
    expect(world.trace.causedBy(reuse.exchangeId)).toContainEqual(
      expect.objectContaining({ kind: 'store', store: 'refresh-families', op: 'write' }),
    );

    expectRejected(await alice.refresh(), 'refresh_invalid');
    expectRejected(await refreshAsMallory(world, newest), 'refresh_invalid');
    // Alice has to log in again, which starts a new family.
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    const restarted = alice.browser.localStorage.get(LS_REFRESH)!;
    expect(decodeJwt(restarted).fam).not.toBe(decodeJwt(stolen).fam);
    expect((await alice.refresh()).status).toBe(200);
  });

  it('REFRESH-02: reuse ends the family’s refresh tokens only; an access token issued before it works until its exp, and the answer says so', async () => {
    for (const revocation of ['none', 'denylist'] as const) {
      const world = await shop.world({ authStyle: 'jwt', jwt: { storage: 'localStorage', revocation, accessTtlMs: 300_000 } });
      const alice = world.page('alice');
      await alice.login('alice', 'wonderland');
      const stolen = alice.browser.localStorage.get(LS_REFRESH)!;
      expect((await alice.refresh()).status).toBe(200);
      const access = alice.accessToken!;
      const reuse = await refreshAsMallory(world, stolen);
      expectRejected(reuse, 'refresh_reused');
      const message = (reuse.body as { message: string }).message;
      expect(message).not.toMatch(/every token/);
      expect(message).toMatch(/every refresh token of its family/);
      expect(message).toMatch(/access tokens already issued work until their exp/);
      const me = () => new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${access}` } });
      expect({ revocation, status: (await me()).status }).toEqual({ revocation, status: 200 });
      world.advance(6 * 60_000);
      expect({ revocation, error: errorCode((await me()).body) }).toEqual({ revocation, error: 'token_expired' });
    }
  });

  it('REFRESH-02: the thief rotates first; Alice’s replay is detected and the thief’s fresh token dies with the family (misconception 12)', async () => {
    const world = await jwtWorld('localStorage');
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const stolen = alice.browser.localStorage.get(LS_REFRESH)!;

    const mallorys = await refreshAsMallory(world, stolen);
    expect(mallorys.status).toBe(200);
    const malloryToken = (mallorys.body as { refreshToken: string }).refreshToken;

    // Alice's page still holds the token Mallory already used.
    expectRejected(await alice.refresh(), 'refresh_reused');
    expectRejected(await refreshAsMallory(world, malloryToken), 'refresh_invalid');
  });

  it('REFRESH-02: only that family ends: Alice’s session on another device keeps refreshing', async () => {
    const world = await jwtWorld('localStorage');
    world.addBrowser('alice-phone');
    const laptop = world.page('alice');
    const phone = world.page('alice-phone');
    await laptop.login('alice', 'wonderland');
    await phone.login('alice', 'wonderland');
    const stolen = laptop.browser.localStorage.get(LS_REFRESH)!;
    await laptop.refresh();
    expectRejected(await refreshAsMallory(world, stolen), 'refresh_reused');
    expectRejected(await laptop.refresh(), 'refresh_invalid');
    expect((await phone.refresh()).status).toBe(200);
  });

  it('REFRESH-02: memory storage: a replayed old cookie value ends the family, so Alice’s current cookie → refresh_invalid', async () => {
    const world = await jwtWorld('memory');
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const old = alice.browser.cookies().find((c) => c.name === REFRESH_COOKIE)!.value;
    expect((await alice.refresh()).status).toBe(200);

    const replay = await new Mallory(world).request('POST', '/refresh', {
      headers: { cookie: `${REFRESH_COOKIE}=${old}`, origin: SHOP_ORIGIN },
      body: {},
    });
    expectRejected(replay, 'refresh_reused');
    expectRejected(await alice.refresh(), 'refresh_invalid');
  });
});

describe('REFRESH-03 (logout part): logout revokes the refresh token', () => {
  it.each(['localStorage', 'memory'] as const)('REFRESH-03: after logout (%s storage) a copied refresh token → 401 refresh_invalid', async (storage) => {
    const world = await jwtWorld(storage);
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    const copied =
      storage === 'localStorage'
        ? alice.browser.localStorage.get(LS_REFRESH)!
        : alice.browser.cookies().find((c) => c.name === REFRESH_COOKIE)!.value;
    expect((await alice.logout()).status).toBe(200);
    expect(familyOf(world, copied)).toMatchObject({ state: 'revoked', endedBy: 'logout' });
    if (storage === 'localStorage') {
      expectRejected(await refreshAsMallory(world, copied), 'refresh_invalid');
    } else {
      // The cookie replayed from Mallory's own copy of the shop's page.
      new Mallory(world).plantInOwnBrowser(REFRESH_COOKIE, copied);
      expectRejected(await world.send('mallory', { method: 'POST', url: `${SHOP_ORIGIN}/refresh`, body: {}, initiator: SHOP_ORIGIN }), 'refresh_invalid');
    }
  });
});

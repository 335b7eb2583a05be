/**
 * The server consults the credential lifecycle machines: every verdict on a
 * session, an access token or a refresh family is the machine's transition,
 * traced with the exchange that caused it (what the lifecycle diagrams
 * highlight). REFRESH-03: a refresh family expires when unused for too long
 * and at its absolute lifetime, and a password change ends it.
 */
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import { LS_REFRESH } from '../../src/sim/browser/shop-page';
import type { TraceEvent } from '../../src/sim/trace';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();
const MIN = 60_000;
const HOUR = 60 * MIN;

type LifecycleEvent = Extract<TraceEvent, { kind: 'lifecycle' }>;

function verdicts(world: World, response: SimResponse): Pick<LifecycleEvent, 'machine' | 'event' | 'guard' | 'from' | 'to'>[] {
  return world.trace
    .causedBy(response.exchangeId)
    .filter((e): e is LifecycleEvent => e.kind === 'lifecycle')
    .map(({ machine, event, guard, from, to }) => ({ machine, event, from, to, ...(guard ? { guard } : {}) }));
}

function expectError(response: SimResponse, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status: 401, error: code });
}

describe('the session lifecycle is what the server applies', () => {
  it('a guest cart, login, use, idle expiry and a second login each show as the machine\'s transition', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const alice = world.page('alice');
    await alice.addToCart('tea', 1);

    const login = await alice.login('alice', 'wonderland');
    expect(verdicts(world, login)).toEqual([{ machine: 'session', event: 'REGENERATE', from: 'active', to: 'regenerated' }]);

    const me = await alice.me();
    expect(verdicts(world, me)).toEqual([{ machine: 'session', event: 'USE', from: 'active', to: 'active' }]);

    world.advance(16 * MIN);
    const late = await alice.me();
    expectError(late, 'session_expired');
    expect(verdicts(world, late)).toEqual([{ machine: 'session', event: 'USE', guard: 'idleTooLong', from: 'active', to: 'idleExpired' }]);
    expect(world.db.sessions.size).toBe(0);
  });

  it('logout is LOG_OUT, an admin revoke is REVOKE, and a password change regenerates this device and revokes the others', async () => {
    const world = await shop.world({ authStyle: 'session' });
    world.addBrowser('alice-phone');
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    await world.page('alice-phone').login('alice', 'wonderland');

    const change = await alice.changePassword('wonderland', 'looking-glass-42');
    expect(verdicts(world, change).map((v) => `${v.event} → ${v.to}`).sort()).toEqual(['REGENERATE → regenerated', 'REVOKE → revoked', 'USE → active']);

    const logout = await alice.logout();
    expect(verdicts(world, logout)).toEqual([{ machine: 'session', event: 'LOG_OUT', from: 'active', to: 'loggedOut' }]);
  });

  it('a session bound before an admin revoke is ended by the boundBeforeRevoke rule when it next comes back', async () => {
    const world = await shop.world({ authStyle: 'session', deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    world.addBrowser('alice-phone');
    await world.page('alice').login('alice', 'wonderland');
    await world.page('alice-phone').login('alice', 'wonderland');
    await world.page('admin').login('admin', 'console');
    await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice' });
    const phone = await world.page('alice-phone').me();
    expectError(phone, 'session_expired');
    expect(verdicts(world, phone)).toEqual([{ machine: 'session', event: 'USE', guard: 'boundBeforeRevoke', from: 'active', to: 'revoked' }]);
  });
});

describe('the access-token lifecycle is what the server applies', () => {
  it('valid while fresh, expired after its lifetime (the machine\'s pastExpiry rule), denied after logout with the denylist', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'denylist', storage: 'localStorage' } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const token = alice.accessToken!;
    expect(verdicts(world, await alice.me())).toEqual([{ machine: 'accessToken', event: 'CHECK', from: 'valid', to: 'valid' }]);

    world.advance(6 * MIN);
    const late = await world.page('alice').call('GET', '/me');
    expectError(late, 'token_expired');
    const traced = world.trace.causedBy(late.exchangeId).find((e): e is LifecycleEvent => e.kind === 'lifecycle');
    expect(traced).toMatchObject({ machine: 'accessToken', guard: 'pastExpiry', to: 'expired', subject: (decodeJwt(token).jti as string).slice(0, 8) });
  });
});

describe('the access-token lifecycle decides time, type and revocation, and the server does what it says', () => {
  const tokenWorld = (revocation: 'denylist' | 'not-before' | 'none' = 'denylist') =>
    shop.world({ authStyle: 'jwt', jwt: { revocation, storage: 'localStorage' } });

  /** A token signed with the world's real key, Alice's claims with `overrides`, typ at+jwt unless `typ` says otherwise. */
  async function signed(world: World, overrides: Record<string, unknown> = {}, typ = 'at+jwt'): Promise<string> {
    const now = world.clock.nowSeconds();
    const key = world.keys.active();
    const { issuer: iss, audience: aud } = world.config.jwt;
    return new SignJWT({ iss, aud, sub: 'u-1001', role: 'customer', iat: now, exp: now + 300, jti: `t-${now}-${Math.random()}`, ...overrides })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ })
      .sign(key.signKey);
  }

  const present = (world: World, token: string) => new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });

  it('JWT-05/JWT-08: not valid yet, expired and not an access token are each the machine\'s edge, and cost no store lookup', async () => {
    const world = await tokenWorld('denylist');
    const now = world.clock.nowSeconds();
    const cases = [
      [{ nbf: now + 60 }, 'at+jwt', 'token_not_yet_valid', 'nbfInFuture', 'notYetValid'],
      [{ iat: now - 600, exp: now - 6 }, 'at+jwt', 'token_expired', 'pastExpiry', 'expired'],
      [{ fam: 'f-1' }, 'refresh+jwt', 'wrong_token_type', 'notAnAccessToken', 'wrongType'],
    ] as const;
    for (const [claims, typ, code, guard, to] of cases) {
      const answer = await present(world, await signed(world, claims, typ));
      expectError(answer, code);
      expect(verdicts(world, answer), code).toEqual([{ machine: 'accessToken', event: 'CHECK', guard, from: 'valid', to }]);
      expect(world.trace.causedBy(answer.exchangeId).filter((e) => e.kind === 'store'), code).toEqual([]);
    }
  });

  it('REVOKE-01: a denylisted jti is the machine\'s onDenylist edge, after one denylist read', async () => {
    const world = await tokenWorld('denylist');
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const token = alice.accessToken!;
    await alice.logout();
    const replay = await present(world, token);
    expectError(replay, 'token_revoked');
    expect(verdicts(world, replay)).toEqual([{ machine: 'accessToken', event: 'CHECK', guard: 'onDenylist', from: 'valid', to: 'denied' }]);
    expect(world.trace.causedBy(replay.exchangeId).filter((e) => e.kind === 'store').map((e) => e.kind === 'store' && e.store)).toEqual(['denylist']);
  });

  it('REVOKE-03: not-before mode: a token from before an admin revoke is issuedBeforeRevocation; a disabled account is accountDisabled', async () => {
    const world = await tokenWorld('not-before');
    await world.page('alice').login('alice', 'wonderland');
    const before = world.page('alice').accessToken!;
    world.advance(2_000);
    await world.page('admin').login('admin', 'console');
    await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice' });
    const stale = await present(world, before);
    expectError(stale, 'token_revoked');
    expect(verdicts(world, stale)).toEqual([{ machine: 'accessToken', event: 'CHECK', guard: 'issuedBeforeRevocation', from: 'valid', to: 'denied' }]);

    world.advance(2_000);
    const fresh = await signed(world);
    expect((await present(world, fresh)).status).toBe(200);
    await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice', disable: true });
    world.advance(2_000);
    const disabled = await present(world, await signed(world));
    expectError(disabled, 'token_revoked');
    expect(verdicts(world, disabled)).toEqual([{ machine: 'accessToken', event: 'CHECK', guard: 'accountDisabled', from: 'valid', to: 'denied' }]);
  });

  it('JWT-05: around exp and nbf, second by second, the answer is exactly the machine\'s verdict and jose agrees with it', async () => {
    const world = await tokenWorld('none');
    const tolerance = world.config.jwt.clockToleranceSec;
    const now = world.clock.nowSeconds();
    const seen: string[] = [];
    for (let offset = -tolerance - 2; offset <= -tolerance + 2; offset++) {
      const answer = await present(world, await signed(world, { iat: now - 600, exp: now + offset }));
      seen.push(`exp ${offset}: ${answer.status} ${verdicts(world, answer)[0]?.to}`);
    }
    for (let offset = tolerance - 2; offset <= tolerance + 2; offset++) {
      const answer = await present(world, await signed(world, { nbf: now + offset }));
      seen.push(`nbf +${offset}: ${answer.status} ${verdicts(world, answer)[0]?.to}`);
    }
    expect(seen).toEqual([
      'exp -7: 401 expired',
      'exp -6: 401 expired',
      'exp -5: 401 expired',
      'exp -4: 200 valid',
      'exp -3: 200 valid',
      'nbf +3: 200 valid',
      'nbf +4: 200 valid',
      'nbf +5: 200 valid',
      'nbf +6: 401 notYetValid',
      'nbf +7: 401 notYetValid',
    ]);
  });
});

describe('REFRESH-03: refresh families end when unused, at their lifetime, and on password change', () => {
  const localWorld = () => shop.world({ authStyle: 'jwt', jwt: { storage: 'localStorage', refreshIdleTtlMs: 8 * HOUR, refreshTtlMs: 24 * HOUR } });

  it('REFRESH-03: a refresh token unused for longer than the idle limit → 401 refresh_expired, though its exp is hours away', async () => {
    const world = await localWorld();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    world.advance(7 * HOUR);
    const inTime = await alice.refresh();
    expect(inTime.status).toBe(200);
    expect(verdicts(world, inTime)).toEqual([{ machine: 'refreshFamily', event: 'PRESENT', from: 'active', to: 'rotated' }]);

    world.advance(8 * HOUR + 1000);
    const refreshToken = alice.browser.localStorage.get(LS_REFRESH) ?? '';
    expect(decodeJwt(refreshToken).exp! * 1000).toBeGreaterThan(world.clock.now());
    const late = await alice.refresh();
    expectError(late, 'refresh_expired');
    expect(verdicts(world, late)).toEqual([{ machine: 'refreshFamily', event: 'PRESENT', guard: 'unusedTooLong', from: 'rotated', to: 'expired' }]);
    const family = world.db.refreshFamilies.get(decodeJwt(refreshToken).fam as string)!;
    expect(family).toMatchObject({ state: 'expired', endedBy: 'idle', rotations: 1 });
  });

  it('REFRESH-03: refreshing every 4 hours cannot stretch a login past its absolute lifetime of one day', async () => {
    const world = await localWorld();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    for (let i = 0; i < 5; i++) {
      world.advance(4 * HOUR);
      expect((await alice.refresh()).status).toBe(200);
    }
    // At exactly one day jose still accepts the token (5 s clock tolerance); the family's own rule does not.
    world.advance(4 * HOUR);
    const atLifetime = await alice.refresh();
    expectError(atLifetime, 'refresh_expired');
    expect(verdicts(world, atLifetime)).toEqual([{ machine: 'refreshFamily', event: 'PRESENT', guard: 'pastAbsoluteLifetime', from: 'rotated', to: 'expired' }]);
  });

  it('REFRESH-03: a password change ends the other device\'s family: its refresh token → 401 refresh_invalid', async () => {
    const world = await localWorld();
    world.addBrowser('alice-phone');
    const alice = world.page('alice');
    const phone = world.page('alice-phone');
    await alice.login('alice', 'wonderland');
    await phone.login('alice', 'wonderland');
    const phoneToken = phone.browser.localStorage.get(LS_REFRESH) ?? '';

    const change = await alice.changePassword('wonderland', 'looking-glass-42');
    expect(change.body).toMatchObject({ passwordChanged: true, familiesEnded: 2 });
    expect(world.db.refreshFamilies.get(decodeJwt(phoneToken).fam as string)).toMatchObject({ state: 'revoked', endedBy: 'password-change' });
    expectError(await phone.refresh(), 'refresh_invalid');
    // The device that changed the password carries on in a new family.
    expect((await alice.refresh()).status).toBe(200);
  });
});

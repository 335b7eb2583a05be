/**
 * The server consults the credential lifecycle machines: every verdict on a
 * session, an access token or a refresh family is the machine's transition,
 * traced with the exchange that caused it (what the lifecycle diagrams
 * highlight). REFRESH-03: a refresh family expires when unused for too long
 * and at its absolute lifetime, and a password change ends it.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
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
  it('valid while fresh, expired after its lifetime (jose saw exp), denied after logout with the denylist', async () => {
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

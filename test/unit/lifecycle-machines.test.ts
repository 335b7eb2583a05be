/**
 * The credential lifecycle machines on their own: events in,
 * `snapshot.matches(...)` out, time from a virtual clock. These are the
 * rules the server consults (test/integration/lifecycles.test.ts shows it
 * does), so each guard's boundary is pinned here.
 */
import { createActor, type EventFromLogic } from 'xstate';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sim/clock';
import { accessTokenLifecycle } from '../../src/sim/lifecycle/access-token-lifecycle.machine';
import { refreshFamilyLifecycle } from '../../src/sim/lifecycle/refresh-family-lifecycle.machine';
import { sessionLifecycle } from '../../src/sim/lifecycle/session-lifecycle.machine';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('session lifecycle', () => {
  function startSession(clock: VirtualClock, boundEpoch = 0) {
    const actor = createActor(sessionLifecycle, { input: { createdAt: clock.now(), lastSeenAt: clock.now(), boundEpoch } }).start();
    const use = (account?: { epoch: number; disabled: boolean }) =>
      actor.send({ type: 'USE', now: clock.now(), idleTimeoutMs: 15 * MIN, absoluteTimeoutMs: 8 * HOUR, ...(account ? { account } : {}) });
    return { actor, use };
  }

  it('stays active while used within the idle timeout, and each use moves lastSeenAt', () => {
    const clock = new VirtualClock();
    const { actor, use } = startSession(clock);
    for (let i = 0; i < 3; i++) {
      clock.advance(14 * MIN);
      use();
      expect(actor.getSnapshot().matches('active')).toBe(true);
      expect(actor.getSnapshot().context.lastSeenAt).toBe(clock.now());
    }
  });

  it('idle-expires one millisecond past the idle timeout, not at it', () => {
    const clock = new VirtualClock();
    const { actor, use } = startSession(clock);
    clock.advance(15 * MIN);
    use();
    expect(actor.getSnapshot().matches('active')).toBe(true);
    clock.advance(15 * MIN + 1);
    use();
    expect(actor.getSnapshot().matches('idleExpired')).toBe(true);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('absolute-expires one millisecond past its lifetime however active it is', () => {
    const clock = new VirtualClock();
    const { actor, use } = startSession(clock);
    for (let t = 0; t < 8 * HOUR; t += 10 * MIN) {
      clock.advance(10 * MIN);
      use();
    }
    // Exactly at the lifetime it is still good; a millisecond later it is not.
    expect(actor.getSnapshot().matches('active')).toBe(true);
    clock.advance(1);
    use();
    expect(actor.getSnapshot().matches('absoluteExpired')).toBe(true);
  });

  it('is revoked when the account is disabled or its epoch moved on; a guest (no account) is not', () => {
    const clock = new VirtualClock();
    const disabled = startSession(clock, 2);
    disabled.use({ epoch: 2, disabled: true });
    expect(disabled.actor.getSnapshot().matches('revoked')).toBe(true);

    const stale = startSession(clock, 2);
    stale.use({ epoch: 3, disabled: false });
    expect(stale.actor.getSnapshot().matches('revoked')).toBe(true);

    const guest = startSession(clock);
    guest.use();
    expect(guest.actor.getSnapshot().matches('active')).toBe(true);
  });

  it.each([
    ['LOG_OUT', 'loggedOut'],
    ['REVOKE', 'revoked'],
    ['REGENERATE', 'regenerated'],
  ] as const)('%s ends it in %s, and a final state ignores later uses', (type, state) => {
    const clock = new VirtualClock();
    const { actor, use } = startSession(clock);
    actor.send({ type });
    use();
    expect(actor.getSnapshot().matches(state)).toBe(true);
  });
});

describe('access token lifecycle: decides from the token\'s claims, the clock and the revocation facts', () => {
  const NOW = 1_800_000_000;
  type Check = EventFromLogic<typeof accessTokenLifecycle>;
  const check = (overrides: Partial<Omit<Check, 'token'>> & { token?: Partial<Check['token']> } = {}) => {
    const { token, ...rest } = overrides;
    const event: Check = { type: 'CHECK', token: { typ: 'at+jwt', iat: NOW - 60, exp: NOW + 240, ...token }, nowSec: NOW, toleranceSec: 5, revocation: 'none', ...rest };
    const actor = createActor(accessTokenLifecycle).start();
    actor.send(event);
    return String(actor.getSnapshot().value);
  };

  it('stays valid when nothing says otherwise', () => expect(check()).toBe('valid'));

  it('expires exactly at exp − tolerance, as jose does; one second earlier it is still valid', () => {
    expect(check({ token: { exp: NOW - 4 } })).toBe('valid');
    expect(check({ token: { exp: NOW - 5 } })).toBe('expired');
    expect(check({ token: { exp: NOW - 3600 } })).toBe('expired');
    // The tolerance is the server's setting, not a constant.
    expect(check({ token: { exp: NOW - 4 }, toleranceSec: 0 })).toBe('expired');
  });

  it('is not valid yet while nbf is more than the tolerance ahead', () => {
    expect(check({ token: { nbf: NOW + 5 } })).toBe('valid');
    expect(check({ token: { nbf: NOW + 6 } })).toBe('notYetValid');
  });

  it('a token without exp never expires here (jose\'s required claims refuse it first)', () => expect(check({ token: { exp: undefined } })).toBe('valid'));

  it.each([
    ['at+jwt', 'valid'],
    ['AT+JWT', 'valid'],
    ['application/at+jwt', 'valid'],
    ['refresh+jwt', 'wrongType'],
    ['JWT', 'wrongType'],
    [undefined, 'wrongType'],
    [42, 'wrongType'],
  ])('typ %s → %s (compared as jose compares typ)', (typ, state) => expect(check({ token: { typ } })).toBe(state));

  it('denylist mode: a listed jti is denied, an unlisted one valid, and one not looked up counts as listed', () => {
    expect(check({ revocation: 'denylist', onDenylist: true })).toBe('denied');
    expect(check({ revocation: 'denylist', onDenylist: false })).toBe('valid');
    expect(check({ revocation: 'denylist' })).toBe('denied');
  });

  it('not-before mode: issued before the user\'s not-before, a disabled or missing account, or no lookup → denied', () => {
    const account = { tokensNotBeforeSec: NOW - 30, disabled: false };
    expect(check({ revocation: 'not-before', account })).toBe('denied');
    expect(check({ revocation: 'not-before', account: { ...account, tokensNotBeforeSec: NOW - 60 } })).toBe('valid');
    expect(check({ revocation: 'not-before', account: { ...account, tokensNotBeforeSec: 0, disabled: true } })).toBe('denied');
    expect(check({ revocation: 'not-before', account: null })).toBe('denied');
    expect(check({ revocation: 'not-before' })).toBe('denied');
  });

  it('revocation none: a denylisted jti or a stale account cannot deny anything', () => {
    expect(check({ onDenylist: true, account: { tokensNotBeforeSec: NOW, disabled: true } })).toBe('valid');
  });

  it('time comes before type, and type before revocation, in the order jose checks nbf then exp', () => {
    expect(check({ token: { nbf: NOW + 60, exp: NOW - 60 } })).toBe('notYetValid');
    expect(check({ token: { typ: 'refresh+jwt', exp: NOW - 60 } })).toBe('expired');
    expect(check({ token: { typ: 'refresh+jwt' }, revocation: 'denylist', onDenylist: true })).toBe('wrongType');
  });
});

describe('refresh family lifecycle', () => {
  function startFamily(clock: VirtualClock) {
    const actor = createActor(refreshFamilyLifecycle, { input: { createdAt: clock.now(), lastUsedAt: clock.now(), rotations: 0 } }).start();
    const present = (isCurrentToken = true) =>
      actor.send({ type: 'PRESENT', now: clock.now(), idleTtlMs: 8 * HOUR, absoluteTtlMs: 24 * HOUR, isCurrentToken });
    return { actor, present };
  }

  it('active → rotated on the first refresh, and rotated again on each later one', () => {
    const clock = new VirtualClock();
    const { actor, present } = startFamily(clock);
    expect(actor.getSnapshot().matches('active')).toBe(true);
    for (let i = 1; i <= 3; i++) {
      clock.advance(5 * MIN);
      present();
      expect(actor.getSnapshot().matches('rotated')).toBe(true);
      expect(actor.getSnapshot().context).toMatchObject({ rotations: i, lastUsedAt: clock.now() });
    }
  });

  it('an old token coming back is reuse: the family ends in reuseDetected and stays there', () => {
    const clock = new VirtualClock();
    const { actor, present } = startFamily(clock);
    present();
    present(false);
    expect(actor.getSnapshot().matches('reuseDetected')).toBe(true);
    present();
    expect(actor.getSnapshot().matches('reuseDetected')).toBe(true);
  });

  it('expires when unused for longer than the idle limit, even though its lifetime has time left', () => {
    const clock = new VirtualClock();
    const { actor, present } = startFamily(clock);
    clock.advance(8 * HOUR);
    present();
    expect(actor.getSnapshot().matches('rotated')).toBe(true);
    clock.advance(8 * HOUR + 1);
    present();
    expect(actor.getSnapshot().matches('expired')).toBe(true);
  });

  it('expires at its absolute lifetime however often it is used', () => {
    const clock = new VirtualClock();
    const { actor, present } = startFamily(clock);
    for (let t = 0; t < 24 * HOUR; t += 4 * HOUR) {
      clock.advance(4 * HOUR);
      present();
    }
    expect(actor.getSnapshot().matches('expired')).toBe(true);
    expect(actor.getSnapshot().context.rotations).toBe(5);
  });

  it('REVOKE ends it from active or rotated', () => {
    const clock = new VirtualClock();
    const fresh = startFamily(clock);
    fresh.actor.send({ type: 'REVOKE' });
    expect(fresh.actor.getSnapshot().matches('revoked')).toBe(true);
    const used = startFamily(clock);
    used.present();
    used.actor.send({ type: 'REVOKE' });
    expect(used.actor.getSnapshot().matches('revoked')).toBe(true);
  });
});

/**
 * The virtual clock every expiry reads (SESS-05/06, cookie Max-Age, JWT exp),
 * and the duration parser the lesson controls use ("+16 min").
 */
import { describe, expect, it } from 'vitest';
import { DAY, DEFAULT_EPOCH_MS, HOUR, LATEST_CLOCK_MS, MAX_STEP_MS, MINUTE, VirtualClock, clockStepProblem, parseDuration } from '../../src/sim/clock';

describe('VirtualClock', () => {
  it('starts at the fixed epoch 2026-03-02 09:00 UTC, or at the given start', () => {
    expect(new VirtualClock().now()).toBe(Date.UTC(2026, 2, 2, 9, 0, 0));
    expect(new VirtualClock().now()).toBe(DEFAULT_EPOCH_MS);
    expect(new VirtualClock(1_000).now()).toBe(1_000);
  });

  it('moves only when told to, by exactly the amount given', () => {
    const clock = new VirtualClock(0);
    expect(clock.now()).toBe(0);
    clock.advance(16 * MINUTE);
    expect(clock.now()).toBe(960_000);
    clock.advance(0);
    expect(clock.now()).toBe(960_000);
    clock.advance(1);
    expect(clock.now()).toBe(960_001);
  });

  it('never runs backwards: negative, NaN and infinite steps throw and leave the time as it was', () => {
    const clock = new VirtualClock(5_000);
    for (const bad of [-1, -MINUTE, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clock.advance(bad)).toThrow(RangeError);
    }
    expect(clock.now()).toBe(5_000);
  });

  it('refuses a step longer than 100 years, or one past the last moment a Date can show, and keeps the time', () => {
    const clock = new VirtualClock();
    expect(() => clock.advance(99_999_999_999 * DAY)).toThrow(/longer than the clock's limit of 100 years per step/);
    expect(() => clock.advance(MAX_STEP_MS + 1)).toThrow(RangeError);
    expect(clock.now()).toBe(DEFAULT_EPOCH_MS);
    clock.advance(MAX_STEP_MS);
    expect(new Date(clock.now()).toISOString()).toMatch(/^2126-/);
    const late = new VirtualClock(LATEST_CLOCK_MS - MINUTE);
    expect(() => late.advance(2 * MINUTE)).toThrow(/past \+275760-09-13T00:00:00.000Z/);
    late.advance(MINUTE);
    expect(new Date(late.now()).toISOString()).toBe('+275760-09-13T00:00:00.000Z');
  });

  it('says why a step is refused before anyone takes it, with a code', () => {
    expect(clockStepProblem(HOUR, DEFAULT_EPOCH_MS)).toBeUndefined();
    expect(clockStepProblem(Number.POSITIVE_INFINITY, DEFAULT_EPOCH_MS)).toMatchObject({ code: 'clock_step_too_long' });
    expect(clockStepProblem(-1, DEFAULT_EPOCH_MS)).toMatchObject({ code: 'clock_backwards' });
    expect(clockStepProblem(2 * MINUTE, LATEST_CLOCK_MS - MINUTE)).toMatchObject({ code: 'clock_past_last_date' });
  });

  it('nowSeconds floors to whole seconds (JWT iat/exp resolution) and date() is the same instant', () => {
    const clock = new VirtualClock(1_999);
    expect(clock.nowSeconds()).toBe(1);
    expect(clock.date()).toEqual(new Date(1_999));
    clock.advance(1);
    expect(clock.nowSeconds()).toBe(2);
  });

  it('tells listeners each move (from, to) until they unsubscribe', () => {
    const clock = new VirtualClock(100);
    const moves: [number, number][] = [];
    const off = clock.onAdvance((from, to) => moves.push([from, to]));
    clock.advance(50);
    clock.advance(HOUR);
    off();
    clock.advance(1);
    expect(moves).toEqual([
      [100, 150],
      [150, 150 + HOUR],
    ]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['16 min', 16 * MINUTE],
    ['+15min', 15 * MINUTE],
    ['90s', 90_000],
    ['30 secs', 30_000],
    ['1 d', DAY],
    ['2 days', 2 * DAY],
    ['2h', 2 * HOUR],
    ['3 hours', 3 * HOUR],
    ['1.5 h', 1.5 * HOUR],
    ['  8 h  ', 8 * HOUR],
    ['500ms', 500],
    ['5 mins', 5 * MINUTE],
  ])('parses %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads "9" repeated 400 times as a duration too long to be finite, so the caller can refuse it', () => {
    expect(parseDuration(`${'9'.repeat(400)} d`)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each(['', 'abc', '10 parsecs', '-5 min', 'min', '5', '1e3 s'])('returns undefined for %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

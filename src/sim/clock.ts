/**
 * The virtual clock of one world. Every expiry (session timeouts, cookie
 * Max-Age, JWT exp/nbf/iat) reads it, so a learner or a scenario moves time
 * forward ("+16 min") instead of waiting on the wall clock.
 */
import { check, type Restorable } from './restorable';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * The longest single step the clock takes: 100 years of 365 days. No
 * lifetime the shop knows is longer than 30 days, so a longer step teaches
 * nothing, and the limit keeps typed nonsense ("99999999999 d") out of the
 * world.
 */
export const MAX_STEP_MS = 100 * 365 * DAY;

/** The last moment a JavaScript `Date` can hold (ECMA-262 TimeClip: 8.64e15 ms, +275760-09-13). */
export const LATEST_CLOCK_MS = 8.64e15;

/** Why a clock step is refused; `code` is stable for tests and the UI. */
export interface ClockStepProblem {
  readonly code: 'clock_backwards' | 'clock_step_too_long' | 'clock_past_last_date';
  readonly message: string;
}

/** A refused clock step, thrown by {@link VirtualClock.advance}. */
export class ClockStepError extends RangeError {
  readonly code: ClockStepProblem['code'];
  constructor(problem: ClockStepProblem) {
    super(problem.message);
    this.name = 'ClockStepError';
    this.code = problem.code;
  }
}

/**
 * Whether a step of `ms` from `nowMs` can be taken: finite, not backwards,
 * at most {@link MAX_STEP_MS}, and not past {@link LATEST_CLOCK_MS}.
 * Callers that take input (the clock controls, lesson `clock:` steps) ask
 * first and pass `what` (the input as typed), so the message names it.
 */
export function clockStepProblem(ms: number, nowMs: number, what = `a step of ${ms} ms`): ClockStepProblem | undefined {
  if (Number.isNaN(ms) || ms < 0) return { code: 'clock_backwards', message: `The clock only moves forward: got ${ms} ms` };
  if (ms > MAX_STEP_MS) {
    return { code: 'clock_step_too_long', message: `${what} is longer than the clock's limit of 100 years per step` };
  }
  if (nowMs + ms > LATEST_CLOCK_MS) {
    return { code: 'clock_past_last_date', message: `${what} would take the clock past ${new Date(LATEST_CLOCK_MS).toISOString()}, the last date a browser can show` };
  }
  return undefined;
}

/** 2026-03-02 09:00 UTC: a fixed start keeps runs reproducible. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 2, 2, 9, 0, 0);

export type ClockListener = (from: number, to: number) => void;

/** A moment of the clock, for time travel. */
export interface SavedClock {
  readonly now: number;
}

export class VirtualClock implements Restorable<SavedClock> {
  #now: number;
  readonly #listeners = new Set<ClockListener>();

  constructor(startMs: number = DEFAULT_EPOCH_MS) {
    this.#now = startMs;
  }

  /** Milliseconds since the Unix epoch, in virtual time. */
  now(): number {
    return this.#now;
  }

  /** Whole seconds since the epoch, as JWT `iat`/`exp` use. */
  nowSeconds(): number {
    return Math.floor(this.#now / 1000);
  }

  /** A `Date` at the virtual now, for APIs like jose's `currentDate`. */
  date(): Date {
    return new Date(this.#now);
  }

  /** Moves time forward; time never runs backwards in a world. Throws {@link ClockStepError} for a step {@link clockStepProblem} refuses. */
  advance(ms: number): void {
    const problem = clockStepProblem(ms, this.#now);
    if (problem) throw new ClockStepError(problem);
    const from = this.#now;
    this.#now += ms;
    for (const listener of this.#listeners) listener(from, this.#now);
  }

  save(): SavedClock {
    return Object.freeze({ now: this.#now });
  }

  /** Time travel only: sets the time, backwards too, without firing listeners (nothing "happened"). */
  restore(saved: SavedClock): void {
    check(Number.isFinite(saved?.now), `the saved time ${String(saved?.now)} is not a number of milliseconds`);
    this.#now = saved.now;
  }

  onAdvance(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  min: MINUTE,
  m: MINUTE,
  h: HOUR,
  hour: HOUR,
  d: DAY,
  day: DAY,
};

/**
 * Parses a duration like `16 min`, `1 d`, `90s` or `+15min` into ms.
 * Returns undefined for anything else so callers can say what was wrong.
 * A number too long to be finite ("9" 400 times) comes back as Infinity:
 * check it with {@link clockStepProblem} before advancing.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\+?\s*(\d+(?:\.\d+)?)\s*([a-z]+)s?$/i.exec(text.trim());
  if (!match) return undefined;
  // Exact unit first, so "ms" is milliseconds and not a plural of "m".
  const unitName = match[2]!.toLowerCase();
  const unit = UNIT_MS[unitName] ?? UNIT_MS[unitName.replace(/s$/, '')];
  if (unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

/**
 * The virtual clock of one world. Every expiry (session timeouts, cookie
 * Max-Age, JWT exp/nbf/iat) reads it, so a learner or a scenario moves time
 * forward ("+16 min") instead of waiting on the wall clock.
 */
import { check, type Restorable } from './restorable';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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

  /** Moves time forward; time never runs backwards in a world. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`The clock only moves forward: got ${ms} ms`);
    }
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

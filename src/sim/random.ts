/**
 * Randomness for session ids, token ids, salts, CSRF tokens and keys.
 *
 * The default source is the CSPRNG of the platform the simulated server runs
 * on: Web Crypto, because here that is the learner's browser. A real server
 * draws from its own CSPRNG; clients never make session ids (SESS-01). A world made with a seed draws everything from a
 * seeded stream instead, so the same scenario gives the same ids, keys and
 * trace every run; such a source is deterministic, not secret, and says so
 * (`kind: 'seeded'`). Lessons and the playground use the CSPRNG.
 */
import { check } from './restorable';

export interface RandomSource {
  readonly kind: 'csprng' | 'seeded';
  /** The seed a seeded source started from, so the same world can be made again. */
  readonly seed?: number;
  bytes(length: number): Uint8Array;
  /** Where a seeded stream stands, for time travel; a CSPRNG has nothing to save. */
  save?(): unknown;
  restore?(saved: unknown): void;
}

export const cryptoRandom: RandomSource = {
  kind: 'csprng',
  bytes(length) {
    const out = new Uint8Array(length);
    globalThis.crypto.getRandomValues(out);
    return out;
  },
};

/** The four 32-bit lanes of a seeded stream. */
export interface SavedRandomStream {
  readonly lanes: readonly [number, number, number, number];
}

export interface SeededRandom extends RandomSource {
  readonly kind: 'seeded';
  readonly seed: number;
  save(): SavedRandomStream;
  restore(saved: unknown): void;
}

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffff_ffff;

/** Throws a RangeError unless `seed` is an integer from 0 to {@link MAX_SEED}. */
export function assertSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`A seed is a whole number from 0 to ${MAX_SEED}: got ${seed}`);
  }
}

/**
 * A seeded generator (sfc32 over four 32-bit lanes). Only for reproducible
 * demos and tests: never a stand-in for a CSPRNG. Its position in the stream
 * is saved and restored with the world, so stepping back and acting again
 * draws the same ids as the first time.
 */
export function seededRandom(seed: number): SeededRandom {
  assertSeed(seed);
  let a = seed >>> 0;
  let b = 0x9e3779b9;
  let c = 0x243f6a88;
  let d = 0xb7e15162;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return r >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    kind: 'seeded',
    seed,
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = next() & 0xff;
      return out;
    },
    save() {
      return Object.freeze({ lanes: Object.freeze([a >>> 0, b >>> 0, c >>> 0, d >>> 0] as const) });
    },
    restore(saved) {
      const lanes = (saved as Partial<SavedRandomStream> | undefined)?.lanes;
      check(Array.isArray(lanes) && lanes.length === 4 && lanes.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_SEED), 'the saved random stream is not four 32-bit lanes');
      [a, b, c, d] = lanes as SavedRandomStream['lanes'];
    },
  };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding; no Buffer, so it runs in browsers and workers. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** A random identifier with `bits` of entropy, base64url encoded. */
export function randomId(source: RandomSource, bits = 256): string {
  return toBase64Url(source.bytes(Math.ceil(bits / 8)));
}

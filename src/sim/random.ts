/**
 * Randomness for session ids and token ids.
 *
 * The default source is the platform CSPRNG (Web Crypto), as a real server
 * must use (SESS-01). Tests and scenarios that need the same ids every run
 * inject a seeded source; it is deterministic, not secret, and says so.
 */
export interface RandomSource {
  readonly kind: 'csprng' | 'seeded';
  bytes(length: number): Uint8Array;
}

export const cryptoRandom: RandomSource = {
  kind: 'csprng',
  bytes(length) {
    const out = new Uint8Array(length);
    globalThis.crypto.getRandomValues(out);
    return out;
  },
};

/**
 * A seeded generator (xorshift128+ style over 32-bit lanes, via sfc32).
 * Only for reproducible demos and tests: never a stand-in for a CSPRNG.
 */
export function seededRandom(seed: number): RandomSource {
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
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = next() & 0xff;
      return out;
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

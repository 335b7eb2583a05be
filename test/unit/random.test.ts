/**
 * Randomness behind session ids and token ids (SESS-01): the CSPRNG source,
 * the seeded source for reproducible demos, and the base64url encoding.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SEED, cryptoRandom, randomId, seededRandom, toBase64Url, type RandomSource } from '../../src/sim/random';

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => new TextEncoder().encode(text);

describe('toBase64Url', () => {
  // RFC 4648 §10 test vectors, unpadded.
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j (RFC 4648 vectors, no padding)', (input, expected) => {
    expect(toBase64Url(ascii(input))).toBe(expected);
  });

  it('uses the URL-safe alphabet: - and _ instead of + and /', () => {
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(toBase64Url(bytes(0xfb, 0xff))).toBe('-_8');
    expect(toBase64Url(bytes(0xff))).toBe('_w');
    expect(toBase64Url(bytes(0, 0, 0))).toBe('AAAA');
  });

  it('matches Node\'s base64url for every length from 0 to 64 bytes', () => {
    const source = seededRandom(42);
    for (let length = 0; length <= 64; length++) {
      const data = source.bytes(length);
      expect(toBase64Url(data)).toBe(Buffer.from(data).toString('base64url'));
    }
  });
});

describe('random sources', () => {
  it('SESS-01: the default source is the platform CSPRNG and says so', () => {
    expect(cryptoRandom.kind).toBe('csprng');
    const a = cryptoRandom.bytes(32);
    const b = cryptoRandom.bytes(32);
    expect(a).toHaveLength(32);
    expect(toBase64Url(a)).not.toBe(toBase64Url(b));
  });

  it('the seeded source is labelled "seeded" and is deterministic per seed', () => {
    const one = seededRandom(7);
    const two = seededRandom(7);
    expect(one.kind).toBe('seeded');
    expect(toBase64Url(one.bytes(32))).toBe(toBase64Url(two.bytes(32)));
    expect(toBase64Url(one.bytes(8))).toBe(toBase64Url(two.bytes(8)));
    expect(toBase64Url(seededRandom(7).bytes(32))).not.toBe(toBase64Url(seededRandom(8).bytes(32)));
  });

  it('a seeded source does not repeat itself within a stream', () => {
    const source = seededRandom(1);
    const ids = new Set(Array.from({ length: 500 }, () => toBase64Url(source.bytes(16))));
    expect(ids.size).toBe(500);
  });
});

describe('SESS-01: randomId', () => {
  it.each([
    [256, 43],
    [128, 22],
    [64, 11],
    [8, 2],
  ])('SESS-01: %i bits gives %i base64url characters', (bits, length) => {
    expect(randomId(cryptoRandom, bits)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
  });

  it('SESS-01: defaults to 256 bits and draws whole bytes from the source it is given', () => {
    const asked: number[] = [];
    const source: RandomSource = {
      kind: 'seeded',
      bytes(length) {
        asked.push(length);
        return new Uint8Array(length).fill(0xff);
      },
    };
    expect(randomId(source)).toBe('_'.repeat(42) + '8');
    expect(randomId(source, 100)).toHaveLength(18);
    expect(asked).toEqual([32, 13]);
  });
});

describe('seeded streams for time travel', () => {
  it('a saved position in the stream gives the same bytes again after restore', () => {
    const source = seededRandom(9);
    source.bytes(5);
    const saved = source.save();
    const next = toBase64Url(source.bytes(32));
    source.bytes(100);
    source.restore(saved);
    expect(toBase64Url(source.bytes(32))).toBe(next);
    expect(Object.isFrozen(saved)).toBe(true);
  });

  it('shows its seed; refuses seeds that are not 32-bit whole numbers and saved streams that are not four lanes', () => {
    expect(seededRandom(MAX_SEED).seed).toBe(MAX_SEED);
    expect(cryptoRandom.seed).toBeUndefined();
    for (const seed of [-1, 0.5, MAX_SEED + 1]) expect(() => seededRandom(seed)).toThrow(RangeError);
    expect(() => seededRandom(1).restore({ lanes: [1, 2, 3] })).toThrow('the saved random stream is not four 32-bit lanes');
  });
});

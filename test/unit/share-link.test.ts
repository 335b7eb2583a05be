/**
 * Sharing a scenario by link: what one learner encodes is exactly what the
 * next one opens (any text, any language), and a damaged, empty or oversized
 * link becomes a sentence to show, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, MAX_SHARED_TEXT_CHARS, type ShareResult } from '../../src/app/share-link';
import { EXAMPLE_SCENARIO } from '../../src/app/scenario-draft';

/** A small seeded generator (mulberry32), so every run tries the same texts. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

function value(result: ShareResult): string {
  if (!result.ok) throw new Error(`expected a value, got: ${result.message}`);
  return result.value;
}

/** Raw deflate of `text`, for links no encoder of ours would make. */
async function deflate(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url');
}

describe('share links', () => {
  it('round-trips the example and texts with any characters, as URL-safe base64 shorter than the text', async () => {
    const texts = [EXAMPLE_SCENARIO, 'title: Ünïcødé ✓ 🍪\nscenarios: []\n', 'a', '\r\n\t  trailing spaces  \n', 'x'.repeat(50_000)];
    for (const text of texts) {
      const param = value(await encodeShare(text));
      expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(value(await decodeShare(param))).toBe(text);
    }
    expect(value(await encodeShare(EXAMPLE_SCENARIO)).length).toBeLessThan(EXAMPLE_SCENARIO.length);
  });

  it('round-trips random texts', async () => {
    const random = createRandom(7);
    for (let i = 0; i < 40; i += 1) {
      const length = Math.floor(random.next() * 400) + 1;
      const text = Array.from({ length }, () => String.fromCodePoint(Math.floor(random.next() * 0x2fff) + 0x20)).join('');
      expect(value(await decodeShare(value(await encodeShare(text))))).toBe(text);
    }
  });

  it('reports damaged links: bad characters, cut short, not deflate, not UTF-8', async () => {
    const good = value(await encodeShare(EXAMPLE_SCENARIO));
    const damaged = [
      'abc+/=',
      good.slice(0, -7),
      good.slice(0, 1),
      Buffer.from('plain text, not deflate at all').toString('base64url'),
      await deflate(new Uint8Array([0xff, 0xfe, 0xc3])),
    ];
    for (const param of damaged) {
      const result = await decodeShare(param);
      expect(result, param).toEqual({ ok: false, message: expect.stringMatching(/damaged or cut short/) });
    }
  });

  it('random garbage never throws: it opens as some text or is refused with a sentence', async () => {
    const random = createRandom(11);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_!%.~';
    for (let i = 0; i < 60; i += 1) {
      const param = Array.from({ length: Math.floor(random.next() * 60) + 1 }, () => alphabet[Math.floor(random.next() * alphabet.length)]).join('');
      const result = await decodeShare(param);
      if (result.ok) expect(typeof result.value).toBe('string');
      else expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('empty texts and links are refused with a sentence', async () => {
    expect(await encodeShare('  \n ')).toEqual({ ok: false, message: 'There is nothing to share: the editor is empty.' });
    expect(await decodeShare('')).toEqual({ ok: false, message: 'The link carries an empty scenario.' });
    expect(await decodeShare(await deflate(new TextEncoder().encode('   ')))).toEqual({ ok: false, message: 'The link carries an empty scenario.' });
  });

  it('a text too long for a link is refused with its length and the limit', async () => {
    // Random characters hardly compress, so this needs more than the limit.
    const random = createRandom(3);
    const text = Array.from({ length: 12_000 }, () => String.fromCharCode(Math.floor(random.next() * 90) + 33)).join('');
    const result = await encodeShare(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/too long to share as a link: it needs [\d,]+ characters and links are kept under 8,000/);
    expect(MAX_SHARE_CHARS).toBe(8000);
  });

  it('an over-long link and one that would expand past the limit are not opened', async () => {
    expect(await decodeShare('A'.repeat(MAX_SHARE_CHARS + 1))).toEqual({ ok: false, message: expect.stringMatching(/too long \(8,001 characters; at most 8,000 are read\)/) });
    // A tiny link that inflates to more than the text limit (zeros compress about 1000:1).
    const bomb = await deflate(new Uint8Array(MAX_SHARED_TEXT_CHARS + 1).fill(0x20));
    expect(bomb.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(await decodeShare(bomb)).toEqual({ ok: false, message: expect.stringMatching(/expands to more than 200,000 characters/) });
  });
});

/**
 * The synchronous SHA-256 the trace labels come from gives Web Crypto's
 * bytes, across the padding boundaries (55, 56, 63, 64, 65 bytes) and for
 * text outside ASCII.
 */
import { describe, expect, it } from 'vitest';
import { sha256, sha256Base64Url, sha256Base64UrlSync } from '../../src/sim/digest';

const webCrypto = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

describe('sha256 (synchronous)', () => {
  it('is the FIPS 180-4 example digest of "abc"', () => {
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the bytes Web Crypto gives, at every padding boundary and beyond', async () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(sha256(bytes), `${length} bytes`).toEqual(await webCrypto(bytes));
    }
  });

  it('agrees with the asynchronous base64url digest on session ids and text outside ASCII', async () => {
    for (const text of ['Tb3p0kJ4c4m1m3M8v5pT2kq7pX1cK0bV3nS9dQ4wE6y', 'attacker123', 'Grüße, 世界 🍵']) {
      expect(sha256Base64UrlSync(text)).toBe(await sha256Base64Url(text));
    }
  });
});

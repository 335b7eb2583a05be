/**
 * How forbidden headers travel over the real fetch: `x-authlab-<name>` on the
 * wire, real names in the simulation, and Set-Cookie as a JSON array.
 */
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_HEADERS, WIRE, WIRE_PREFIX, decodeSetCookies, displayName, encodeSetCookies, fromWireName, toWireName } from '../../src/sim/browser/wire';

describe('header name mapping', () => {
  it.each([
    ['Cookie', 'x-authlab-cookie'],
    ['Set-Cookie', 'x-authlab-set-cookie'],
    ['Origin', 'x-authlab-origin'],
    ['Referer', 'x-authlab-referer'],
    ['Sec-Fetch-Site', 'x-authlab-sec-fetch-site'],
    ['Sec-Fetch-Mode', 'x-authlab-sec-fetch-mode'],
    ['Sec-Fetch-Dest', 'x-authlab-sec-fetch-dest'],
    ['User-Agent', 'x-authlab-user-agent'],
    ['Authorization', 'authorization'],
    ['Content-Type', 'content-type'],
  ])('toWireName(%s) is %s', (name, wire) => {
    expect(toWireName(name)).toBe(wire);
  });

  it('fromWireName undoes toWireName for every forbidden header and lower-cases ordinary ones', () => {
    for (const name of FORBIDDEN_HEADERS) expect(fromWireName(toWireName(name))).toBe(name);
    expect(fromWireName('X-AuthLab-Cookie')).toBe('cookie');
    expect(fromWireName('Authorization')).toBe('authorization');
    expect(fromWireName('Cache-Control')).toBe('cache-control');
  });

  it('control headers between simulated browser and server have no real name', () => {
    for (const control of Object.values(WIRE)) {
      expect(control.startsWith(WIRE_PREFIX)).toBe(true);
      if (control !== WIRE.setCookie) expect(fromWireName(control)).toBeUndefined();
    }
    expect(fromWireName('x-authlab-anything-else')).toBeUndefined();
  });

  it('displayName gives canonical casing', () => {
    expect(displayName('set-cookie')).toBe('Set-Cookie');
    expect(displayName('sec-fetch-site')).toBe('Sec-Fetch-Site');
    expect(displayName('cache-control')).toBe('Cache-Control');
  });
});

describe('Set-Cookie as one JSON header', () => {
  it('round-trips several values, including the comma inside Expires', () => {
    const values = [
      '__Host-shop_sid=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      '__Host-lb=node-1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'quote="a,b;c"',
    ];
    const wire = encodeSetCookies(values);
    expect(decodeSetCookies(wire)).toEqual(values);
    expect(decodeSetCookies(encodeSetCookies([]))).toEqual([]);
  });

  it('decodes a missing, malformed or non-array header to no cookies, and drops non-strings', () => {
    expect(decodeSetCookies(null)).toEqual([]);
    expect(decodeSetCookies('')).toEqual([]);
    expect(decodeSetCookies('a=1; Path=/')).toEqual([]);
    expect(decodeSetCookies('{"a":1}')).toEqual([]);
    expect(decodeSetCookies('["a=1", 2, null, "b=2"]')).toEqual(['a=1', 'b=2']);
  });
});

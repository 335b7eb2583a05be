/**
 * The order of cookies in the Cookie header (6265bis §5.8.3 step 2: longer
 * Path first, then older first), and what "older" means after an overwrite
 * in Chromium: a new value is a new cookie, the same value keeps its age.
 * Servers that read the first of two same-named cookies depend on this order.
 */
import { describe, expect, it } from 'vitest';
import { LAX_ALLOWING_UNSAFE_MS, SimCookieJar } from '../../src/sim/browser/cookie-jar';

const SHOP = 'https://shop.example.com';
const EVIL = 'https://evil.example';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function header(jar: SimCookieJar, path: string, now = T0): string {
  return jar.cookiesFor({ url: new URL(`${SHOP}${path}`), initiator: SHOP, mode: 'fetch', method: 'GET', now }).sent.map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('the order of the Cookie header', () => {
  it('longer Path first, then in the order the cookies were set, whatever their Domain', () => {
    const jar = new SimCookieJar('lax-by-default');
    for (const line of ['root=1; Path=/; Secure', 'wide=1; Path=/; Secure; Domain=example.com', 'app=1; Path=/app; Secure', 'deep=1; Path=/app/admin; Secure', 'late=1; Path=/; Secure']) {
      jar.receive(line, `${SHOP}/`, T0);
    }
    expect(header(jar, '/app/admin/x')).toBe('deep=1; app=1; root=1; wide=1; late=1');
  });

  it('a planted Domain cookie with a longer Path comes before the host\'s own cookie of the same name', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('sid=mine; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('sid=planted; Path=/cart; Secure; Domain=example.com', 'https://blog.example.com/', T0 + 1000);
    expect(header(jar, '/cart')).toBe('sid=planted; sid=mine');
  });

  it('overwriting with a new value makes the cookie new (it moves to the end); the same value keeps its place', () => {
    const jar = new SimCookieJar('lax-by-default');
    for (const line of ['a=1; Path=/; Secure', 'b=1; Path=/; Secure', 'c=1; Path=/; Secure']) jar.receive(line, `${SHOP}/`, T0);
    jar.receive('a=1; Path=/; Secure', `${SHOP}/`, T0 + 1000);
    expect(header(jar, '/')).toBe('a=1; b=1; c=1');
    jar.receive('a=2; Path=/; Secure', `${SHOP}/`, T0 + 2000);
    expect(header(jar, '/')).toBe('b=1; c=1; a=2');
    expect(jar.all(T0 + 2000).find((c) => c.name === 'a')?.createdAt).toBe(T0 + 2000);
  });

  it('a new value restarts the 2-minute Lax-allowing-unsafe window; the same value does not', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('same=1; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('changed=1; Path=/; Secure', `${SHOP}/`, T0);
    const later = T0 + LAX_ALLOWING_UNSAFE_MS + 60_000;
    jar.receive('same=1; Path=/; Secure', `${SHOP}/`, later - 1000);
    jar.receive('changed=2; Path=/; Secure', `${SHOP}/`, later - 1000);
    const post = jar.cookiesFor({ url: new URL(`${SHOP}/cart`), initiator: EVIL, mode: 'navigate', method: 'POST', now: later });
    expect(post.sent.map((c) => c.name)).toEqual(['changed']);
    expect(post.withheld.map((w) => w.cookie.name)).toEqual(['same']);
  });
});

/**
 * Reading the name-value pair of a Set-Cookie line as RFC 6265bis §5.6 and
 * Chromium do: without a `=` before the value the cookie is nameless, and a
 * nameless cookie travels as its bare value, so one whose value starts with
 * a cookie prefix is refused (6265bis §5.7) lest it pass for a prefixed one.
 */
import { describe, expect, it } from 'vitest';
import { SimCookieJar } from '../../src/sim/browser/cookie-jar';
import { parseCookieHeader } from '../../src/sim/shop/http';

const SHOP = 'https://shop.example.com';
const BLOG = 'https://blog.example.com';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

function cookieHeader(jar: SimCookieJar): string {
  return jar.cookiesFor({ url: new URL(`${SHOP}/`), initiator: SHOP, mode: 'fetch', method: 'GET', now: T0 }).sent.map((c) => (c.name ? `${c.name}=${c.value}` : c.value)).join('; ');
}

describe('nameless cookies', () => {
  it('a line without "=" is a nameless cookie whose value is the whole pair; "=a=b" is the nameless cookie "a=b"', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('theme-dark; Path=/; Secure', `${SHOP}/`, T0)).toMatchObject({ ok: true, cookie: { name: '', value: 'theme-dark' } });
    const other = new SimCookieJar('lax-by-default');
    expect(other.receive('=a=b; Path=/; Secure', `${SHOP}/`, T0)).toMatchObject({ ok: true, cookie: { name: '', value: 'a=b' } });
  });

  it('a nameless cookie rides the Cookie header as its bare value', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('named=1; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('bare; Path=/; Secure', `${SHOP}/`, T0);
    expect(cookieHeader(jar)).toBe('named=1; bare');
  });

  it('COOKIE-03: a nameless cookie that would reach the server as __Host-shop_sid is refused, even from a sibling subdomain', () => {
    const jar = new SimCookieJar('lax-by-default');
    const planted = jar.receive('=__Host-shop_sid=attacker; Path=/; Secure; Domain=example.com', `${BLOG}/`, T0);
    expect(planted).toMatchObject({ ok: false, name: '', reason: expect.stringMatching(/without a name.*__Host-/) });
    expect(jar.receive('=__secure-x=1; Path=/; Secure', `${SHOP}/`, T0)).toMatchObject({ ok: false });
    // What the shop would have read had the jar kept it:
    expect(parseCookieHeader('__Host-shop_sid=attacker').get('__Host-shop_sid')).toBe('attacker');
    expect(cookieHeader(jar)).toBe('');
  });

  it('a line with neither name nor value is ignored', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('=; Path=/; Secure', `${SHOP}/`, T0)).toMatchObject({ ok: false });
    expect(jar.all(T0)).toEqual([]);
  });
});

describe('nameless cookies and time travel', () => {
  it('a jar holding a nameless cookie saves and restores it (its name is "", not missing)', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('named=1; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('bare; Path=/; Secure', `${SHOP}/`, T0);
    const saved = jar.save();
    const other = new SimCookieJar('lax-by-default');
    other.restore(saved);
    expect(cookieHeader(other)).toBe('named=1; bare');
  });
});

/**
 * The jar's "Scripts can read it" column never says a plain "no" for a cookie
 * that a script of the same origin can read: a cookie hidden from this page
 * only by its Path is readable through a same-origin frame (COOKIE-04).
 */
import { describe, expect, it } from 'vitest';
import type { CookieView } from '../../src/sim/browser/cookie-view';
import { scriptReach } from '../../src/ui/components/cookie-script-reach';

const cookie = (over: Partial<CookieView>): CookieView => ({
  name: 'app2_token',
  value: 'secret',
  domain: 'shop.example.com',
  hostOnly: true,
  path: '/app2',
  secure: true,
  httpOnly: false,
  sameSite: 'Strict',
  createdAt: 0,
  ...over,
});

describe("the cookie jar's 'Scripts can read it' column", () => {
  it('COOKIE-04: a cookie for /app2 seen from a page on /app1 is not listed there, but a frame reads it', () => {
    expect(scriptReach(cookie({}), 'https://shop.example.com/app1/', false)).toBe(
      'not listed on this page (Path /app2), yet a script here can read it by opening /app2 in a frame',
    );
  });

  it('HttpOnly is the one attribute that keeps every script out', () => {
    expect(scriptReach(cookie({ httpOnly: true, path: '/' }), 'https://shop.example.com/', false)).toBe('no (HttpOnly)');
  });

  it('a cookie listed in document.cookie says so', () => {
    expect(scriptReach(cookie({ path: '/' }), 'https://shop.example.com/', true)).toBe('yes (document.cookie)');
  });

  it('a Secure cookie on a plain-http page, and a cookie of another host, say why', () => {
    expect(scriptReach(cookie({ path: '/' }), 'http://shop.example.com/', false)).toBe('not from this http page (Secure); scripts on its https pages can');
    expect(scriptReach(cookie({ path: '/' }), 'https://blog.example.com/', false)).toBe('not from a page on blog.example.com');
  });

  it('a Domain cookie belongs to every host under its domain, and to no look-alike', () => {
    const wide = cookie({ domain: 'example.com', hostOnly: false });
    expect(scriptReach(wide, 'https://blog.example.com/app1/', false)).toMatch(/^not listed on this page \(Path \/app2\)/);
    expect(scriptReach(wide, 'https://notexample.com/app1/', false)).toBe('not from a page on notexample.com');
  });
});

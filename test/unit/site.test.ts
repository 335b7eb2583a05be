/**
 * "Site" as SameSite means it: scheme plus registrable domain (CSRF-07,
 * misconception 5: same-site is not same-origin).
 */
import { describe, expect, it } from 'vitest';
import { isSameSite, originOf, registrableDomain, siteOf } from '../../src/sim/browser/site';

describe('CSRF-07: site vs origin', () => {
  it.each([
    ['https://blog.example.com', 'https://shop.example.com', true],
    ['https://shop.example.com', 'https://shop.example.com/cart', true],
    ['https://example.com', 'https://shop.example.com', true],
    ['https://shop.example.com:8443', 'https://shop.example.com', true],
    ['http://shop.example.com', 'https://shop.example.com', false],
    ['https://evil.example', 'https://shop.example.com', false],
    ['https://shop.example.com.evil.example', 'https://shop.example.com', false],
    ['https://alice.github.io', 'https://bob.github.io', false],
    ['https://a.b.co.uk', 'https://c.b.co.uk', true],
  ])('CSRF-07: isSameSite(%s, %s) is %s', (a, b, expected) => {
    expect(isSameSite(a, b)).toBe(expected);
    expect(isSameSite(new URL(b), new URL(a))).toBe(expected);
  });

  it('CSRF-07: the registrable domain comes from the Public Suffix List', () => {
    expect(registrableDomain('shop.example.com')).toBe('example.com');
    expect(registrableDomain('deep.blog.example.com')).toBe('example.com');
    expect(registrableDomain('a.b.co.uk')).toBe('b.co.uk');
    expect(registrableDomain('alice.github.io')).toBe('alice.github.io');
    expect(registrableDomain('evil.example')).toBe('evil.example');
  });

  it('CSRF-07: siteOf keeps the scheme and drops subdomain and port; originOf keeps host and port', () => {
    expect(siteOf('https://shop.example.com:8443/cart')).toBe('https://example.com');
    expect(siteOf('http://shop.example.com/')).toBe('http://example.com');
    expect(originOf('https://shop.example.com:8443/cart?x=1')).toBe('https://shop.example.com:8443');
    expect(originOf(new URL('https://blog.example.com/post'))).toBe('https://blog.example.com');
    // Same site, different origins.
    expect(originOf('https://blog.example.com/')).not.toBe(originOf('https://shop.example.com/'));
  });
});

/**
 * "Site" as browsers mean it for SameSite: scheme plus registrable domain
 * (6265bis §2.3, schemeful same-site). `blog.example.com` and
 * `shop.example.com` are the same site; `http://` and `https://` are not.
 */
import { getPublicSuffix } from 'tough-cookie';

export function registrableDomain(hostname: string): string {
  // tough-cookie's getPublicSuffix returns eTLD+1 from the Public Suffix List.
  return getPublicSuffix(hostname, { allowSpecialUseDomain: true, ignoreError: true }) ?? hostname;
}

export function siteOf(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return `${parsed.protocol}//${registrableDomain(parsed.hostname)}`;
}

export function isSameSite(a: string | URL, b: string | URL): boolean {
  return siteOf(a) === siteOf(b);
}

export function originOf(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).origin;
}

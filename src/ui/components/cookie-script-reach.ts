/**
 * The cookie jar's "Scripts can read it" column in words. "No" alone would be
 * false for a cookie hidden only by its Path: Path decides which pages list a
 * cookie in document.cookie, not who can read it, since a script can open the
 * other path in a same-origin frame and read it there (RFC 6265bis §8.5,
 * COOKIE-04). Only HttpOnly keeps a cookie from every script of the site.
 */
import { cookieBelongsToHost, type CookieView } from '../../sim/browser/cookie-view';

/** Identifies one cookie of a jar: the same name may live under two paths. */
export const cookieKey = (c: Pick<CookieView, 'domain' | 'path' | 'name'>) => `${c.domain}\u0000${c.path}\u0000${c.name}`;

export function scriptReach(cookie: CookieView, pageUrl: string, listedOnPage: boolean): string {
  if (cookie.httpOnly) return 'no (HttpOnly)';
  if (listedOnPage) return 'yes (document.cookie)';
  const page = new URL(pageUrl);
  if (!cookieBelongsToHost(cookie, page.hostname)) return `not from a page on ${page.hostname}`;
  if (cookie.secure && page.protocol !== 'https:') return 'not from this http page (Secure); scripts on its https pages can';
  return `not listed on this page (Path ${cookie.path}), yet a script here can read it by opening ${cookie.path} in a frame`;
}

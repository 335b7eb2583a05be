/**
 * What the learner sees of one cookie in a simulated browser's jar: a plain
 * object read from tough-cookie's Cookie, with times on the virtual clock.
 */
import { domainMatch, type Cookie } from 'tough-cookie';

/** A cookie's SameSite attribute; `unset` when it has none. */
export type SameSiteValue = 'Strict' | 'Lax' | 'None' | 'unset';

/** What the learner sees of one cookie. */
export interface CookieView {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: SameSiteValue;
  /** Absolute expiry in virtual ms, or undefined for a session cookie. */
  expiresAt?: number;
  /** Virtual ms when stored. */
  createdAt: number;
}

/**
 * Whether pages on `host` are ones the cookie belongs to by its Domain: the
 * very host for a host-only cookie, else tough-cookie's domain-match
 * (RFC 6265bis §5.1.3), as the jar decides when it sends.
 */
export function cookieBelongsToHost(cookie: Pick<CookieView, 'domain' | 'hostOnly'>, host: string): boolean {
  return cookie.hostOnly ? host === cookie.domain : domainMatch(host, cookie.domain) === true;
}

/** The SameSite attribute as the learner reads it; `unset` when the cookie has none. */
export function sameSiteOf(cookie: Cookie): SameSiteValue {
  switch (cookie.sameSite) {
    case 'strict':
      return 'Strict';
    case 'lax':
      return 'Lax';
    case 'none':
      return 'None';
    default:
      return 'unset';
  }
}

/** A stored tough-cookie Cookie as the learner sees it, times in virtual ms. */
export function view(cookie: Cookie): CookieView {
  const expires = cookie.expires instanceof Date ? cookie.expires.getTime() : undefined;
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain ?? '',
    hostOnly: cookie.hostOnly ?? true,
    path: cookie.path ?? '/',
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: sameSiteOf(cookie),
    ...(expires === undefined ? {} : { expiresAt: expires }),
    createdAt: cookie.creation instanceof Date ? cookie.creation.getTime() : 0,
  };
}


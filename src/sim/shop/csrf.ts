/**
 * CSRF defence for requests that a cookie authenticates: unsafe methods must
 * come from the shop's own origin. Fetch Metadata first (CSRF-05), then an
 * exact Origin (or Referer) match against the allowlist (CSRF-04); neither
 * header present means block. Last, the body must be JSON (CSRF-03): a page
 * on another site can send forms and text/plain without a CORS preflight,
 * but not application/json. SameSite is defence in depth, not a substitute.
 */
import { SHOP_ORIGIN } from '../config';
import { AuthLabError } from '../errors';
import { isSafeMethod } from '../http-methods';
import type { RequestContext } from '../deployment/request-context';
import type { ShopRequest } from './http';

/** Exact origins only: never a prefix, suffix or regex match. */
const ALLOWED_ORIGINS = new Set([SHOP_ORIGIN]);

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

export function assertSameOriginWrite(ctx: RequestContext, request: ShopRequest): void {
  if (isSafeMethod(request.method)) return;
  // FLAW switch: the vulnerable configuration skips every check below (and so takes form posts).
  if (ctx.config.vulnerable.sameSiteNoneWithoutCsrfDefence) return;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site') {
    throw new AuthLabError('csrf_rejected', 'Cross-site request refused (Sec-Fetch-Site: cross-site)');
  }
  const origin = request.headers.get('origin') ?? refererOrigin(request.headers.get('referer'));
  if (!origin) throw new AuthLabError('csrf_rejected', 'Request has neither Origin nor Referer; refused');
  if (!ALLOWED_ORIGINS.has(origin)) throw new AuthLabError('csrf_rejected', `Origin ${origin} is not allowed to make this request`);
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AuthLabError('unsupported_media_type', `Writes must be application/json; got ${type || 'no Content-Type'}`);
  }
}

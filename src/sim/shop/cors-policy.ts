/**
 * Which other origins may *read* the shop's answers from a script (CSRF-09).
 * CORS only ever relaxes the same-origin policy, so the allowlist is a trust
 * decision: exact origins, echoed one at a time with credentials allowed,
 * never `*` and never `null`, never a prefix, suffix or pattern match. It is
 * not a CSRF defence either: writes are still refused unless they come from
 * the shop's own origin (src/sim/shop/csrf.ts).
 */
import { PARTNER_ORIGIN } from '../config';
import { respond, type ShopRequest, type ShopResponse } from './http';

export const CORS_ALLOWED_ORIGINS: ReadonlySet<string> = new Set([PARTNER_ORIGIN]);
/** What a partner's script may send beyond the CORS-safelisted headers. */
const ALLOWED_HEADERS = ['content-type', 'authorization'];

/** The origin to echo, if the request's Origin is exactly on the list. */
export function allowedOrigin(origin: string | undefined): string | undefined {
  return origin !== undefined && CORS_ALLOWED_ORIGINS.has(origin) ? origin : undefined;
}

/** Adds the CORS answer headers for an allowed origin; `Vary: Origin` always, since the answer depends on it. */
export function withCors(request: ShopRequest, response: ShopResponse): ShopResponse {
  // A preflight answer has its own; two Allow-Origin headers would make the browser refuse both.
  if (response.headers.some(([name]) => name === 'access-control-allow-origin' || name === 'vary')) return response;
  const origin = allowedOrigin(request.headers.get('origin'));
  response.headers.push(['vary', 'Origin']);
  if (origin) response.headers.push(['access-control-allow-origin', origin], ['access-control-allow-credentials', 'true']);
  return response;
}

/** Answers a preflight for an existing route: permission only for an allowed origin, a method the route has and allowed headers. */
export function preflight(request: ShopRequest, methods: readonly string[]): ShopResponse {
  const origin = allowedOrigin(request.headers.get('origin'));
  const method = (request.headers.get('access-control-request-method') ?? '').toUpperCase();
  const asked = (request.headers.get('access-control-request-headers') ?? '').toLowerCase().split(',').map((h) => h.trim()).filter(Boolean);
  const response = respond(204, null, { headers: [['vary', 'Origin']] });
  if (!origin || !methods.includes(method) || !asked.every((h) => ALLOWED_HEADERS.includes(h))) return response;
  response.headers.push(
    ['access-control-allow-origin', origin],
    ['access-control-allow-credentials', 'true'],
    ['access-control-allow-methods', methods.join(', ')],
    ['access-control-allow-headers', ALLOWED_HEADERS.join(', ')],
    ['access-control-max-age', '600'],
  );
  return response;
}

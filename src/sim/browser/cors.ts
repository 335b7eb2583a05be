/**
 * The browser side of CORS, as far as it decides what a page on another
 * origin can do with `fetch` (Fetch standard §3.2). It matters for CSRF:
 * a "simple" cross-origin request is sent (and acts on the server) even
 * though the script may not read the answer; anything else needs a
 * preflight the server must approve, so it never leaves the browser.
 */
import type { HeaderList } from '../trace';

const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const SAFELISTED_HEADERS = new Set(['accept', 'accept-language', 'content-language', 'content-type']);

/** Author-set headers that are not CORS-safelisted (these force a preflight). */
export function unsafeHeaderNames(authorHeaders: HeaderList): string[] {
  return authorHeaders
    .filter(([name, value]) => {
      if (!SAFELISTED_HEADERS.has(name)) return true;
      return name === 'content-type' && !SIMPLE_CONTENT_TYPES.has(value.split(';')[0]!.trim().toLowerCase());
    })
    .map(([name]) => name)
    .sort();
}

export function needsPreflight(method: string, authorHeaders: HeaderList): boolean {
  return !SIMPLE_METHODS.has(method) || unsafeHeaderNames(authorHeaders).length > 0;
}

function headerValue(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n === name)?.[1];
}

/**
 * Why the browser refuses to hand a cross-origin response to the script, or
 * undefined when CORS allows it. With credentials the server must echo the
 * exact origin (never `*`) and send Allow-Credentials: true.
 */
export function corsRefusal(responseHeaders: HeaderList, origin: string, credentialed: boolean): string | undefined {
  const allowOrigin = headerValue(responseHeaders, 'access-control-allow-origin');
  if (!allowOrigin) return `the response has no Access-Control-Allow-Origin for ${origin}`;
  if (credentialed && allowOrigin === '*') return 'Access-Control-Allow-Origin: * is not allowed with credentials';
  if (allowOrigin !== '*' && allowOrigin !== origin) return `Access-Control-Allow-Origin is ${allowOrigin}, not ${origin}`;
  if (credentialed && headerValue(responseHeaders, 'access-control-allow-credentials') !== 'true') {
    return 'the response does not allow credentials (Access-Control-Allow-Credentials)';
  }
  return undefined;
}

/** Whether a preflight answer permits the method and headers. */
export function preflightRefusal(responseHeaders: HeaderList, origin: string, credentialed: boolean, method: string, unsafe: readonly string[]): string | undefined {
  const base = corsRefusal(responseHeaders, origin, credentialed);
  if (base) return base;
  const methods = (headerValue(responseHeaders, 'access-control-allow-methods') ?? '').toUpperCase().split(/\s*,\s*/);
  if (!SIMPLE_METHODS.has(method) && !methods.includes(method)) return `${method} is not in Access-Control-Allow-Methods`;
  const allowed = (headerValue(responseHeaders, 'access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  const missing = unsafe.filter((h) => !allowed.includes(h));
  return missing.length ? `header(s) ${missing.join(', ')} not in Access-Control-Allow-Headers` : undefined;
}

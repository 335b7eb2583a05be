/**
 * One simulated request over the real `fetch` that MSW answers, for any
 * client of the world: a simulated browser or a server-side service. The
 * client decides which headers it sends (a browser adds Cookie, Origin and
 * Fetch Metadata; a service adds none of them); this module only carries
 * them: header names in their wire form, the world and exchange ids, the
 * virtual scheme, and the answer decoded back to real names.
 */
import type { HeaderList } from '../trace';
import { WIRE, decodeSetCookies, fromWireName, toWireName } from './wire';

export interface WireRequest {
  /** The virtual URL; `http:` travels as https with a scheme header. */
  url: URL;
  method: string;
  /** Real header names, as the learner should see them. */
  headers: HeaderList;
  body?: string;
  worldId: string;
  exchangeId: string;
  /** Aborts the real fetch (a library's wall-clock timeout, say). */
  signal?: AbortSignal;
}

export interface WireAnswer {
  status: number;
  /** Real names; Set-Cookie values last, one entry each, in the order the server sent them. */
  headers: [string, string][];
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  /** The body exactly as it came. */
  text: string;
  node?: string;
  /** Simulated server time (store round trips), not wall time. */
  serverMs: number;
}

/**
 * Sends the request and decodes the answer. Rejects as `fetch` does when the
 * request never reached a handler (the caller says what that means for it).
 */
export async function sendOverWire(fetchImpl: typeof fetch, request: WireRequest): Promise<WireAnswer> {
  const wireHeaders = new Headers();
  for (const [name, value] of request.headers) wireHeaders.append(toWireName(name), value);
  wireHeaders.set(WIRE.world, request.worldId);
  wireHeaders.set(WIRE.exchange, request.exchangeId);
  if (request.url.protocol === 'http:') wireHeaders.set(WIRE.scheme, 'http');
  const realUrl = new URL(request.url);
  realUrl.protocol = 'https:';

  const response = await fetchImpl(realUrl.href, {
    method: request.method,
    headers: wireHeaders,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.signal ? { signal: request.signal } : {}),
    credentials: 'omit',
  });
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    const real = fromWireName(name);
    if (real && real !== 'set-cookie') headers.push([real, value]);
  });
  for (const value of decodeSetCookies(response.headers.get(WIRE.setCookie))) headers.push(['set-cookie', value]);
  const text = await response.text();
  const node = response.headers.get(WIRE.node) ?? undefined;
  return {
    status: response.status,
    headers,
    body: (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text,
    text,
    ...(node ? { node } : {}),
    serverMs: Number(response.headers.get(WIRE.serverMs) ?? 0),
  };
}

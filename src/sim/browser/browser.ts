/**
 * A simulated browser: its own cookie jar, localStorage and current page,
 * sending requests through the real `fetch` (answered by MSW) the way a real
 * browser would: attaching cookies by the SameSite/Secure rules, adding
 * Origin and Fetch Metadata, and storing what Set-Cookie returns.
 */
import type { VirtualClock } from '../clock';
import type { HeaderList, Trace } from '../trace';
import { SimCookieJar, type CookieView, type UnsetSameSitePolicy } from './cookie-jar';
import { isSameSite, originOf } from './site';
import { WIRE, decodeSetCookies, fromWireName, toWireName } from './wire';

export interface BrowserEnv {
  worldId: string;
  clock: VirtualClock;
  trace: Trace;
  fetch: typeof fetch;
  nextExchangeId(): string;
}

export interface BrowserOptions {
  unsetSameSite?: UnsetSameSitePolicy;
  /** The page the browser starts on. */
  page?: string;
}

export interface SimRequest {
  method?: string;
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** A JSON value, or a string sent as-is with `contentType`. */
  body?: unknown;
  contentType?: string;
  /** Origin of the page making the request; defaults to the current page, 'user' = address bar. */
  initiator?: string;
  /** 'navigate' = top-level navigation (link click, form submit); 'fetch' = script request. */
  mode?: 'fetch' | 'navigate';
  /** 'omit' sends no cookies (fetch's credentials option). */
  credentials?: 'include' | 'omit';
}

export interface SimResponse {
  exchangeId: string;
  status: number;
  headers: HeaderList;
  body: unknown;
  node?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function fetchSiteOf(initiator: string, url: URL): string {
  if (initiator === 'user') return 'none';
  if (originOf(initiator) === url.origin) return 'same-origin';
  return isSameSite(initiator, url) ? 'same-site' : 'cross-site';
}

export class SimBrowser {
  readonly name: string;
  readonly jar: SimCookieJar;
  readonly localStorage = new Map<string, string>();
  page: string;
  readonly #env: BrowserEnv;

  constructor(name: string, env: BrowserEnv, options: BrowserOptions = {}) {
    this.name = name;
    this.#env = env;
    this.jar = new SimCookieJar(options.unsetSameSite ?? 'lax-by-default');
    this.page = options.page ?? 'https://shop.example.com/';
  }

  /** Opens a page; pages themselves are static, only API calls hit the server. */
  goTo(url: string): void {
    this.page = new URL(url).href;
  }

  /** What a script running on the current page reads from `document.cookie`. */
  documentCookie(): string {
    return this.jar
      .scriptVisible(this.page, this.#env.clock.now())
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookies(): CookieView[] {
    return this.jar.all(this.#env.clock.now());
  }

  /** Closing and reopening the browser: session cookies and page memory go. */
  restart(): string[] {
    const dropped = this.jar.dropSessionCookies();
    for (const name of dropped) {
      this.#env.trace.record({ kind: 'cookie', browser: this.name, action: 'deleted', name, reason: 'browser restart drops session cookies' });
    }
    return dropped;
  }

  async send(request: SimRequest): Promise<SimResponse> {
    const env = this.#env;
    const url = new URL(request.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const initiator = request.initiator ?? originOf(this.page);
    const mode = request.mode ?? 'fetch';
    const now = env.clock.now();
    const exchangeId = env.nextExchangeId();

    const headers: [string, string][] = Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]);
    const site = fetchSiteOf(initiator, url);
    const crossOrigin = initiator !== 'user' && originOf(initiator) !== url.origin;
    // Fetch sends Origin on cross-origin requests and on every unsafe method; a top-level GET navigation sends none.
    const sendsOrigin = !SAFE_METHODS.has(method) || (crossOrigin && mode === 'fetch');
    if (initiator !== 'user' && sendsOrigin) headers.push(['origin', originOf(initiator)]);
    if (initiator !== 'user') headers.push(['referer', `${originOf(initiator)}/`]);
    headers.push(['sec-fetch-site', site], ['sec-fetch-mode', mode === 'navigate' ? 'navigate' : 'cors']);

    if (request.credentials !== 'omit') {
      const { sent, withheld } = this.jar.cookiesFor({ url, initiator, mode, method, now });
      if (sent.length > 0) headers.push(['cookie', sent.map((c) => `${c.name}=${c.value}`).join('; ')]);
      for (const { cookie, reason } of withheld) {
        env.trace.record({ kind: 'cookie', browser: this.name, exchangeId, action: 'withheld', name: cookie.name, reason });
      }
    }

    let body: string | undefined;
    if (request.body !== undefined && !SAFE_METHODS.has(method)) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      const type = request.contentType ?? (typeof request.body === 'string' ? 'text/plain' : 'application/json');
      headers.push(['content-type', type]);
    }

    const wireHeaders = new Headers();
    for (const [name, value] of headers) wireHeaders.append(toWireName(name), value);
    wireHeaders.set(WIRE.world, env.worldId);
    wireHeaders.set(WIRE.exchange, exchangeId);
    const plaintext = url.protocol === 'http:';
    if (plaintext) wireHeaders.set(WIRE.scheme, 'http');
    const realUrl = new URL(url);
    realUrl.protocol = 'https:';

    let status = 0;
    let responseHeaders: [string, string][] = [];
    let responseBody: unknown;
    let node: string | undefined;
    let serverMs = 0;
    try {
      const response = await env.fetch(realUrl.href, {
        method,
        headers: wireHeaders,
        ...(body === undefined ? {} : { body }),
        credentials: 'omit',
      });
      status = response.status;
      node = response.headers.get(WIRE.node) ?? undefined;
      serverMs = Number(response.headers.get(WIRE.serverMs) ?? 0);
      response.headers.forEach((value, name) => {
        const real = fromWireName(name);
        if (real && real !== 'set-cookie') responseHeaders.push([real, value]);
      });
      for (const value of decodeSetCookies(response.headers.get(WIRE.setCookie))) responseHeaders.push(['set-cookie', value]);
      const text = await response.text();
      responseBody = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    } catch (error) {
      responseBody = { error: 'network_error', message: `The request never reached the simulated server: ${String(error)}` };
    }

    for (const [name, value] of responseHeaders) {
      if (name !== 'set-cookie') continue;
      const result = this.jar.receive(value, url.href, env.clock.now());
      env.trace.record(
        result.ok
          ? { kind: 'cookie', browser: this.name, exchangeId, action: result.deleted ? 'deleted' : 'stored', name: result.cookie.name }
          : { kind: 'cookie', browser: this.name, exchangeId, action: 'rejected', name: result.name, reason: result.reason },
      );
    }

    responseHeaders = responseHeaders.sort(([a], [b]) => a.localeCompare(b));
    env.trace.record({
      kind: 'exchange',
      id: exchangeId,
      browser: this.name,
      request: { method, url: url.href, headers, ...(body === undefined ? {} : { body: request.body }), initiator, mode },
      response: { status, headers: responseHeaders, body: responseBody },
      ...(node ? { node } : {}),
      serverMs,
      plaintext,
    });
    return { exchangeId, status, headers: responseHeaders, body: responseBody, ...(node ? { node } : {}) };
  }
}

/**
 * A simulated browser: its own cookie jar, localStorage and current page,
 * sending requests through the real `fetch` (answered by MSW) the way a real
 * browser would: attaching cookies by the SameSite/Secure rules, adding
 * Origin and Fetch Metadata, and storing what Set-Cookie returns.
 */
import type { VirtualClock } from '../clock';
import type { HeaderList, Trace } from '../trace';
import { check, deepFreeze } from '../restorable';
import { SimCookieJar, type CookieView, type SavedCookieJar, type ThirdPartyCookies, type UnsetSameSitePolicy } from './cookie-jar';
import { cookiePair } from './cookie-refusals';
import { corsRefusal, needsPreflight, preflightRefusal, unsafeHeaderNames } from './cors';
import { siteContextOf, type RequestKind } from './request-kind';
import { isSameSite, originOf } from './site';
import { sendOverWire } from './wire-fetch';

export interface BrowserEnv {
  worldId: string;
  clock: VirtualClock;
  trace: Trace;
  fetch: typeof fetch;
  nextExchangeId(): string;
}

/** The settings of one simulated browser; every field has the default of Chrome stable. */
export interface BrowserOptions {
  /** How a cookie without SameSite is treated (default `'lax-by-default'`, as Chrome). */
  unsetSameSite?: UnsetSameSitePolicy;
  /**
   * Third-party cookies (default `'allow'`, as Chrome stable ships outside Incognito). `'block'`
   * sends and stores no cookie in a cross-site fetch or frame, SameSite=None
   * ones included; top-level navigations are not affected.
   */
  thirdPartyCookies?: ThirdPartyCookies;
  /** The page the browser starts on. */
  page?: string;
}

/** Chrome stable's settings: what a browser opened without options has. */
export const DEFAULT_BROWSER_OPTIONS: Readonly<Required<BrowserOptions>> = Object.freeze({
  unsetSameSite: 'lax-by-default',
  thirdPartyCookies: 'allow',
  page: 'https://shop.example.com/',
});

/** Whether two browsers were opened with the same settings, defaults filled in. */
export function sameBrowserOptions(a: BrowserOptions, b: BrowserOptions): boolean {
  return (Object.keys(DEFAULT_BROWSER_OPTIONS) as (keyof BrowserOptions)[]).every((key) => (a[key] ?? DEFAULT_BROWSER_OPTIONS[key]) === (b[key] ?? DEFAULT_BROWSER_OPTIONS[key]));
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
  /**
   * `'fetch'` = a script's request (the default); `'navigate'` = a top-level
   * navigation (link click, form submit); `'frame'` = the document of an
   * iframe embedded in the initiator's page (for SameSite never top-level).
   */
  mode?: RequestKind;
  /**
   * `'omit'` sends no cookies and stores none from the answer (fetch's
   * credentials option); `'include'` (the default) does both.
   */
  credentials?: 'include' | 'omit';
}

export interface SimResponse {
  exchangeId: string;
  status: number;
  headers: HeaderList;
  body: unknown;
  node?: string;
}

/** A browser at one moment: its page, localStorage and cookie jar. */
export interface SavedBrowser {
  readonly page: string;
  /** The URL of the frame the page embeds, when it has one. */
  readonly frame?: string;
  readonly localStorage: readonly (readonly [string, string])[];
  readonly jar: SavedCookieJar;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Sec-Fetch-Dest by request kind: a script's fetch has no destination. */
const FETCH_DEST: Readonly<Record<RequestKind, string>> = { fetch: 'empty', navigate: 'document', frame: 'iframe' };

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
  /** The document the current page embeds in a frame (`openFrame`), if any. */
  frame: string | undefined;
  readonly #env: BrowserEnv;

  constructor(name: string, env: BrowserEnv, options: BrowserOptions = {}) {
    this.name = name;
    this.#env = env;
    const { unsetSameSite, thirdPartyCookies, page } = DEFAULT_BROWSER_OPTIONS;
    this.jar = new SimCookieJar(options.unsetSameSite ?? unsetSameSite, options.thirdPartyCookies ?? thirdPartyCookies);
    this.page = options.page ?? page;
  }

  /** Opens a page; pages themselves are static, only API calls hit the server. */
  goTo(url: string): void {
    this.page = new URL(url).href;
    // The frame belonged to the page that was left.
    this.frame = undefined;
  }

  /**
   * The current page embeds `url` in an iframe: the browser requests it as a
   * frame document of the page (cookies by the frame rules), and the page's
   * scripts can then reach it through `frameDocumentCookie()`.
   */
  async openFrame(url: string): Promise<SimResponse> {
    const href = new URL(url).href;
    const response = await this.send({ url: href, initiator: originOf(this.page), mode: 'frame' });
    this.frame = href;
    return response;
  }

  /**
   * What a script on the current page reads from its frame's
   * `document.cookie` (`frame.contentDocument.cookie`): the cookies a page at
   * the frame's URL sees, HttpOnly ones left out. The same-origin policy lets
   * it only into a frame of the page's own origin, and Path is no part of an
   * origin, so a page under /app1 reads a /app2 cookie this way (6265bis §8.5).
   * Throws when there is no frame, or it is cross-origin.
   */
  frameDocumentCookie(): string {
    if (this.frame === undefined) throw new Error(`${this.name}'s page has no frame open`);
    if (originOf(this.frame) !== originOf(this.page)) {
      throw new Error(`the same-origin policy keeps a script on ${originOf(this.page)} out of a frame from ${originOf(this.frame)}`);
    }
    return this.#documentCookieAt(this.frame);
  }

  /** What a script running on the current page reads from `document.cookie`. */
  documentCookie(): string {
    return this.#documentCookieAt(this.page);
  }

  #documentCookieAt(url: string): string {
    return this.jar.scriptVisible(url, this.#env.clock.now()).map(cookiePair).join('; ');
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

  save(): SavedBrowser {
    return deepFreeze({ page: this.page, ...(this.frame === undefined ? {} : { frame: this.frame }), localStorage: [...this.localStorage], jar: this.jar.save() });
  }

  /** Time travel: back to a saved page, localStorage and jar; refuses before changing anything if one is unusable. */
  restore(saved: SavedBrowser): void {
    check(URL.canParse(saved?.page), `the saved page ${String(saved?.page)} is not a URL`);
    check(saved.frame === undefined || URL.canParse(saved.frame), `the saved frame ${String(saved.frame)} is not a URL`);
    check(Array.isArray(saved.localStorage) && saved.localStorage.every((e) => Array.isArray(e) && e.length === 2 && e.every((v) => typeof v === 'string')), 'the saved localStorage is not a list of [key, value] strings');
    // The jar checks its own data first and throws before it changes anything, so it goes first.
    this.jar.restore(saved.jar);
    this.page = saved.page;
    this.frame = saved.frame;
    this.localStorage.clear();
    for (const [key, value] of saved.localStorage) this.localStorage.set(key, value);
  }

  /**
   * Sends a request as this browser would: a cross-origin fetch that is not
   * "simple" is preflighted first, and a cross-origin answer without CORS
   * permission is hidden from the calling script (status 0), although the
   * request itself reached the server and did whatever it does.
   */
  async send(request: SimRequest): Promise<SimResponse> {
    const url = new URL(request.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const initiator = request.initiator ?? originOf(this.page);
    const mode = request.mode ?? 'fetch';
    const credentialed = request.credentials !== 'omit';
    const authorHeaders: [string, string][] = Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]);
    let body: string | undefined;
    if (request.body !== undefined && !SAFE_METHODS.has(method)) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      authorHeaders.push(['content-type', request.contentType ?? (typeof request.body === 'string' ? 'text/plain' : 'application/json')]);
    }
    const cors = mode === 'fetch' && initiator !== 'user' && originOf(initiator) !== url.origin;
    const origin = initiator === 'user' ? '' : originOf(initiator);

    if (cors && needsPreflight(method, authorHeaders)) {
      const unsafe = unsafeHeaderNames(authorHeaders);
      const preflight = await this.#transmit({
        url,
        method: 'OPTIONS',
        initiator,
        mode,
        authorHeaders: [
          ['access-control-request-method', method],
          ...(unsafe.length ? ([['access-control-request-headers', unsafe.join(',')]] as [string, string][]) : []),
        ],
        withCookies: false,
        displayBody: undefined,
      });
      const refusal = preflightRefusal(preflight.headers, origin, credentialed, method, unsafe);
      if (refusal) {
        return blocked(preflight, `The browser's CORS preflight was refused (${refusal}), so the ${method} itself was never sent`);
      }
    }

    const response = await this.#transmit({ url, method, initiator, mode, authorHeaders, body, withCookies: credentialed, displayBody: request.body });
    if (cors) {
      const refusal = corsRefusal(response.headers, origin, credentialed);
      if (refusal) {
        return blocked(response, `The request reached the server (status ${response.status}) but the browser hides the answer from ${origin}: ${refusal}`);
      }
    }
    return response;
  }

  /** One request on the wire: browser headers, cookies, real fetch, Set-Cookie, trace. */
  async #transmit(out: Transmission): Promise<SimResponse> {
    const env = this.#env;
    const { url, method, initiator, mode } = out;
    const exchangeId = env.nextExchangeId();
    const headers: [string, string][] = [...out.authorHeaders];
    const crossOrigin = initiator !== 'user' && originOf(initiator) !== url.origin;
    // Fetch sends Origin on cross-origin requests and on every unsafe method; a top-level GET navigation sends none.
    const sendsOrigin = !SAFE_METHODS.has(method) || (crossOrigin && mode === 'fetch');
    if (initiator !== 'user' && sendsOrigin) headers.push(['origin', originOf(initiator)]);
    if (initiator !== 'user') headers.push(['referer', `${originOf(initiator)}/`]);
    headers.push(['sec-fetch-site', fetchSiteOf(initiator, url)], ['sec-fetch-mode', mode === 'fetch' ? 'cors' : 'navigate'], ['sec-fetch-dest', FETCH_DEST[mode]]);

    if (out.withCookies) {
      const { sent, withheld } = this.jar.cookiesFor({ url, initiator, mode, method, now: env.clock.now() });
      if (sent.length > 0) headers.push(['cookie', sent.map(cookiePair).join('; ')]);
      for (const { cookie, reason } of withheld) {
        env.trace.record({ kind: 'cookie', browser: this.name, exchangeId, action: 'withheld', name: cookie.name, reason });
      }
    }

    const plaintext = url.protocol === 'http:';
    let status = 0;
    let responseHeaders: [string, string][] = [];
    let responseBody: unknown;
    let node: string | undefined;
    let serverMs = 0;
    try {
      ({ status, headers: responseHeaders, body: responseBody, node, serverMs } = await sendOverWire(env.fetch, { url, method, headers, body: out.body, worldId: env.worldId, exchangeId }));
    } catch (error) {
      responseBody = { error: 'network_error', message: `The request never reached the simulated server: ${String(error)}` };
    }

    const storeContext = { site: siteContextOf(url, initiator, mode), kind: mode, credentials: out.withCookies ? 'include' : 'omit' } as const;
    for (const [name, value] of responseHeaders) {
      if (name !== 'set-cookie') continue;
      const result = this.jar.receive(value, url.href, env.clock.now(), storeContext);
      env.trace.record(
        result.ok
          ? { kind: 'cookie', browser: this.name, exchangeId, action: result.deleted ? 'deleted' : 'stored', name: result.cookie.name, ...(result.reason ? { reason: result.reason } : {}) }
          : { kind: 'cookie', browser: this.name, exchangeId, action: 'rejected', name: result.name, reason: result.reason },
      );
    }

    responseHeaders = responseHeaders.sort(([a], [b]) => a.localeCompare(b));
    env.trace.record({
      kind: 'exchange',
      id: exchangeId,
      browser: this.name,
      request: { method, url: url.href, headers, ...(out.displayBody === undefined || out.body === undefined ? {} : { body: out.displayBody }), initiator, mode },
      response: { status, headers: responseHeaders, body: responseBody },
      ...(node ? { node } : {}),
      serverMs,
      plaintext,
    });
    return { exchangeId, status, headers: responseHeaders, body: responseBody, ...(node ? { node } : {}) };
  }
}

interface Transmission {
  url: URL;
  method: string;
  initiator: string;
  mode: RequestKind;
  authorHeaders: [string, string][];
  body?: string;
  /** The body as the learner should see it (the JSON value, not its string). */
  displayBody: unknown;
  withCookies: boolean;
}

/** What a script sees when CORS stops it: no status, no headers, no body (fetch rejects). */
function blocked(wire: SimResponse, message: string): SimResponse {
  return { exchangeId: wire.exchangeId, status: 0, headers: [], body: { error: 'cors_blocked', message }, ...(wire.node ? { node: wire.node } : {}) };
}

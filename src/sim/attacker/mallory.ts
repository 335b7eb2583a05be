/**
 * Mallory's moves against a world. Each uses only what a real attacker has:
 * a script in the victim's page (XSS), a page on another site, a sibling
 * subdomain, the network path of plain-http traffic, or her own browser.
 */
import type { SimResponse } from '../browser/browser';
import type { FetchWrapper } from '../browser/shop-page';
import { EVIL_ORIGIN, SHOP_ORIGIN, SIBLING_ORIGIN } from '../config';
import type { World } from '../world';

export interface XssFoothold {
  /** What `document.cookie` shows the injected script: HttpOnly cookies are missing. */
  documentCookie: string;
  /** Everything in the page's localStorage, which any script can read. */
  localStorage: Record<string, string>;
  /** The page's own JS state, e.g. an access token kept in memory. */
  pageMemoryToken: string | undefined;
  /** Requests from the victim's page: cookies ride along even when unreadable. */
  fetchAsVictim(method: string, path: string, body?: unknown): Promise<SimResponse>;
  /**
   * Wraps the page's fetch: `observe` sees every later request the page
   * sends, with the Authorization header it adds from a token in page
   * memory, until the page reloads.
   */
  wrapFetch(observe: FetchWrapper): void;
}

export class Mallory {
  readonly #world: World;
  readonly name: string;

  constructor(world: World, name = 'mallory') {
    this.#world = world;
    this.name = name;
  }

  /** Runs injected script in the victim's shop page (XSS-01). */
  xss(victim: string): XssFoothold {
    const page = this.#world.page(victim);
    const browser = page.browser;
    browser.goTo(`${SHOP_ORIGIN}/`);
    return {
      documentCookie: browser.documentCookie(),
      localStorage: Object.fromEntries(browser.localStorage),
      pageMemoryToken: page.memoryToken,
      fetchAsVictim: (method, path, body) => page.call(method, path, body),
      wrapFetch: (observe) => page.wrapFetch(observe),
    };
  }

  /** Puts a stolen cookie value into Mallory's own browser. */
  plantInOwnBrowser(name: string, value: string): void {
    const own = this.#world.browser(this.name);
    own.jar.receive(`${name}=${value}; Path=/; Secure`, `${SHOP_ORIGIN}/`, this.#world.clock.now());
  }

  /** Mallory's browser calls the shop directly, carrying whatever it holds. */
  request(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<SimResponse> {
    return this.#world.send(this.name, { method, url: `${SHOP_ORIGIN}${path}`, initiator: 'user', ...options });
  }

  /**
   * A response from a sibling subdomain Mallory controls sets a cookie in the
   * victim's browser: how session ids get planted (fixation, COOKIE-03).
   */
  plantCookieFromSibling(victim: string, setCookie: string) {
    const browser = this.#world.browser(victim);
    return browser.jar.receive(setCookie, `${SIBLING_ORIGIN}/`, this.#world.clock.now());
  }

  /** The victim opens Mallory's page, which auto-submits a form to the shop (CSRF). */
  crossSiteForm(victim: string, method: string, path: string, fields: Record<string, string>): Promise<SimResponse> {
    return this.#world.send(victim, {
      method,
      url: `${SHOP_ORIGIN}${path}`,
      body: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded',
      initiator: EVIL_ORIGIN,
      mode: 'navigate',
    });
  }

  /**
   * Mallory's page calls the shop with fetch(credentials: 'include'). The
   * browser preflights anything but a "simple" request (a JSON body is not
   * simple) and hides the answer from her script unless CORS allows it.
   */
  crossSiteFetch(victim: string, method: string, path: string, body?: unknown, contentType?: string): Promise<SimResponse> {
    return this.#world.send(victim, { method, url: `${SHOP_ORIGIN}${path}`, body, ...(contentType ? { contentType } : {}), initiator: EVIL_ORIGIN, mode: 'fetch' });
  }

  /**
   * The victim opens Mallory's page, which embeds a shop page in an iframe.
   * The frame is not top-level, so for SameSite it is a cross-site
   * subrequest: it carries no Lax or Strict cookie, and its answer can set none.
   */
  crossSiteFrame(victim: string, path: string): Promise<SimResponse> {
    return this.#world.send(victim, { method: 'GET', url: `${SHOP_ORIGIN}${path}`, initiator: EVIL_ORIGIN, mode: 'frame' });
  }

  /** The victim clicks a link on Mallory's page (a top-level GET). */
  crossSiteLink(victim: string, path: string, from: string = EVIL_ORIGIN): Promise<SimResponse> {
    return this.#world.send(victim, { method: 'GET', url: `${SHOP_ORIGIN}${path}`, initiator: from, mode: 'navigate' });
  }

  /** Everything that crossed the network in plain http: readable on the path. */
  sniff(): { url: string; cookie?: string; authorization?: string }[] {
    return this.#world.trace.ofKind('exchange').filter((e) => e.plaintext).map((e) => {
      const find = (name: string) => e.request.headers.find(([n]) => n === name)?.[1];
      const cookie = find('cookie');
      const authorization = find('authorization');
      return { url: e.request.url, ...(cookie ? { cookie } : {}), ...(authorization ? { authorization } : {}) };
    });
  }
}

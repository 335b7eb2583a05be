/**
 * The shop's front-end script, running in one simulated browser. It decides
 * where tokens live (page memory, localStorage or cookies) and attaches the
 * Authorization header, exactly what an XSS in this page could reach.
 */
import { SHOP_ORIGIN, type WorldConfig } from '../config';
import { isSafeMethod } from '../http-methods';
import { check, type Restorable } from '../restorable';
import type { SimBrowser, SimRequest, SimResponse } from './browser';

export const LS_ACCESS = 'shop.accessToken';
export const LS_REFRESH = 'shop.refreshToken';

/** A function an injected script put around the page's fetch: it sees each request before it is sent. */
export type FetchWrapper = (request: Readonly<SimRequest>) => void;

/** What the page's script holds in memory at one moment. */
export interface SavedShopPage {
  readonly memoryToken: string | undefined;
  readonly csrfToken: string | undefined;
  /** Wrappers installed by then, so going back in time before an XSS also undoes its wrapper. */
  readonly fetchWrappers: readonly FetchWrapper[];
}

export class ShopPage implements Restorable<SavedShopPage> {
  readonly browser: SimBrowser;
  readonly #config: () => WorldConfig;
  /** Access token held in a JS variable (storage 'memory'). */
  memoryToken: string | undefined;
  /** The session's CSRF token, held in a JS variable (session.csrfTokens). */
  csrfToken: string | undefined;
  /** Functions an injected script put around the page's fetch (XSS); a reload loads the page's own script again and drops them. */
  #fetchWrappers: FetchWrapper[] = [];

  constructor(browser: SimBrowser, config: () => WorldConfig) {
    this.browser = browser;
    this.#config = config;
  }

  get accessToken(): string | undefined {
    return this.#config().jwt.storage === 'localStorage' ? this.browser.localStorage.get(LS_ACCESS) : this.memoryToken;
  }

  async call(method: string, path: string, body?: unknown): Promise<SimResponse> {
    const config = this.#config();
    const headers: Record<string, string> = {};
    const token = this.accessToken;
    if (config.authStyle === 'jwt' && config.jwt.storage !== 'cookie' && token && path !== '/refresh') {
      headers.authorization = `Bearer ${token}`;
    }
    if (config.authStyle === 'session' && config.session.csrfTokens && !isSafeMethod(method)) {
      // Like a real SPA: fetch the token once, then echo it on every write.
      if (!this.csrfToken) await this.call('GET', '/csrf');
      if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    let sendBody = body;
    // In localStorage mode the page holds the refresh token; logout must send it so the server can end its family.
    if ((path === '/refresh' || path === '/logout') && config.jwt.storage === 'localStorage') {
      sendBody = { refreshToken: this.browser.localStorage.get(LS_REFRESH) ?? '' };
    }
    const request: SimRequest = { method, url: `${SHOP_ORIGIN}${path}`, headers, body: sendBody, initiator: SHOP_ORIGIN };
    for (const wrapper of this.#fetchWrappers) wrapper(request);
    const response = await this.browser.send(request);
    this.#keepTokens(path, response);
    return response;
  }

  #keepTokens(path: string, response: SimResponse): void {
    const body = response.body as { accessToken?: unknown; refreshToken?: unknown; csrfToken?: unknown } | undefined;
    if (path === '/logout') {
      this.memoryToken = undefined;
      this.csrfToken = undefined;
      this.browser.localStorage.delete(LS_ACCESS);
      this.browser.localStorage.delete(LS_REFRESH);
      return;
    }
    // Like an SPA whose session is gone (401) or whose token the server no longer knows (403 csrf_rejected):
    // drop the token, so the next write fetches one for the session the browser holds now.
    const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
    if (response.status === 401 || error === 'csrf_rejected') this.csrfToken = undefined;
    if (response.status !== 200 || !body || typeof body !== 'object') return;
    if (typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    if (typeof body.accessToken === 'string') {
      if (this.#config().jwt.storage === 'localStorage') this.browser.localStorage.set(LS_ACCESS, body.accessToken);
      else this.memoryToken = body.accessToken;
    }
    if (typeof body.refreshToken === 'string') this.browser.localStorage.set(LS_REFRESH, body.refreshToken);
  }

  /**
   * A script in the page replaces its fetch with a function that sees each
   * request, the Authorization header the page adds included, before it is
   * sent (XSS). Lasts until the page reloads.
   */
  wrapFetch(observe: FetchWrapper): void {
    this.#fetchWrappers.push(observe);
  }

  login(username: string, password: string) {
    return this.call('POST', '/login', { username, password });
  }
  logout() {
    return this.call('POST', '/logout', {});
  }
  me() {
    return this.call('GET', '/me');
  }
  cart() {
    return this.call('GET', '/cart');
  }
  addToCart(sku: string, qty = 1) {
    return this.call('POST', '/cart', { sku, qty });
  }
  saveSettings(settings: { theme?: 'light' | 'dark'; newsletter?: boolean }) {
    return this.call('PUT', '/settings', settings);
  }
  refresh() {
    return this.call('POST', '/refresh', {});
  }
  changePassword(currentPassword: string, newPassword: string) {
    return this.call('POST', '/password', { currentPassword, newPassword });
  }
  save(): SavedShopPage {
    return Object.freeze({ memoryToken: this.memoryToken, csrfToken: this.csrfToken, fetchWrappers: Object.freeze([...this.#fetchWrappers]) });
  }

  restore(saved: SavedShopPage): void {
    const usable = (v: unknown) => v === undefined || typeof v === 'string';
    check(usable(saved?.memoryToken) && usable(saved.csrfToken), "the page's saved tokens are not strings");
    check(Array.isArray(saved.fetchWrappers) && saved.fetchWrappers.every((w) => typeof w === 'function'), "the page's saved fetch wrappers are not a list of functions");
    this.memoryToken = saved.memoryToken;
    this.csrfToken = saved.csrfToken;
    this.#fetchWrappers = [...saved.fetchWrappers];
  }

  /** Reload: memory is wiped; cookies and localStorage stay. */
  reload(): void {
    this.memoryToken = undefined;
    this.csrfToken = undefined;
    this.#fetchWrappers = [];
  }
}

/**
 * A browser's cookie jar: tough-cookie (RFC 6265bis storage rules, prefixes,
 * Domain/Path matching, Public Suffix List) driven by the world's virtual
 * clock, plus the SameSite and Secure sending rules a real browser applies and
 * the storage rules that depend on the request that got the answer.
 */
import { Cookie, CookieJar, type SerializedCookie } from 'tough-cookie';
import { check, deepFreeze } from '../restorable';
import { isSafeMethod } from '../http-methods';
import { sameSiteOf, view, type CookieView, type SameSiteValue } from './cookie-view';
import { explainJarRefusal, parseSetCookie, prefixProblem } from './cookie-refusals';
import { describeCrossSite, siteContextOf, storeSameSiteContext, type RequestKind, type SiteContext } from './request-kind';

/**
 * How a cookie *without* SameSite is treated. `'lax-by-default'` is
 * Chromium's (Chrome, Edge, Opera), and every browser of the lessons and the
 * Sandbox uses it: Lax, except that a cross-site top-level POST still carries
 * the cookie up to 2 minutes after it was set ("Lax-allowing-unsafe").
 * `'legacy-none'` is Firefox's and Safari's: no SameSite rule applies at all,
 * so the cookie rides every cross-site request, form POSTs included. That is
 * not a declared `SameSite=None`, which must also be Secure. Their
 * third-party cookie protections may still keep it off cross-site fetches
 * and frames: Safari blocks third-party cookies, Firefox's Total Cookie
 * Protection partitions them (a simulated browser approximates both with
 * `thirdPartyCookies: 'block'`).
 */
export type UnsetSameSitePolicy = 'lax-by-default' | 'legacy-none';

/**
 * The browser setting for third-party cookies. `'allow'` is what Chrome
 * stable ships; `'block'` is what this repository's Chromium build (and
 * Chrome with "Block third-party cookies" chosen, and Chrome's Incognito by
 * default) does: in a cross-site context (a cross-site fetch or frame, never
 * a top-level navigation) no cookie is sent and none is stored, SameSite=None
 * ones included.
 */
export type ThirdPartyCookies = 'allow' | 'block';

export type { CookieView, SameSiteValue } from './cookie-view';

export interface SendContext {
  url: URL;
  /** Origin of the page that made the request, or 'user' for the address bar. */
  initiator: string;
  mode: RequestKind;
  method: string;
  now: number;
}

/**
 * The request whose answer carries a Set-Cookie, as far as storing it
 * depends on that request (6265bis §5.7 steps 13–14; Fetch's credentials
 * mode).
 */
export interface StoreContext {
  site: SiteContext;
  kind: RequestKind;
  /** A request sent with credentials omitted (or a CORS preflight) stores nothing from its answer. */
  credentials: 'include' | 'omit';
}

/**
 * The context of a response the browser asked for itself from that site's
 * own page (a top-level, same-site, credentialed request): the default for
 * cookies that arrive without a simulated request, e.g. a lesson's
 * "receive a cookie from /path" or a page on a sibling subdomain.
 */
export const FIRST_PARTY_RESPONSE: StoreContext = { site: 'same-site', kind: 'navigate', credentials: 'include' };

export interface Withheld {
  cookie: CookieView;
  reason: string;
}

/** The jar's cookies at one moment, in tough-cookie's JSON form. */
export interface SavedCookieJar {
  readonly cookies: readonly SerializedCookie[];
}

/**
 * What the jar did with one Set-Cookie. `deleted`: it arrived already
 * expired, so the jar removed the cookie of the same name, domain and path;
 * `reason` then says when there was no such cookie and nothing was removed.
 */
export type ReceiveResult = { ok: true; cookie: CookieView; deleted: boolean; reason?: string } | { ok: false; name: string; reason: string };

/** Chrome's "Lax-allowing-unsafe" window for cookies without SameSite (6265bis §5.6.7.2). */
export const LAX_ALLOWING_UNSAFE_MS = 2 * 60_000;

/** A cookie's identity in the store: same name, domain and path means the same cookie. */
const identity = (c: Cookie) => `${c.key}\u0000${c.domain ?? ''}\u0000${c.path ?? ''}`;

export class SimCookieJar {
  readonly #jar = new CookieJar(undefined, {
    // A compliant jar refuses bad __Host-/__Secure- cookies (COOKIE-03).
    prefixSecurity: 'strict',
    // Secure cookies need https; no localhost exception in this world.
    allowSecureOnLocal: false,
    rejectPublicSuffixes: true,
    looseMode: false,
  });
  readonly unsetSameSite: UnsetSameSitePolicy;
  readonly thirdPartyCookies: ThirdPartyCookies;

  constructor(unsetSameSite: UnsetSameSitePolicy, thirdPartyCookies: ThirdPartyCookies = 'allow') {
    this.unsetSameSite = unsetSameSite;
    this.thirdPartyCookies = thirdPartyCookies;
  }

  /**
   * Stores one Set-Cookie header received from `responseUrl`, or says why
   * not. `context` is the request that got the answer: a cross-site
   * subrequest or frame may not set SameSite=Lax/Strict cookies (nor, in a
   * Lax-by-default browser, cookies without SameSite), and a request sent
   * with credentials omitted stores nothing.
   */
  receive(header: string, responseUrl: string, now: number, context: StoreContext = FIRST_PARTY_RESPONSE): ReceiveResult {
    const cookie = parseSetCookie(header);
    if (!cookie) return { ok: false, name: header.split('=')[0] ?? header, reason: 'unparseable Set-Cookie header' };
    if (context.credentials === 'omit') {
      return { ok: false, name: cookie.key, reason: "the request was sent without credentials (credentials: 'omit', or a CORS preflight), so the browser stores no cookie from its answer" };
    }
    const storeRefusal = this.#crossSiteStoreRefusal(cookie, context);
    if (storeRefusal) return { ok: false, name: cookie.key, reason: storeRefusal };
    if (cookie.sameSite === 'none' && !cookie.secure) {
      return { ok: false, name: cookie.key, reason: 'SameSite=None requires Secure; the browser drops it' };
    }
    const prefixRefusal = prefixProblem(cookie, responseUrl);
    if (prefixRefusal) return { ok: false, name: cookie.key, reason: prefixRefusal };
    // Fix the expiry at receipt time in virtual time (6265bis §5.6): tough-cookie
    // would count Max-Age from its wall-clock "last accessed" instead.
    if (typeof cookie.maxAge === 'number') {
      cookie.expires = new Date(cookie.maxAge <= 0 ? 0 : now + cookie.maxAge * 1000);
      cookie.maxAge = null;
    }
    try {
      // tough-cookie applies the storage rule for explicit SameSite=Lax/Strict itself, given the context.
      const before = new Map(this.#allStored().map((c) => [identity(c), c.value]));
      const freshIndex = cookie.creationIndex;
      const stored = this.#jar.setCookieSync(cookie, responseUrl, { now: new Date(now), ignoreError: false, sameSiteContext: storeSameSiteContext(context.site) });
      if (!stored) return { ok: false, name: cookie.key, reason: 'rejected by the cookie jar' };
      // tough-cookie keeps an overwritten cookie's creation time (6265bis §5.7 step 23); Chromium keeps it only
      // when the value is unchanged. Creation time orders the Cookie header and starts the Lax-allowing-unsafe window.
      const previous = before.get(identity(stored));
      if (previous !== undefined && previous !== stored.value) {
        stored.creation = new Date(now);
        stored.creationIndex = freshIndex;
        this.#jar.store.updateCookie(stored, stored, () => undefined);
      }
      const deleted = stored.expires instanceof Date && stored.expires.getTime() <= now;
      if (!deleted) return { ok: true, cookie: view(stored), deleted };
      this.#remove(stored);
      // A deletion is matched by name, domain and path; one that matches nothing changes nothing.
      if (previous !== undefined) return { ok: true, cookie: view(stored), deleted };
      return { ok: true, cookie: view(stored), deleted, reason: `already expired; the jar held no ${stored.key} cookie for this domain and Path=${stored.path}, so nothing was deleted` };
    } catch (error) {
      return { ok: false, name: cookie.key, reason: explainJarRefusal(error, cookie, context.kind) };
    }
  }

  /** The cookies a request carries, and those held back with the reason. */
  cookiesFor(ctx: SendContext): { sent: CookieView[]; withheld: Withheld[] } {
    const sent: CookieView[] = [];
    const withheld: Withheld[] = [];
    // Match Domain/Path as if https, then apply Secure ourselves to say why.
    const asHttps = new URL(ctx.url);
    asHttps.protocol = 'https:';
    const sameSite = siteContextOf(ctx.url, ctx.initiator, ctx.mode) === 'same-site';
    for (const cookie of this.#candidates(asHttps.href, ctx.now)) {
      const v = view(cookie);
      if (v.secure && ctx.url.protocol !== 'https:') {
        withheld.push({ cookie: v, reason: 'Secure cookie: only sent over https' });
        continue;
      }
      const refusal = sameSite ? undefined : this.#crossSiteRefusal(v, ctx);
      if (refusal) withheld.push({ cookie: v, reason: refusal });
      else sent.push(v);
    }
    return { sent, withheld };
  }

  /** What `document.cookie` shows a script on `pageUrl`: no HttpOnly cookies. */
  scriptVisible(pageUrl: string, now: number): CookieView[] {
    const url = new URL(pageUrl);
    return this.#candidates(pageUrl, now, false)
      .map(view)
      .filter((c) => !c.secure || url.protocol === 'https:');
  }

  /** Every live cookie in the jar, for the inspector. */
  all(now: number): CookieView[] {
    return this.#live(now).map(view);
  }

  /** Every stored cookie, as frozen data only this jar reads (time travel). */
  save(): SavedCookieJar {
    // lastAccessed is tough-cookie's wall-clock stamp on every read; the simulation never uses it, and it would tell two equal jars apart.
    const cookies = (this.#jar.serializeSync()?.cookies ?? []).map((cookie) => {
      delete cookie.lastAccessed;
      return cookie;
    });
    return deepFreeze({ cookies });
  }

  /** Replaces the jar's contents with saved ones; if any saved cookie cannot be read, refuses and changes nothing. */
  restore(saved: SavedCookieJar): void {
    check(Array.isArray(saved?.cookies), 'the saved cookie jar has no list of cookies');
    const cookies = saved.cookies.map((raw, i) => {
      const cookie = Cookie.fromJSON(raw);
      // A nameless cookie (`Set-Cookie: abc`) is legal and has the name "", so only a missing name is refused.
      check(cookie && typeof cookie.key === 'string' && cookie.domain, `saved cookie ${i + 1} has no name or no domain`);
      return cookie;
    });
    this.#jar.removeAllCookiesSync();
    for (const cookie of cookies) this.#jar.store.putCookie(cookie, () => undefined);
  }

  /** A browser restart drops cookies without Max-Age/Expires (COOKIE-05). */
  dropSessionCookies(): string[] {
    const dropped: string[] = [];
    for (const cookie of this.#jar.serializeSync()?.cookies ?? []) {
      const parsed = Cookie.fromJSON(cookie);
      if (parsed && !(parsed.expires instanceof Date)) {
        this.#remove(parsed);
        dropped.push(parsed.key);
      }
    }
    return dropped;
  }

  /** Expired cookies are purged against the virtual clock; returns their names. */
  purgeExpired(now: number): string[] {
    const gone: string[] = [];
    for (const cookie of this.#allStored()) {
      if (cookie.expires instanceof Date && cookie.expires.getTime() <= now) {
        this.#remove(cookie);
        gone.push(cookie.key);
      }
    }
    return gone;
  }

  /** How this browser treats the cookie's SameSite: an unset one by its policy. */
  #effectiveSameSite(sameSite: SameSiteValue): Exclude<SameSiteValue, 'unset'> {
    if (sameSite !== 'unset') return sameSite;
    return this.unsetSameSite === 'lax-by-default' ? 'Lax' : 'None';
  }

  /**
   * The storage rules tough-cookie does not know: blocked third-party
   * cookies, and a cookie without SameSite counting as Lax in a
   * Lax-by-default browser. Explicit Lax/Strict are left to tough-cookie's
   * sameSiteContext.
   */
  #crossSiteStoreRefusal(cookie: Cookie, context: StoreContext): string | undefined {
    if (context.site !== 'cross-site') return undefined;
    // Chromium checks the setting first when storing (its only reason is then UserPreferences).
    if (this.thirdPartyCookies === 'block') {
      return `third-party cookies are blocked in this browser's settings: the answer to ${describeCrossSite(context.kind)} stores no cookie`;
    }
    const declared = sameSiteOf(cookie);
    if (declared === 'unset' && this.#effectiveSameSite(declared) === 'Lax') {
      return `no SameSite, treated as Lax by this browser (Chromium's Lax-by-default): the answer to ${describeCrossSite(context.kind)} may not set it`;
    }
    return undefined;
  }

  #crossSiteRefusal(cookie: CookieView, ctx: SendContext): string | undefined {
    const unset = cookie.sameSite === 'unset';
    const effective = this.#effectiveSameSite(cookie.sameSite);
    if (effective === 'None') {
      return ctx.mode !== 'navigate' && this.thirdPartyCookies === 'block'
        ? "third-party cookies are blocked in this browser's settings: a cross-site fetch or frame carries none"
        : undefined;
    }
    if (effective === 'Strict') return 'SameSite=Strict: the request comes from another site';
    const topLevel = ctx.mode === 'navigate';
    if (topLevel && isSafeMethod(ctx.method)) return undefined;
    if (unset && topLevel && ctx.now - cookie.createdAt <= LAX_ALLOWING_UNSAFE_MS) return undefined;
    const why = unset ? "no SameSite, treated as Lax by this browser (Chromium's Lax-by-default)" : 'SameSite=Lax';
    const windowOver = unset ? ` once ${LAX_ALLOWING_UNSAFE_MS / 60_000} min have passed since it was set` : '';
    return topLevel
      ? `${why}: a cross-site top-level ${ctx.method} does not carry it${windowOver}`
      : `${why}: cross-site subrequests (fetch, images, frames) do not carry it`;
  }

  #candidates(url: string, now: number, http = true): Cookie[] {
    this.purgeExpired(now);
    // Longer Path first, then older first (6265bis §5.8.3 step 2), as Chromium orders the Cookie header.
    return this.#jar.getCookiesSync(url, { http, expire: false, sort: true });
  }

  #live(now: number): Cookie[] {
    this.purgeExpired(now);
    return this.#allStored();
  }

  #allStored(): Cookie[] {
    return (this.#jar.serializeSync()?.cookies ?? []).map((c) => Cookie.fromJSON(c)).filter((c): c is Cookie => c !== null);
  }

  #remove(cookie: Cookie): void {
    this.#jar.store.removeCookie(cookie.domain, cookie.path, cookie.key, () => undefined);
  }
}

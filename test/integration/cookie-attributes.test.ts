/**
 * The session cookie's attributes and what the browser does with them:
 * Secure/HttpOnly/name (COOKIE-01), SameSite (COOKIE-02), the __Host- prefix
 * (COOKIE-03), host-only scope and the limits of Path (COOKIE-04), and
 * lifetime (COOKIE-05). Flaw switches show what each attribute prevents.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { SHOP_ORIGIN, SIBLING_ORIGIN } from '../../src/sim/config';
import type { CookieView } from '../../src/sim/browser/cookie-jar';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';
const DEFAULT_FRAMEWORK_NAMES = ['JSESSIONID', 'PHPSESSID', 'ASP.NET_SessionId', 'connect.sid', 'sid', 'session', 'sessionid'];

function sessionCookieHeader(headers: ReadonlyArray<readonly [string, string]>): string {
  const value = header(headers, 'set-cookie').find((v) => /^(?:__Host-)?shop_sid=/.test(v));
  if (!value) throw new Error('no session Set-Cookie in the response');
  return value;
}

function attributes(setCookie: string): string[] {
  return setCookie.split(';').slice(1).map((a) => a.trim());
}

function cookieNamed(cookies: CookieView[], name: string): CookieView | undefined {
  return cookies.find((c) => c.name === name);
}

describe('COOKIE-01: Secure, HttpOnly and a non-default name', () => {
  it('COOKIE-01: the session Set-Cookie has Secure and HttpOnly and a name no framework uses by default', async () => {
    const world = await shop.world();
    const login = await world.page('alice').login('alice', 'wonderland');
    const setCookie = sessionCookieHeader(login.headers);
    const name = setCookie.slice(0, setCookie.indexOf('='));
    expect(name).toBe(HOST_SID);
    for (const generic of DEFAULT_FRAMEWORK_NAMES) expect(name.toLowerCase()).not.toBe(generic.toLowerCase());
    expect(attributes(setCookie)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly']));
    expect(cookieNamed(world.browser('alice').cookies(), HOST_SID)).toMatchObject({ secure: true, httpOnly: true });
  });

  it('COOKIE-01: safe: page script cannot read the cookie through document.cookie', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    alice.browser.jar.receive('theme=dark; Path=/; Secure', `${SHOP_ORIGIN}/`, world.clock.now());
    // The script sees ordinary cookies, so the absence of the session cookie is HttpOnly at work.
    expect(alice.browser.documentCookie()).toBe('theme=dark');
  });

  it('COOKIE-01: vulnerable (cookieWithoutHttpOnly): document.cookie shows the session id to any script', async () => {
    const world = await shop.world({ vulnerable: { cookieWithoutHttpOnly: true } });
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(attributes(sessionCookieHeader(login.headers))).not.toContain('HttpOnly');
    const id = cookieNamed(alice.browser.cookies(), HOST_SID)!.value;
    expect(alice.browser.documentCookie()).toContain(`${HOST_SID}=${id}`);
  });

  it('COOKIE-01: safe: over plain http the Secure cookie stays home, so a sniffer sees no session id', async () => {
    const world = await shop.world();
    await world.page('alice').login('alice', 'wonderland');
    const plain = await world.send('alice', { url: 'http://shop.example.com/me', initiator: 'user' });
    expect(plain.status).toBe(401);
    expect(errorCode(plain.body)).toBe('not_authenticated');
    const withheld = world.trace.ofKind('cookie').filter((e) => e.action === 'withheld' && e.name === HOST_SID);
    expect(withheld.at(-1)?.reason).toMatch(/Secure cookie: only sent over https/);
    const sniffed = new Mallory(world).sniff();
    expect(sniffed).toEqual([{ url: 'http://shop.example.com/me' }]);
  });

  it('COOKIE-01: vulnerable (cookieWithoutSecure): the cookie rides a plain-http request and Mallory sniffs and replays it', async () => {
    const world = await shop.world({ vulnerable: { cookieWithoutSecure: true } });
    const login = await world.page('alice').login('alice', 'wonderland');
    const setCookie = sessionCookieHeader(login.headers);
    expect(setCookie).toMatch(/^shop_sid=/);
    expect(attributes(setCookie)).not.toContain('Secure');
    const id = cookieNamed(world.browser('alice').cookies(), 'shop_sid')!.value;

    const plain = await world.send('alice', { url: 'http://shop.example.com/me', initiator: 'user' });
    expect(plain.status).toBe(200);
    const mallory = new Mallory(world);
    const sniffed = mallory.sniff();
    expect(sniffed).toHaveLength(1);
    expect(sniffed[0]).toEqual({ url: 'http://shop.example.com/me', cookie: `shop_sid=${id}` });

    mallory.plantInOwnBrowser('shop_sid', id);
    const hijack = await world.page('mallory').me();
    expect(hijack.status).toBe(200);
    expect(hijack.body).toMatchObject({ user: { username: 'alice' } });
  });
});

describe('COOKIE-02: SameSite is explicit; SameSite=None needs Secure', () => {
  it('COOKIE-02: the default session cookie says SameSite=Lax explicitly', async () => {
    const world = await shop.world();
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(attributes(sessionCookieHeader(login.headers))).toContain('SameSite=Lax');
    expect(cookieNamed(world.browser('alice').cookies(), HOST_SID)?.sameSite).toBe('Lax');
  });

  it('COOKIE-02: session.sameSite Strict is sent as SameSite=Strict', async () => {
    const world = await shop.world({ session: { sameSite: 'Strict' } });
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(attributes(sessionCookieHeader(login.headers))).toContain('SameSite=Strict');
    expect(cookieNamed(world.browser('alice').cookies(), HOST_SID)?.sameSite).toBe('Strict');
  });

  it('COOKIE-02: SameSite=None with Secure is stored (the CSRF flaw switch sets it)', async () => {
    const world = await shop.world({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(attributes(sessionCookieHeader(login.headers))).toEqual(expect.arrayContaining(['SameSite=None', 'Secure']));
    expect(cookieNamed(world.browser('alice').cookies(), HOST_SID)?.sameSite).toBe('None');
  });

  it('COOKIE-02: SameSite=None without Secure is dropped by the browser, so the login does not stick', async () => {
    const world = await shop.world({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true, cookieWithoutSecure: true } });
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    const setCookie = sessionCookieHeader(login.headers);
    expect(attributes(setCookie)).toContain('SameSite=None');
    expect(attributes(setCookie)).not.toContain('Secure');
    expect(alice.browser.cookies()).toEqual([]);
    const rejected = world.trace.ofKind('cookie').find((e) => e.action === 'rejected' && e.name === 'shop_sid');
    expect(rejected?.reason).toMatch(/SameSite=None requires Secure/);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('not_authenticated');
  });
});

describe('COOKIE-03: __Host- prefix with Secure, Path=/ and no Domain', () => {
  it('COOKIE-03: the session cookie is __Host- with Secure; Path=/ and no Domain attribute', async () => {
    const world = await shop.world();
    const login = await world.page('alice').login('alice', 'wonderland');
    const setCookie = sessionCookieHeader(login.headers);
    expect(setCookie.startsWith('__Host-')).toBe(true);
    const attrs = attributes(setCookie);
    expect(attrs).toEqual(expect.arrayContaining(['Secure', 'Path=/']));
    expect(attrs.some((a) => /^domain=/i.test(a))).toBe(false);
    expect(cookieNamed(world.browser('alice').cookies(), HOST_SID)).toMatchObject({ hostOnly: true, domain: 'shop.example.com', path: '/' });
  });

  it('COOKIE-03: a compliant jar rejects __Host-x=1; Secure; Domain=example.com', async () => {
    const world = await shop.world();
    const jar = world.browser('alice').jar;
    const result = jar.receive('__Host-x=1; Secure; Path=/; Domain=example.com', `${SHOP_ORIGIN}/`, world.clock.now());
    expect(result).toMatchObject({ ok: false, name: '__Host-x' });
    expect(world.browser('alice').cookies()).toEqual([]);
  });

  it('COOKIE-03: a sibling subdomain cannot plant __Host-shop_sid; the shop never sees the planted value', async () => {
    const world = await shop.world();
    const mallory = new Mallory(world);
    // With Domain the prefix forbids it; without Domain it only lands on blog.example.com.
    expect(mallory.plantCookieFromSibling('alice', `${HOST_SID}=planted; Secure; Path=/; Domain=example.com`).ok).toBe(false);
    expect(mallory.plantCookieFromSibling('alice', `${HOST_SID}=planted; Secure; Path=/`)).toMatchObject({
      ok: true,
      cookie: { domain: 'blog.example.com', hostOnly: true },
    });
    const alice = world.page('alice');
    const me = await alice.me();
    expect(errorCode(me.body)).toBe('not_authenticated');
    const cookieSent = world.trace.ofKind('exchange').at(-1)!.request.headers.find(([n]) => n === 'cookie');
    expect(cookieSent).toBeUndefined();
    const login = await alice.login('alice', 'wonderland');
    expect(sessionCookieHeader(login.headers)).not.toContain('planted');
  });

  it('COOKIE-03: without the prefix (cookieWithoutSecure gives plain shop_sid) the sibling plant reaches the shop', async () => {
    const world = await shop.world({ vulnerable: { cookieWithoutSecure: true } });
    expect(new Mallory(world).plantCookieFromSibling('alice', 'shop_sid=planted; Domain=example.com; Path=/').ok).toBe(true);
    const me = await world.page('alice').me();
    const cookieSent = world.trace.ofKind('exchange').at(-1)!.request.headers.find(([n]) => n === 'cookie');
    expect(cookieSent?.[1]).toBe('shop_sid=planted');
    // The server looked the planted id up (and found nothing).
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('unknown_session');
  });
});

describe('COOKIE-04: host-only cookie; Path is not a security boundary', () => {
  it('COOKIE-04: no Domain attribute makes the cookie host-only: it is not sent to blog.example.com', async () => {
    const world = await shop.world();
    const alice = world.browser('alice');
    await world.page('alice').login('alice', 'wonderland');
    const cookie = cookieNamed(alice.cookies(), HOST_SID)!;
    expect(cookie).toMatchObject({ hostOnly: true, domain: 'shop.example.com' });
    const now = world.clock.now();
    const toSibling = alice.jar.cookiesFor({ url: new URL(`${SIBLING_ORIGIN}/`), initiator: SIBLING_ORIGIN, mode: 'fetch', method: 'GET', now });
    expect(toSibling.sent).toEqual([]);
    const toShop = alice.jar.cookiesFor({ url: new URL(`${SHOP_ORIGIN}/me`), initiator: SHOP_ORIGIN, mode: 'fetch', method: 'GET', now });
    expect(toShop.sent.map((c) => c.name)).toEqual([HOST_SID]);
  });

  it('COOKIE-04: a cookie scoped to Path=/app2 is hidden from /app1\'s document.cookie, yet a script on /app1 sends it by requesting /app2', async () => {
    const world = await shop.world();
    const browser = world.browser('alice');
    expect(browser.jar.receive('app2_token=secret; Path=/app2; Secure; SameSite=Strict', `${SHOP_ORIGIN}/app2/`, world.clock.now()).ok).toBe(true);
    browser.goTo(`${SHOP_ORIGIN}/app1/`);
    expect(browser.documentCookie()).not.toContain('app2_token');
    await world.send('alice', { url: `${SHOP_ORIGIN}/app2/data` });
    const sent = world.trace.ofKind('exchange').at(-1)!;
    expect(sent.request.initiator).toBe(SHOP_ORIGIN);
    expect(sent.request.headers).toContainEqual(['cookie', 'app2_token=secret']);
  });

  it('COOKIE-04: a script on /app1 reads a Path=/app2 cookie through a same-origin frame of /app2; HttpOnly cookies stay hidden', async () => {
    const world = await shop.world();
    const browser = world.browser('alice');
    await world.page('alice').login('alice', 'wonderland');
    expect(browser.jar.receive('app2_token=secret; Path=/app2; Secure; SameSite=Strict', `${SHOP_ORIGIN}/app2/`, world.clock.now()).ok).toBe(true);
    expect(browser.jar.receive('app2_hidden=h; Path=/app2; Secure; HttpOnly', `${SHOP_ORIGIN}/app2/`, world.clock.now()).ok).toBe(true);
    browser.goTo(`${SHOP_ORIGIN}/app1/`);
    expect(browser.documentCookie()).toBe('');
    const framed = await browser.openFrame(`${SHOP_ORIGIN}/app2/`);
    const sent = world.trace.ofKind('exchange').at(-1)!;
    expect(sent.id).toBe(framed.exchangeId);
    expect(sent.request).toMatchObject({ mode: 'frame', initiator: SHOP_ORIGIN, url: `${SHOP_ORIGIN}/app2/` });
    // The frame's own document sees what a page of /app2 sees, and the /app1 script may read it.
    expect(browser.frameDocumentCookie()).toBe('app2_token=secret');
    // Navigating the tab away drops the frame with the page that held it.
    browser.goTo(`${SHOP_ORIGIN}/app1/other`);
    expect(() => browser.frameDocumentCookie()).toThrow(/no frame/);
  });

  it('COOKIE-04: a response to /app1 may set (or overwrite) a cookie for Path=/app2, which /app2 then receives', async () => {
    const world = await shop.world();
    const browser = world.browser('alice');
    const now = world.clock.now();
    expect(browser.jar.receive('app2_token=genuine; Path=/app2; Secure', `${SHOP_ORIGIN}/app2/`, now).ok).toBe(true);
    // The Path attribute is not limited to the path that answered.
    expect(browser.jar.receive('app2_token=from-app1; Path=/app2; Secure', `${SHOP_ORIGIN}/app1/login`, now)).toMatchObject({
      ok: true,
      cookie: { path: '/app2' },
    });
    await world.send('alice', { url: `${SHOP_ORIGIN}/app2/data`, initiator: SHOP_ORIGIN });
    const sent = world.trace.ofKind('exchange').at(-1)!;
    expect(sent.request.headers).toContainEqual(['cookie', 'app2_token=from-app1']);
  });
});

describe('COOKIE-05: a non-persistent cookie, cleared at logout', () => {
  it('COOKIE-05: the session cookie has no Max-Age or Expires, so the browser keeps it only until it closes', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    const attrs = attributes(sessionCookieHeader(login.headers));
    expect(attrs.some((a) => /^(max-age|expires)=/i.test(a))).toBe(false);
    expect(cookieNamed(alice.browser.cookies(), HOST_SID)?.expiresAt).toBeUndefined();
    expect(alice.browser.restart()).toEqual([HOST_SID]);
    expect(alice.browser.cookies()).toEqual([]);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('not_authenticated');
  });

  it('COOKIE-05: a persistent cookie (Max-Age) survives the same restart, for contrast', async () => {
    const world = await shop.world();
    const browser = world.browser('alice');
    browser.jar.receive('remember=1; Path=/; Secure; Max-Age=86400', `${SHOP_ORIGIN}/`, world.clock.now());
    expect(browser.restart()).toEqual([]);
    expect(cookieNamed(browser.cookies(), 'remember')?.expiresAt).toBe(world.clock.now() + 86_400_000);
  });

  it('COOKIE-05: logout clears the cookie with an empty value and a past expiry', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const logout = await alice.logout();
    expect(logout.status).toBe(200);
    const setCookie = sessionCookieHeader(logout.headers);
    expect(setCookie.startsWith(`${HOST_SID}=;`)).toBe(true);
    const attrs = attributes(setCookie);
    expect(attrs).toContain('Max-Age=0');
    const expires = attrs.find((a) => a.startsWith('Expires='))!.slice('Expires='.length);
    expect(Date.parse(expires)).toBeLessThan(world.clock.now());
    // Same Path and prefix attributes as the original, so the browser replaces that cookie.
    expect(attrs).toEqual(expect.arrayContaining(['Path=/', 'Secure']));
    expect(cookieNamed(alice.browser.cookies(), HOST_SID)).toBeUndefined();
    const deleted = world.trace.ofKind('cookie').filter((e) => e.action === 'deleted' && e.name === HOST_SID);
    expect(deleted).toHaveLength(1);
  });
});

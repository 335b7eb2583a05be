/**
 * The simulated browser's cookie jar without any server: the SameSite send
 * matrix (CSRF-07, COOKIE-02), Secure over http (COOKIE-01), prefixes and
 * Domain rules (COOKIE-03/04), and lifetimes on the virtual clock (COOKIE-05).
 */
import { describe, expect, it } from 'vitest';
import { LAX_ALLOWING_UNSAFE_MS, SimCookieJar, type SendContext, type UnsetSameSitePolicy } from '../../src/sim/browser/cookie-jar';

const SHOP = 'https://shop.example.com';
const BLOG = 'https://blog.example.com';
const EVIL = 'https://evil.example';
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

type Request = Omit<SendContext, 'now' | 'url'> & { url?: string };

const REQUESTS = {
  'same-origin fetch POST': { initiator: SHOP, mode: 'fetch', method: 'POST' },
  'sibling-subdomain form POST': { initiator: BLOG, mode: 'navigate', method: 'POST' },
  'sibling-subdomain fetch GET': { initiator: BLOG, mode: 'fetch', method: 'GET' },
  'address bar GET': { initiator: 'user', mode: 'navigate', method: 'GET' },
  'cross-site link GET': { initiator: EVIL, mode: 'navigate', method: 'GET' },
  'cross-site top-level HEAD': { initiator: EVIL, mode: 'navigate', method: 'HEAD' },
  'cross-site form POST': { initiator: EVIL, mode: 'navigate', method: 'POST' },
  'cross-site fetch GET': { initiator: EVIL, mode: 'fetch', method: 'GET' },
  'cross-site fetch POST': { initiator: EVIL, mode: 'fetch', method: 'POST' },
} satisfies Record<string, Request>;
type RequestName = keyof typeof REQUESTS;

function jarWith(setCookie: string, policy: UnsetSameSitePolicy = 'lax-by-default', at = T0): SimCookieJar {
  const jar = new SimCookieJar(policy);
  const result = jar.receive(setCookie, `${SHOP}/`, at);
  if (!result.ok) throw new Error(`setup cookie rejected: ${result.reason}`);
  return jar;
}

/** 'sent', or the reason the jar gives for withholding the cookie. */
function decide(jar: SimCookieJar, request: Request, now: number): string {
  const { sent, withheld } = jar.cookiesFor({ ...request, url: new URL(request.url ?? `${SHOP}/cart`), now });
  if (sent.length === 1 && withheld.length === 0) return 'sent';
  if (sent.length === 0 && withheld.length === 1) return withheld[0]!.reason;
  throw new Error(`expected exactly one cookie, got ${sent.length} sent and ${withheld.length} withheld`);
}

const S = 'sent';
const W = 'withheld';
// Columns follow REQUESTS. Unset cookies are checked well past the 2-minute window.
const MATRIX: [label: string, setCookie: string, policy: UnsetSameSitePolicy, expected: string[]][] = [
  ['SameSite=Strict', 'c=1; Path=/; Secure; SameSite=Strict', 'lax-by-default', [S, S, S, S, W, W, W, W, W]],
  ['SameSite=Lax', 'c=1; Path=/; Secure; SameSite=Lax', 'lax-by-default', [S, S, S, S, S, S, W, W, W]],
  ['SameSite=None; Secure', 'c=1; Path=/; Secure; SameSite=None', 'lax-by-default', [S, S, S, S, S, S, S, S, S]],
  ['no SameSite, Lax-by-default browser', 'c=1; Path=/; Secure', 'lax-by-default', [S, S, S, S, S, S, W, W, W]],
  ['no SameSite, legacy browser', 'c=1; Path=/; Secure', 'legacy-none', [S, S, S, S, S, S, S, S, S]],
];

describe('CSRF-07: the SameSite send matrix', () => {
  const names = Object.keys(REQUESTS) as RequestName[];
  for (const [label, setCookie, policy, expected] of MATRIX) {
    it.each(names.map((name, i) => [name, expected[i]!] as const))(`CSRF-07: ${label} on a %s → %s`, (name, outcome) => {
      const jar = jarWith(setCookie, policy);
      const decision = decide(jar, REQUESTS[name], T0 + 10 * 60_000);
      if (outcome === S) expect(decision).toBe('sent');
      else expect(decision).not.toBe('sent');
    });
  }

  it('CSRF-07: every withheld cookie comes with a reason naming the rule', () => {
    const later = T0 + 10 * 60_000;
    expect(decide(jarWith('c=1; Path=/; Secure; SameSite=Strict'), REQUESTS['cross-site link GET'], later)).toBe(
      'SameSite=Strict: the request comes from another site',
    );
    expect(decide(jarWith('c=1; Path=/; Secure; SameSite=Lax'), REQUESTS['cross-site form POST'], later)).toBe(
      'SameSite=Lax: a cross-site top-level POST does not carry it',
    );
    expect(decide(jarWith('c=1; Path=/; Secure; SameSite=Lax'), REQUESTS['cross-site fetch GET'], later)).toBe(
      'SameSite=Lax: cross-site subrequests (fetch, images, frames) do not carry it',
    );
    expect(decide(jarWith('c=1; Path=/; Secure'), REQUESTS['cross-site form POST'], later)).toMatch(/^no SameSite, treated as Lax by this browser/);
  });

  it('CSRF-07: http and https of the same host are different sites (schemeful same-site)', () => {
    const jar = jarWith('c=1; Path=/; Secure; SameSite=Strict');
    expect(decide(jar, { initiator: 'http://shop.example.com', mode: 'fetch', method: 'POST' }, T0)).toMatch(/SameSite=Strict/);
  });
});

describe('CSRF-07: the 2-minute Lax-allowing-unsafe exception for cookies without SameSite', () => {
  it('CSRF-07: the window is 2 minutes', () => {
    expect(LAX_ALLOWING_UNSAFE_MS).toBe(120_000);
  });

  it('CSRF-07: a fresh unset cookie rides a cross-site top-level POST up to 2 minutes after it was set, not after', () => {
    const jar = jarWith('c=1; Path=/; Secure');
    expect(decide(jar, REQUESTS['cross-site form POST'], T0)).toBe('sent');
    expect(decide(jar, REQUESTS['cross-site form POST'], T0 + LAX_ALLOWING_UNSAFE_MS)).toBe('sent');
    expect(decide(jar, REQUESTS['cross-site form POST'], T0 + LAX_ALLOWING_UNSAFE_MS + 1)).toMatch(/top-level POST does not carry it/);
  });

  it("the reason for a withheld unset cookie names Chromium's Lax-by-default and, for a POST, the 2 minutes that have passed", () => {
    const jar = jarWith('c=1; Path=/; Secure');
    expect(decide(jar, REQUESTS['cross-site form POST'], T0 + LAX_ALLOWING_UNSAFE_MS + 1)).toBe(
      "no SameSite, treated as Lax by this browser (Chromium's Lax-by-default): a cross-site top-level POST does not carry it once 2 min have passed since it was set",
    );
    expect(decide(jar, REQUESTS['cross-site fetch GET'], T0)).toBe(
      "no SameSite, treated as Lax by this browser (Chromium's Lax-by-default): cross-site subrequests (fetch, images, frames) do not carry it",
    );
  });

  it('CSRF-07: the exception covers only top-level navigations, not cross-site fetches', () => {
    const jar = jarWith('c=1; Path=/; Secure');
    expect(decide(jar, REQUESTS['cross-site fetch POST'], T0)).toMatch(/subrequests/);
  });

  it('CSRF-07: an explicit SameSite=Lax cookie gets no such window', () => {
    const jar = jarWith('c=1; Path=/; Secure; SameSite=Lax');
    expect(decide(jar, REQUESTS['cross-site form POST'], T0)).toMatch(/^SameSite=Lax/);
  });
});

describe('COOKIE-01: Secure cookies over plain http', () => {
  it('COOKIE-01: a Secure cookie is withheld from an http request, with its reason', () => {
    const jar = jarWith('c=1; Path=/; Secure; SameSite=Lax');
    expect(decide(jar, { url: 'http://shop.example.com/me', initiator: 'user', mode: 'navigate', method: 'GET' }, T0)).toBe(
      'Secure cookie: only sent over https',
    );
  });

  it('COOKIE-01: a cookie without Secure is sent over http', () => {
    const jar = jarWith('c=1; Path=/; SameSite=Lax');
    expect(decide(jar, { url: 'http://shop.example.com/me', initiator: 'user', mode: 'navigate', method: 'GET' }, T0)).toBe('sent');
  });

  it('COOKIE-01: an http response cannot set a Secure cookie', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('c=1; Path=/; Secure', 'http://shop.example.com/', T0)).toMatchObject({ ok: false, name: 'c' });
    expect(jar.all(T0)).toEqual([]);
  });

  it('COOKIE-01: scripts see neither HttpOnly cookies nor, on an http page, Secure ones', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('sid=s; Path=/; Secure; HttpOnly', `${SHOP}/`, T0);
    jar.receive('theme=dark; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('lang=en; Path=/', `${SHOP}/`, T0);
    expect(jar.scriptVisible(`${SHOP}/`, T0).map((c) => c.name).sort()).toEqual(['lang', 'theme']);
    expect(jar.scriptVisible('http://shop.example.com/', T0).map((c) => c.name)).toEqual(['lang']);
  });
});

describe('COOKIE-02: SameSite=None requires Secure', () => {
  it('COOKIE-02: SameSite=None without Secure is dropped with a reason', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('c=1; Path=/; SameSite=None', `${SHOP}/`, T0)).toEqual({
      ok: false,
      name: 'c',
      reason: 'SameSite=None requires Secure; the browser drops it',
    });
    expect(jar.all(T0)).toEqual([]);
  });

  it('COOKIE-02: the SameSite value is kept as given, and a missing one shows as unset', () => {
    const jar = new SimCookieJar('lax-by-default');
    for (const [name, attr] of [['s', 'SameSite=Strict'], ['l', 'SameSite=Lax'], ['n', 'SameSite=None'], ['u', '']]) {
      jar.receive(`${name}=1; Path=/; Secure${attr ? `; ${attr}` : ''}`, `${SHOP}/`, T0);
    }
    expect(Object.fromEntries(jar.all(T0).map((c) => [c.name, c.sameSite]))).toEqual({ s: 'Strict', l: 'Lax', n: 'None', u: 'unset' });
  });
});

describe('COOKIE-03: cookie prefixes', () => {
  const shopJar = (header: string, from = `${SHOP}/`) => new SimCookieJar('lax-by-default').receive(header, from, T0);

  it('COOKIE-03: a compliant __Host- cookie (Secure; Path=/; no Domain) is stored host-only', () => {
    expect(shopJar('__Host-sid=1; Secure; Path=/')).toMatchObject({ ok: true, cookie: { hostOnly: true, domain: 'shop.example.com', path: '/' } });
  });

  it.each([
    ['__Host-x=1; Secure; Path=/; Domain=example.com', 'with Domain'],
    ['__Host-x=1; Path=/', 'without Secure'],
    ['__Host-x=1; Secure; Path=/app', 'with Path other than /'],
    ['__Host-x=1; Secure', 'without an explicit Path=/'],
  ])('COOKIE-03: rejects %s (%s)', (header) => {
    expect(shopJar(header)).toMatchObject({ ok: false, name: '__Host-x' });
  });

  it('COOKIE-03: __Secure- needs Secure and an https origin', () => {
    expect(shopJar('__Secure-x=1; Path=/')).toMatchObject({ ok: false });
    expect(shopJar('__Secure-x=1; Secure; Path=/', 'http://shop.example.com/')).toMatchObject({ ok: false });
    expect(shopJar('__Secure-x=1; Secure; Path=/app; Domain=example.com')).toMatchObject({ ok: true, cookie: { domain: 'example.com', hostOnly: false } });
  });

  it.each(['__host-sid', '__HOST-sid', '__hOsT-sid'])('COOKIE-03: the prefix rules hold in any letter case: %s planted with a Domain is refused', (name) => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive(`${name}=planted; Secure; Path=/; Domain=example.com`, `${BLOG}/`, T0)).toMatchObject({ ok: false, reason: expect.stringContaining('__Host-') });
    expect(jar.receive(`__secure-sid=1; Path=/`, `${BLOG}/`, T0)).toMatchObject({ ok: false, reason: expect.stringContaining('__Secure-') });
  });

  it('COOKIE-03: a sibling subdomain can plant an unprefixed Domain cookie on the shop, but never a __Host- one', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('sid=planted; Path=/; Domain=example.com', `${BLOG}/`, T0)).toMatchObject({ ok: true });
    expect(jar.receive('__Host-sid=planted; Secure; Path=/; Domain=example.com', `${BLOG}/`, T0)).toMatchObject({ ok: false });
    expect(jar.receive('__Host-sid=planted; Secure; Path=/', `${BLOG}/`, T0)).toMatchObject({ ok: true, cookie: { domain: 'blog.example.com' } });
    const toShop = jar.cookiesFor({ url: new URL(`${SHOP}/me`), initiator: SHOP, mode: 'fetch', method: 'GET', now: T0 });
    expect(toShop.sent.map((c) => `${c.name}=${c.value}`)).toEqual(['sid=planted']);
  });
});

describe('COOKIE-04: Domain and Path scope', () => {
  it('COOKIE-04: a host-only cookie is not sent to a sibling; a Domain cookie is', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('hostonly=1; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('wide=1; Path=/; Secure; Domain=example.com', `${SHOP}/`, T0);
    const toBlog = jar.cookiesFor({ url: new URL(`${BLOG}/`), initiator: BLOG, mode: 'fetch', method: 'GET', now: T0 });
    expect(toBlog.sent.map((c) => c.name)).toEqual(['wide']);
    expect(jar.all(T0).find((c) => c.name === 'hostonly')).toMatchObject({ hostOnly: true, domain: 'shop.example.com' });
  });

  it('COOKIE-04: Domain may not name another site or a public suffix', () => {
    const jar = new SimCookieJar('lax-by-default');
    expect(jar.receive('x=1; Path=/; Domain=evil.example', `${SHOP}/`, T0)).toMatchObject({ ok: false });
    expect(jar.receive('x=1; Path=/; Domain=com', `${SHOP}/`, T0)).toMatchObject({ ok: false });
    expect(jar.receive('x=1; Path=/; Domain=shop.example.com', `${BLOG}/`, T0)).toMatchObject({ ok: false });
  });

  it('COOKIE-04: Path only picks which requests carry the cookie; any page of the host can request that path', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('p=1; Path=/admin; Secure; SameSite=Strict', `${SHOP}/admin/`, T0);
    const fromRoot = (path: string) => jar.cookiesFor({ url: new URL(`${SHOP}${path}`), initiator: SHOP, mode: 'fetch', method: 'GET', now: T0 }).sent;
    expect(jar.scriptVisible(`${SHOP}/`, T0)).toEqual([]);
    expect(fromRoot('/')).toEqual([]);
    expect(fromRoot('/admin/users').map((c) => c.name)).toEqual(['p']);
  });
});

describe('COOKIE-05: lifetime on the virtual clock', () => {
  it('COOKIE-05: Max-Age counts from receipt in virtual time and the cookie is gone at expiry', () => {
    const jar = jarWith('m=1; Path=/; Secure; Max-Age=60');
    expect(jar.all(T0)[0]?.expiresAt).toBe(T0 + 60_000);
    expect(jar.all(T0 + 59_999).map((c) => c.name)).toEqual(['m']);
    expect(decide(jar, REQUESTS['same-origin fetch POST'], T0 + 59_999)).toBe('sent');
    expect(jar.all(T0 + 60_000)).toEqual([]);
    expect(jar.cookiesFor({ url: new URL(`${SHOP}/`), initiator: SHOP, mode: 'fetch', method: 'GET', now: T0 + 60_000 }).sent).toEqual([]);
  });

  it('COOKIE-05: Expires is compared with the virtual clock, not the wall clock', () => {
    const past = Date.UTC(2001, 0, 1);
    const jar = jarWith(`e=1; Path=/; Secure; Expires=${new Date(past + 3_600_000).toUTCString()}`, 'lax-by-default', past);
    expect(jar.all(past + 3_599_000).map((c) => c.name)).toEqual(['e']);
    expect(jar.all(past + 3_600_000)).toEqual([]);
  });

  it('COOKIE-05: Max-Age=0 (or negative) and a past Expires delete the stored cookie', () => {
    for (const deleting of ['Max-Age=0', 'Max-Age=-1', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']) {
      const jar = jarWith('sid=abc; Path=/; Secure; HttpOnly');
      const result = jar.receive(`sid=; Path=/; Secure; HttpOnly; ${deleting}`, `${SHOP}/`, T0 + 1);
      expect(result, deleting).toMatchObject({ ok: true, deleted: true });
      expect(jar.all(T0 + 1), deleting).toEqual([]);
    }
  });

  it('COOKIE-05: with both Max-Age and Expires, Max-Age decides the lifetime (6265bis §5.7, the storage model)', () => {
    const kept = jarWith('k=1; Path=/; Secure; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(kept.all(T0)[0]?.expiresAt).toBe(T0 + 3_600_000);
    const gone = new SimCookieJar('lax-by-default');
    expect(gone.receive(`g=1; Path=/; Secure; Expires=${new Date(T0 + 86_400_000).toUTCString()}; Max-Age=0`, `${SHOP}/`, T0)).toMatchObject({ ok: true, deleted: true });
    expect(gone.all(T0)).toEqual([]);
  });

  it('a deletion that names no stored cookie (another Path) removes nothing and says so', () => {
    const jar = jarWith('theme=dark; Path=/; Secure');
    const result = jar.receive('theme=; Path=/app; Secure; Max-Age=0', `${SHOP}/`, T0 + 1);
    expect(result).toMatchObject({ ok: true, deleted: true, reason: 'already expired; the jar held no theme cookie for this domain and Path=/app, so nothing was deleted' });
    expect(jar.all(T0 + 1).map((c) => `${c.name}=${c.value}; Path=${c.path}`)).toEqual(['theme=dark; Path=/']);
    // Deleting the cookie that is there gives no such note.
    expect(jar.receive('theme=; Path=/; Secure; Max-Age=0', `${SHOP}/`, T0 + 2)).not.toHaveProperty('reason');
  });

  it('COOKIE-05: a restart drops cookies without Max-Age/Expires and keeps persistent ones', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('session=1; Path=/; Secure', `${SHOP}/`, T0);
    jar.receive('remember=1; Path=/; Secure; Max-Age=3600', `${SHOP}/`, T0);
    expect(jar.all(T0).find((c) => c.name === 'session')?.expiresAt).toBeUndefined();
    expect(jar.dropSessionCookies()).toEqual(['session']);
    expect(jar.all(T0).map((c) => c.name)).toEqual(['remember']);
  });

  it('purgeExpired returns the names of the cookies it removed', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('short=1; Path=/; Secure; Max-Age=10', `${SHOP}/`, T0);
    jar.receive('long=1; Path=/; Secure; Max-Age=100', `${SHOP}/`, T0);
    expect(jar.purgeExpired(T0 + 50_000)).toEqual(['short']);
    expect(jar.purgeExpired(T0 + 50_000)).toEqual([]);
  });

  it('refuses an unparseable header with a reason (a control character; a line without "=" is a nameless cookie, see cookie-parsing.test.ts)', () => {
    expect(new SimCookieJar('lax-by-default').receive('bell=ding\u0007dong; Path=/', `${SHOP}/`, T0)).toMatchObject({ ok: false, reason: 'unparseable Set-Cookie header' });
  });
});

/**
 * Which answers may store a cookie (6265bis §5.7 steps 13–14, as Chromium
 * does it), by the request that got the answer, and the third-party cookie
 * setting; then the iframe request kind through the whole browser.
 */
import { describe, expect, it } from 'vitest';
import { SimCookieJar, type StoreContext, type ThirdPartyCookies, type UnsetSameSitePolicy } from '../../src/sim/browser/cookie-jar';
import { siteContextOf, type RequestKind } from '../../src/sim/browser/request-kind';
import { WIRE, encodeSetCookies } from '../../src/sim/browser/wire';
import { EVIL_ORIGIN, SHOP_ORIGIN, SIBLING_ORIGIN } from '../../src/sim/config';
import { World } from '../../src/sim/world';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

const REQUESTS: Record<string, { initiator: string; kind: RequestKind }> = {
  'same-origin fetch': { initiator: SHOP_ORIGIN, kind: 'fetch' },
  'same-site cross-origin fetch': { initiator: SIBLING_ORIGIN, kind: 'fetch' },
  'same-site frame': { initiator: SIBLING_ORIGIN, kind: 'frame' },
  'cross-site top-level navigation': { initiator: EVIL_ORIGIN, kind: 'navigate' },
  'cross-site fetch': { initiator: EVIL_ORIGIN, kind: 'fetch' },
  'cross-site frame': { initiator: EVIL_ORIGIN, kind: 'frame' },
};
const names = Object.keys(REQUESTS);

function store(setCookie: string, request: string, policy: UnsetSameSitePolicy = 'lax-by-default', thirdParty: ThirdPartyCookies = 'allow'): string {
  const { initiator, kind } = REQUESTS[request]!;
  const context: StoreContext = { site: siteContextOf(new URL(`${SHOP_ORIGIN}/`), initiator, kind), kind, credentials: 'include' };
  const result = new SimCookieJar(policy, thirdParty).receive(setCookie, `${SHOP_ORIGIN}/`, T0, context);
  return result.ok ? 'stored' : result.reason;
}

const K = 'stored';
// Columns follow REQUESTS.
const MATRIX: [label: string, setCookie: string, policy: UnsetSameSitePolicy, thirdParty: ThirdPartyCookies, expected: (string | RegExp)[]][] = [
  ['SameSite=Strict', 'c=1; Path=/; Secure; SameSite=Strict', 'lax-by-default', 'allow', [K, K, K, K, /^SameSite=Strict: the answer to a cross-site fetch/, /^SameSite=Strict: the answer to a frame from another site/]],
  ['SameSite=Lax', 'c=1; Path=/; Secure; SameSite=Lax', 'lax-by-default', 'allow', [K, K, K, K, /^SameSite=Lax: .*may not set it/, /^SameSite=Lax: .*frame/]],
  ['SameSite=None', 'c=1; Path=/; Secure; SameSite=None', 'lax-by-default', 'allow', [K, K, K, K, K, K]],
  ['no SameSite, Lax-by-default', 'c=1; Path=/; Secure', 'lax-by-default', 'allow', [K, K, K, K, /^no SameSite, treated as Lax/, /^no SameSite, treated as Lax/]],
  ['no SameSite, legacy browser', 'c=1; Path=/; Secure', 'legacy-none', 'allow', [K, K, K, K, K, K]],
  ['SameSite=None, third-party cookies blocked', 'c=1; Path=/; Secure; SameSite=None', 'lax-by-default', 'block', [K, K, K, K, /^third-party cookies are blocked/, /^third-party cookies are blocked/]],
  ['no SameSite, legacy browser, third-party cookies blocked', 'c=1; Path=/; Secure', 'legacy-none', 'block', [K, K, K, K, /^third-party cookies are blocked/, /^third-party cookies are blocked/]],
  // As in Chromium, storage names the setting even where SameSite would refuse too.
  ['SameSite=Lax, third-party cookies blocked', 'c=1; Path=/; Secure; SameSite=Lax', 'lax-by-default', 'block', [K, K, K, K, /^third-party cookies are blocked/, /^third-party cookies are blocked/]],
];

describe('which answers may store a cookie', () => {
  for (const [label, setCookie, policy, thirdParty, expected] of MATRIX) {
    it.each(names.map((name, i) => [name, expected[i]!] as const))(`${label}, set by the answer to a %s → %s`, (name, outcome) => {
      const result = store(setCookie, name, policy, thirdParty);
      if (typeof outcome === 'string') expect(result).toBe(outcome);
      else expect(result).toMatch(outcome);
    });
  }

  it('a request sent with credentials omitted stores nothing, even same-origin and SameSite=None', () => {
    const jar = new SimCookieJar('lax-by-default');
    const result = jar.receive('c=1; Path=/; Secure; SameSite=None', `${SHOP_ORIGIN}/`, T0, { site: 'same-site', kind: 'fetch', credentials: 'omit' });
    expect(result).toMatchObject({ ok: false, name: 'c', reason: expect.stringContaining("credentials: 'omit'") });
    expect(jar.all(T0)).toEqual([]);
  });

  it('a cross-site fetch cannot delete a Lax cookie either (Max-Age=0 is a write)', () => {
    const jar = new SimCookieJar('lax-by-default');
    jar.receive('c=1; Path=/; Secure; SameSite=Lax', `${SHOP_ORIGIN}/`, T0);
    const result = jar.receive('c=; Path=/; Secure; SameSite=Lax; Max-Age=0', `${SHOP_ORIGIN}/`, T0, { site: 'cross-site', kind: 'fetch', credentials: 'include' });
    expect(result.ok).toBe(false);
    expect(jar.all(T0).map((c) => c.value)).toEqual(['1']);
  });
});

async function worldAnswering(setCookies: string[]) {
  const calls: Headers[] = [];
  const fake = (async (_input: string | URL | Request, init?: RequestInit) => {
    calls.push(new Headers(init?.headers));
    return new Response('{}', { headers: { 'content-type': 'application/json', [WIRE.setCookie]: encodeSetCookies(setCookies) } });
  }) as typeof fetch;
  return { world: await World.create({ fetch: fake }), calls };
}

describe('the iframe request kind', () => {
  it('a frame is a navigation of its own document: Sec-Fetch-Mode navigate, Sec-Fetch-Dest iframe, no Origin on GET, no CORS', async () => {
    const { world, calls } = await worldAnswering([]);
    const response = await world.send('alice', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'frame' });
    expect(response.status).toBe(200);
    const sent = calls[0]!;
    expect([sent.get('x-authlab-sec-fetch-site'), sent.get('x-authlab-sec-fetch-mode'), sent.get('x-authlab-sec-fetch-dest'), sent.get('x-authlab-origin')]).toEqual([
      'cross-site', 'navigate', 'iframe', null,
    ]);
    expect(world.trace.ofKind('exchange').at(-1)!.request.mode).toBe('frame');
  });

  it('CSRF-07: a cross-site frame carries neither Lax nor Strict cookies (it is not top-level), a same-site frame carries both', async () => {
    const { world, calls } = await worldAnswering([]);
    const jar = world.browser('alice').jar;
    jar.receive('lax=1; Path=/; Secure; SameSite=Lax', `${SHOP_ORIGIN}/`, world.clock.now());
    jar.receive('strict=1; Path=/; Secure; SameSite=Strict', `${SHOP_ORIGIN}/`, world.clock.now());
    jar.receive('none=1; Path=/; Secure; SameSite=None', `${SHOP_ORIGIN}/`, world.clock.now());
    await world.send('alice', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'frame' });
    await world.send('alice', { url: `${SHOP_ORIGIN}/`, initiator: SIBLING_ORIGIN, mode: 'frame' });
    expect(calls.map((c) => c.get('x-authlab-cookie'))).toEqual(['none=1', 'lax=1; strict=1; none=1']);
    const withheld = world.trace.ofKind('cookie').filter((e) => e.action === 'withheld').map((e) => `${e.name}: ${e.reason}`);
    expect(withheld).toEqual([expect.stringMatching(/^lax: SameSite=Lax: cross-site subrequests \(fetch, images, frames\)/), expect.stringMatching(/^strict: SameSite=Strict/)]);
  });

  it('the answer to a cross-site frame cannot set a Lax cookie, and the refusal is traced for that exchange', async () => {
    const { world } = await worldAnswering(['lax=1; Path=/; Secure; SameSite=Lax', 'none=1; Path=/; Secure; SameSite=None']);
    const response = await world.send('alice', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'frame' });
    expect(world.browser('alice').cookies().map((c) => c.name)).toEqual(['none']);
    const events = world.trace.causedBy(response.exchangeId).filter((e) => e.kind === 'cookie');
    expect(events).toMatchObject([
      { action: 'rejected', name: 'lax', reason: expect.stringMatching(/frame from another site/) },
      { action: 'stored', name: 'none' },
    ]);
  });
});

describe('the third-party cookie setting', () => {
  it('block: a SameSite=None cookie is neither sent nor stored by a cross-site fetch or frame, but rides a cross-site link', async () => {
    const { world, calls } = await worldAnswering(['fresh=1; Path=/; Secure; SameSite=None']);
    const browser = world.addBrowser('strict-user', { page: `${SHOP_ORIGIN}/`, thirdPartyCookies: 'block' });
    browser.jar.receive('none=1; Path=/; Secure; SameSite=None', `${SHOP_ORIGIN}/`, world.clock.now());
    await world.send('strict-user', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'fetch' });
    await world.send('strict-user', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'frame' });
    expect(calls.map((c) => c.get('x-authlab-cookie'))).toEqual([null, null]);
    expect(browser.cookies().map((c) => c.name)).toEqual(['none']);
    const reasons = world.trace.ofKind('cookie').map((e) => `${e.action} ${e.name}: ${e.reason ?? ''}`);
    expect(reasons.every((r) => r.includes('third-party cookies are blocked'))).toBe(true);
    expect(reasons).toHaveLength(4);

    await world.send('strict-user', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'navigate' });
    expect(calls[2]!.get('x-authlab-cookie')).toBe('none=1');
    expect(browser.cookies().map((c) => c.name).sort()).toEqual(['fresh', 'none']);
  });

  it('allow (the default): the same cross-site fetch carries and stores the SameSite=None cookie', async () => {
    const { world, calls } = await worldAnswering(['fresh=1; Path=/; Secure; SameSite=None']);
    world.browser('alice').jar.receive('none=1; Path=/; Secure; SameSite=None', `${SHOP_ORIGIN}/`, world.clock.now());
    await world.send('alice', { url: `${SHOP_ORIGIN}/`, initiator: EVIL_ORIGIN, mode: 'fetch' });
    expect(calls[0]!.get('x-authlab-cookie')).toBe('none=1');
    expect(world.browser('alice').cookies().map((c) => c.name).sort()).toEqual(['fresh', 'none']);
  });
});

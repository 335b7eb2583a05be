/**
 * Cookie *storage* honours the request that got the answer (RFC 6265bis
 * §5.6 steps 13–14 and §5.7, as Chromium implements them): a response to a
 * cross-site request that is not a top-level navigation may not set or
 * overwrite a SameSite=Lax/Strict cookie, and a response to a request sent
 * with credentials omitted stores nothing at all. Each refusal is traced as a
 * `rejected` cookie event whose reason names the rule. The sticky balancer's
 * pin must therefore be sent wherever the session cookie is: a request that
 * carries the session without the pin lands on a node that does not know it.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { EVIL_ORIGIN, SHOP_ORIGIN, SIBLING_ORIGIN } from '../../src/sim/config';
import type { TraceEvent } from '../../src/sim/trace';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';
const LB = '__Host-lb';

type CookieEvent = Extract<TraceEvent, { kind: 'cookie' }>;

function cookieValue(world: World, name: string, browser = 'alice'): string | undefined {
  return world.browser(browser).cookies().find((c) => c.name === name)?.value;
}

function rejectedIn(world: World, exchangeId: string): CookieEvent[] {
  return world.trace.causedBy(exchangeId).filter((e): e is CookieEvent => e.kind === 'cookie' && e.action === 'rejected');
}

describe('a cross-site fetch cannot set or overwrite SameSite=Lax cookies', () => {
  it('Mallory\'s fetch from evil.example neither re-pins Alice\'s sticky __Host-lb cookie nor logs her out (per-node sessions, 2 nodes)', async () => {
    const world = await shop.world({ authStyle: 'session', deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).node).toBe('node-1');
    expect(cookieValue(world, LB)).toBe('node-1');

    // Her Lax cookies stay home, so the balancer sees no pin, picks node-2 and answers with a new pin.
    const evil = await new Mallory(world).crossSiteFetch('alice', 'GET', '/me');
    expect(evil.node).toBe('node-2');
    expect(world.trace.ofKind('exchange').at(-1)!.response.headers).toContainEqual(['set-cookie', expect.stringMatching(/^__Host-lb=node-2; /)]);
    // The browser refuses it: the answer to a cross-site subrequest may not set a Lax cookie.
    expect(rejectedIn(world, evil.exchangeId)).toEqual([
      expect.objectContaining({ name: LB, reason: expect.stringMatching(/SameSite=Lax.*cross-site.*(fetch|subrequest)/i) }),
    ]);
    expect(cookieValue(world, LB)).toBe('node-1');

    const me = await alice.me();
    expect({ status: me.status, node: me.node }).toEqual({ status: 200, node: 'node-1' });
  });

  it('with CSRF tokens on, a cross-site fetch of /csrf plants no guest session in a signed-out Alice\'s jar', async () => {
    const world = await shop.world({ authStyle: 'session', session: { csrfTokens: true } });
    const evil = await new Mallory(world).crossSiteFetch('alice', 'GET', '/csrf');
    // The server did make a guest session and answered with its cookie…
    expect(world.trace.ofKind('exchange').at(-1)!.response.headers).toContainEqual(['set-cookie', expect.stringMatching(/^__Host-shop_sid=/)]);
    // …but the browser did not keep it.
    expect(cookieValue(world, HOST_SID)).toBeUndefined();
    expect(rejectedIn(world, evil.exchangeId).map((e) => e.name)).toEqual([HOST_SID]);
  });

  it('a signed-in Alice keeps her session when evil.example fetches /csrf (the guest cookie would have replaced hers)', async () => {
    const world = await shop.world({ authStyle: 'session', session: { csrfTokens: true } });
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).status).toBe(200);
    const before = cookieValue(world, HOST_SID);
    await new Mallory(world).crossSiteFetch('alice', 'GET', '/csrf');
    expect(cookieValue(world, HOST_SID)).toBe(before);
    expect((await alice.me()).status).toBe(200);
  });

  it('a cross-site top-level navigation may set a Lax cookie, and so may a same-site cross-origin fetch', async () => {
    const world = await shop.world({ authStyle: 'session', session: { csrfTokens: true } });
    await new Mallory(world).crossSiteLink('alice', '/csrf');
    expect(cookieValue(world, HOST_SID)).toBeDefined();

    const other = await shop.world({ authStyle: 'session', session: { csrfTokens: true } });
    await other.send('alice', { url: `${SHOP_ORIGIN}/csrf`, initiator: SIBLING_ORIGIN, mode: 'fetch' });
    expect(cookieValue(other, HOST_SID)).toBeDefined();
  });
});

describe('the balancer\'s sticky pin goes wherever the session cookie goes', () => {
  it('with a SameSite=None session cookie, the sticky pin is None too: Mallory\'s cross-site fetches carry both, reach Alice\'s node and log nobody out (per-node sessions, 2 nodes)', async () => {
    const world = await shop.world({ authStyle: 'session', session: { sameSite: 'None' }, deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    const alice = world.page('alice');
    const login = await alice.login('alice', 'wonderland');
    expect(login.node).toBe('node-1');
    // The balancer pins with the session cookie's SameSite, so whatever request carries the session carries the pin.
    expect(world.browser('alice').cookies().find((c) => c.name === LB)).toMatchObject({ value: 'node-1', sameSite: 'None', secure: true });
    const session = cookieValue(world, HOST_SID);

    const mallory = new Mallory(world);
    for (const path of ['/me', '/cart']) {
      const evil = await mallory.crossSiteFetch('alice', 'GET', path);
      const sent = world.trace.ofKind('exchange').find((e) => e.id === evil.exchangeId)!.request.headers.find(([name]) => name === 'cookie')?.[1];
      expect(sent).toContain(`${LB}=node-1`);
      expect(sent).toContain(`${HOST_SID}=${session}`);
      expect(evil.node).toBe('node-1');
    }
    expect(cookieValue(world, HOST_SID)).toBe(session);
    const me = await alice.me();
    expect({ status: me.status, node: me.node }).toEqual({ status: 200, node: 'node-1' });
  });

  it('with a session cookie without SameSite, in a browser that sends such cookies cross-site, the pin (None) rides along as well', async () => {
    const world = await shop.world({ authStyle: 'session', session: { sameSite: 'unset' }, deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    world.addBrowser('firefox', { unsetSameSite: 'legacy-none' });
    expect((await world.page('firefox').login('alice', 'wonderland')).node).toBe('node-1');
    const evil = await new Mallory(world).crossSiteFetch('firefox', 'GET', '/me');
    expect(evil.node).toBe('node-1');
    expect((await world.page('firefox').me()).status).toBe(200);
  });

  it('with a Strict session cookie the pin stays Lax: a cross-site link carries it, so its answer does not re-pin Alice to a node without her session', async () => {
    const world = await shop.world({ authStyle: 'session', session: { sameSite: 'Strict' }, deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    const alice = world.page('alice');
    expect((await alice.login('alice', 'wonderland')).node).toBe('node-1');
    expect(world.browser('alice').cookies().find((c) => c.name === LB)).toMatchObject({ value: 'node-1', sameSite: 'Lax' });
    // A top-level navigation's answer may set cookies, so a pin it did not carry would be replaced here.
    expect((await new Mallory(world).crossSiteLink('alice', '/')).node).toBe('node-1');
    expect(cookieValue(world, LB)).toBe('node-1');
    expect((await alice.me()).status).toBe(200);
  });
});

describe('credentials: \'omit\' stores nothing', () => {
  it('a response to a request sent with credentials omitted stores no cookie, and says why', async () => {
    const world = await shop.world({ authStyle: 'session', session: { csrfTokens: true } });
    const response = await world.send('alice', { url: `${SHOP_ORIGIN}/csrf`, initiator: SHOP_ORIGIN, credentials: 'omit' });
    expect(response.status).toBe(200);
    expect(header(response.headers, 'set-cookie')).toContainEqual(expect.stringMatching(/^__Host-shop_sid=/));
    expect(cookieValue(world, HOST_SID)).toBeUndefined();
    expect(rejectedIn(world, response.exchangeId)).toEqual([
      expect.objectContaining({ name: HOST_SID, reason: expect.stringMatching(/credentials.*omit/i) }),
    ]);
  });

  it('a login sent with credentials omitted succeeds on the server but leaves Alice signed out', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const login = await world.send('alice', { method: 'POST', url: `${SHOP_ORIGIN}/login`, body: { username: 'alice', password: 'wonderland' }, initiator: SHOP_ORIGIN, credentials: 'omit' });
    expect(login.status).toBe(200);
    const me = await world.page('alice').me();
    expect({ status: me.status, error: errorCode(me.body) }).toEqual({ status: 401, error: 'not_authenticated' });
  });

  it('a credentials-omitted fetch from evil.example cannot overwrite a SameSite=None cookie either', async () => {
    const world = await shop.world({ authStyle: 'session', session: { sameSite: 'None', csrfTokens: true } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const before = cookieValue(world, HOST_SID);
    await world.send('alice', { url: `${SHOP_ORIGIN}/csrf`, initiator: EVIL_ORIGIN, mode: 'fetch', credentials: 'omit' });
    expect(cookieValue(world, HOST_SID)).toBe(before);
  });
});

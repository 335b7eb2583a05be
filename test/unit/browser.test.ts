/**
 * The simulated browser against a recording fake fetch (no MSW, no shop):
 * the headers a real browser would add (Origin, Referer, Fetch Metadata,
 * Cookie) and how they are carried over the wire; Set-Cookie stored back.
 */
import { describe, expect, it } from 'vitest';
import { SHOP_ORIGIN, SIBLING_ORIGIN, EVIL_ORIGIN } from '../../src/sim/config';
import { WIRE, encodeSetCookies } from '../../src/sim/browser/wire';
import type { SimRequest } from '../../src/sim/browser/browser';
import { World } from '../../src/sim/world';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

async function setup(answer: { status?: number; headers?: Record<string, string>; body?: unknown; fail?: boolean } = {}) {
  const calls: Call[] = [];
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: init?.body as string | undefined });
    if (answer.fail) throw new TypeError('connection refused');
    return new Response(JSON.stringify(answer.body ?? { ok: true }), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  }) as typeof fetch;
  const world = await World.create({ fetch: fake });
  return { world, calls, send: (request: SimRequest, browser = 'alice') => world.send(browser, request) };
}

const wire = (call: Call | undefined, name: string) => call?.headers.get(name) ?? null;

describe('request headers a browser adds', () => {
  it('same-origin GET: Referer and Fetch Metadata, no Origin; world and exchange ids on the wire', async () => {
    const { world, calls, send } = await setup();
    const response = await send({ url: `${SHOP_ORIGIN}/me` });
    const [call] = calls;
    expect(call!.url).toBe(`${SHOP_ORIGIN}/me`);
    expect(wire(call, 'x-authlab-origin')).toBeNull();
    expect(wire(call, 'x-authlab-referer')).toBe(`${SHOP_ORIGIN}/`);
    expect(wire(call, 'x-authlab-sec-fetch-site')).toBe('same-origin');
    expect(wire(call, 'x-authlab-sec-fetch-mode')).toBe('cors');
    expect(wire(call, WIRE.world)).toBe(world.id);
    expect(wire(call, WIRE.exchange)).toBe(response.exchangeId);
    // The forbidden names never travel as themselves.
    expect(wire(call, 'sec-fetch-site')).toBeNull();
  });

  it('unsafe methods always carry Origin; the site relation is in Sec-Fetch-Site', async () => {
    const { calls, send } = await setup();
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, body: { sku: 'x' } });
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, initiator: SIBLING_ORIGIN, mode: 'navigate' });
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, initiator: EVIL_ORIGIN, mode: 'navigate' });
    expect(calls.map((c) => [wire(c, 'x-authlab-origin'), wire(c, 'x-authlab-sec-fetch-site'), wire(c, 'x-authlab-sec-fetch-mode')])).toEqual([
      [SHOP_ORIGIN, 'same-origin', 'cors'],
      [SIBLING_ORIGIN, 'same-site', 'navigate'],
      [EVIL_ORIGIN, 'cross-site', 'navigate'],
    ]);
  });

  it('the address bar ("user") sends no Origin or Referer and Sec-Fetch-Site: none', async () => {
    const { calls, send } = await setup();
    await send({ url: `${SHOP_ORIGIN}/me`, initiator: 'user', mode: 'navigate' });
    expect(wire(calls[0], 'x-authlab-origin')).toBeNull();
    expect(wire(calls[0], 'x-authlab-referer')).toBeNull();
    expect(wire(calls[0], 'x-authlab-sec-fetch-site')).toBe('none');
  });

  it('the initiator defaults to the current page', async () => {
    const { world, calls, send } = await setup();
    world.browser('alice').goTo(`${EVIL_ORIGIN}/prize`);
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart` });
    expect(wire(calls[0], 'x-authlab-origin')).toBe(EVIL_ORIGIN);
    expect(wire(calls[0], 'x-authlab-sec-fetch-site')).toBe('cross-site');
  });

  it('a plain-http URL travels as https with the virtual scheme marked, and is traced as plaintext', async () => {
    const { world, calls, send } = await setup();
    await send({ url: 'http://shop.example.com/me', initiator: 'user' });
    expect(calls[0]!.url).toBe(`${SHOP_ORIGIN}/me`);
    expect(wire(calls[0], WIRE.scheme)).toBe('http');
    expect(world.trace.ofKind('exchange').at(-1)).toMatchObject({ plaintext: true, request: { url: 'http://shop.example.com/me' } });
  });

  it('bodies: JSON for values, text/plain for strings unless told otherwise, none on GET', async () => {
    const { calls, send } = await setup();
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, body: { sku: 'tea', qty: 1 } });
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, body: 'sku=tea' });
    await send({ method: 'POST', url: `${SHOP_ORIGIN}/cart`, body: 'sku=tea', contentType: 'application/x-www-form-urlencoded' });
    await send({ method: 'GET', url: `${SHOP_ORIGIN}/cart`, body: { ignored: true } });
    expect(calls.map((c) => [c.body, c.headers.get('content-type')])).toEqual([
      ['{"sku":"tea","qty":1}', 'application/json'],
      ['sku=tea', 'text/plain'],
      ['sku=tea', 'application/x-www-form-urlencoded'],
      [undefined, null],
    ]);
  });
});

describe('cookies on the wire', () => {
  it('Set-Cookie arrives as the JSON wire header, is stored, and rides the next request as x-authlab-cookie', async () => {
    const { world, calls, send } = await setup({
      headers: { [WIRE.setCookie]: encodeSetCookies(['a=1; Path=/; Secure; SameSite=Lax', 'b=2; Path=/; Secure; HttpOnly; SameSite=Lax']), [WIRE.node]: 'node-7' },
    });
    const first = await send({ url: `${SHOP_ORIGIN}/login` });
    expect(first.node).toBe('node-7');
    expect(first.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v)).toHaveLength(2);
    // Control headers are not shown as response headers.
    expect(first.headers.some(([n]) => n.startsWith('x-authlab-'))).toBe(false);
    expect(world.browser('alice').cookies().map((c) => c.name).sort()).toEqual(['a', 'b']);
    await send({ url: `${SHOP_ORIGIN}/me` });
    expect(wire(calls[1], 'x-authlab-cookie')).toBe('a=1; b=2');
    expect(wire(calls[1], 'cookie')).toBeNull();
  });

  it('credentials: "omit" sends no cookies', async () => {
    const { world, calls, send } = await setup();
    world.browser('alice').jar.receive('a=1; Path=/; Secure', `${SHOP_ORIGIN}/`, world.clock.now());
    await send({ url: `${SHOP_ORIGIN}/me`, credentials: 'omit' });
    expect(wire(calls[0], 'x-authlab-cookie')).toBeNull();
  });

  it('a rejected Set-Cookie is traced with its reason and not stored', async () => {
    const { world, send } = await setup({ headers: { [WIRE.setCookie]: encodeSetCookies(['__Host-x=1; Secure; Path=/; Domain=example.com']) } });
    await send({ url: `${SHOP_ORIGIN}/login` });
    expect(world.browser('alice').cookies()).toEqual([]);
    expect(world.trace.ofKind('cookie').at(-1)).toMatchObject({ action: 'rejected', name: '__Host-x' });
  });
});

describe('failures', () => {
  it('a fetch that throws becomes status 0 with a network_error body', async () => {
    const { send } = await setup({ fail: true });
    const response = await send({ url: `${SHOP_ORIGIN}/me` });
    expect(response.status).toBe(0);
    expect(response.body).toMatchObject({ error: 'network_error' });
  });
});

describe('frames in the page', () => {
  it('a frame is requested as an iframe document of the page; its document.cookie is readable only when it has the page\'s origin', async () => {
    const { world, calls } = await setup();
    const alice = world.browser('alice');
    alice.jar.receive('blog=1; Secure', `${SIBLING_ORIGIN}/`, world.clock.now());
    await alice.openFrame(`${SIBLING_ORIGIN}/`);
    expect(wire(calls[0], 'x-authlab-sec-fetch-dest')).toBe('iframe');
    expect(wire(calls[0], 'x-authlab-sec-fetch-site')).toBe('same-site');
    // The same-origin policy: a script on shop.example.com may not touch blog.example.com's document.
    expect(() => alice.frameDocumentCookie()).toThrow(/same-origin policy/);
    await alice.openFrame(`${SHOP_ORIGIN}/app2/`);
    expect(alice.frameDocumentCookie()).toBe('');
  });

  it('time travel keeps the open frame with the page', async () => {
    const { world } = await setup();
    const alice = world.browser('alice');
    await alice.openFrame(`${SHOP_ORIGIN}/app2/`);
    const saved = alice.save();
    alice.goTo(`${SHOP_ORIGIN}/elsewhere`);
    alice.restore(saved);
    expect(alice.frame).toBe(`${SHOP_ORIGIN}/app2/`);
  });
});

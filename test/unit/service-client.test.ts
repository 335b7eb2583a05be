/**
 * A server-side service's HTTP client against a recording fake fetch (no
 * MSW, no shop): it sends what it is given and nothing a browser would add,
 * over the same wire encoding, and each request is an exchange in the trace
 * with the service as its client.
 */
import { describe, expect, it } from 'vitest';
import { PARTNER_ORIGIN, SHOP_ORIGIN } from '../../src/sim/config';
import { WIRE, encodeSetCookies } from '../../src/sim/browser/wire';
import { World } from '../../src/sim/world';

interface Call {
  url: string;
  headers: Headers;
  signal: AbortSignal | undefined;
}

async function setup(answer: { status?: number; fail?: Error } = {}) {
  const calls: Call[] = [];
  const fake = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers), signal: init?.signal ?? undefined });
    if (answer.fail) throw answer.fail;
    return new Response(JSON.stringify({ keys: [] }), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', [WIRE.node]: 'node-2', [WIRE.setCookie]: encodeSetCookies(['lb_node=node-2; Path=/']) },
    });
  }) as typeof fetch;
  const world = await World.create({ fetch: fake });
  return { world, calls, client: world.serviceClient('partner', PARTNER_ORIGIN) };
}

describe('a service sends only what it is given', () => {
  it('no Cookie, Origin, Referer or Fetch Metadata; its User-Agent under the wire prefix; the world and exchange ids', async () => {
    const { world, calls, client } = await setup();
    const response = await client.send({ url: `${SHOP_ORIGIN}/.well-known/jwks.json`, headers: [['Accept', 'application/json'], ['User-Agent', 'partner']] });
    const headers = [...calls[0]!.headers.keys()];
    expect(headers.sort()).toEqual(['accept', WIRE.exchange, 'x-authlab-user-agent', WIRE.world].sort());
    expect(calls[0]!.headers.get(WIRE.world)).toBe(world.id);
    expect(calls[0]!.headers.get(WIRE.exchange)).toBe(response.exchangeId);
    expect(response).toMatchObject({ status: 200, node: 'node-2', body: { keys: [] } });
  });

  it('the trace names the service as the client, its origin as the initiator, and real header names', async () => {
    const { world, client } = await setup();
    await client.send({ url: `${SHOP_ORIGIN}/.well-known/jwks.json`, headers: [['User-Agent', 'partner']] });
    const exchange = world.trace.ofKind('exchange').at(-1)!;
    expect(exchange).toMatchObject({ browser: 'partner', client: 'service', node: 'node-2', request: { method: 'GET', initiator: PARTNER_ORIGIN, mode: 'fetch', headers: [['user-agent', 'partner']] } });
    expect(exchange.response.headers).toContainEqual(['set-cookie', 'lb_node=node-2; Path=/']);
    // It keeps no cookies: nothing lands in any browser's jar.
    expect(world.trace.ofKind('cookie')).toEqual([]);
  });
});

describe('the fetch it lends a library', () => {
  it("answers a real Response the library can read, and passes the library's abort signal to the real fetch", async () => {
    const { calls, client } = await setup();
    const signal = AbortSignal.timeout(5000);
    const response = await client.fetch(`${SHOP_ORIGIN}/.well-known/jwks.json`, { method: 'GET', headers: new Headers({ accept: 'application/json' }), signal });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ keys: [] });
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(calls[0]!.signal).toBe(signal);
  });

  it('a request that never arrived rejects with fetch\'s own error, and shows in the trace as status 0', async () => {
    const timeout = new DOMException('The operation timed out.', 'TimeoutError');
    const { world, client } = await setup({ fail: timeout });
    await expect(client.fetch(`${SHOP_ORIGIN}/.well-known/jwks.json`)).rejects.toBe(timeout);
    expect(world.trace.ofKind('exchange').at(-1)).toMatchObject({ client: 'service', response: { status: 0, body: { error: 'network_error' } } });
    expect(await client.send({ url: `${SHOP_ORIGIN}/me` })).toMatchObject({ status: 0, body: { error: 'network_error' } });
  });
});

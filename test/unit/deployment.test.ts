/**
 * The deployment answered directly (no MSW, no browser): nodes, crashes,
 * the sticky cookie, per-node vs shared session stores (SCALE-01..03).
 */
import { describe, expect, it } from 'vitest';
import { SHOP_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import type { ShopRequest } from '../../src/sim/shop/http';
import { World } from '../../src/sim/world';

let serial = 0;
function request(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): ShopRequest {
  // Same-origin JSON, as the shop's own page sends it; tests override single headers.
  const json: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' };
  const all: Record<string, string> = { origin: SHOP_ORIGIN, 'sec-fetch-site': 'same-origin', ...json, ...headers };
  return { method, url: new URL(`${SHOP_ORIGIN}${path}`), headers: new Map(Object.entries(all)), body, exchangeId: `unit-${++serial}` };
}

const login = (cookie?: string) =>
  request('POST', '/login', cookie ? { cookie } : {}, { username: 'alice', password: 'wonderland' });

function sidFrom(setCookies: string[]): string {
  const match = /^__Host-shop_sid=([^;]+)/.exec(setCookies.find((c) => c.startsWith('__Host-shop_sid=')) ?? '');
  if (!match) throw new Error('no session cookie issued');
  return match[1]!;
}

const world = (config: ConfigPatch) => World.create({ config });

describe('Deployment', () => {
  it('starts with the configured number of nodes and grows, never shrinks, on configure', async () => {
    const w = await world({ deployment: { nodes: 2 } });
    expect(w.deployment.nodes.map((n) => n.id)).toEqual(['node-1', 'node-2']);
    await w.configure({ deployment: { nodes: 3 } });
    expect(w.deployment.nodes.map((n) => n.id)).toEqual(['node-1', 'node-2', 'node-3']);
    await w.configure({ deployment: { nodes: 1 } });
    expect(w.deployment.nodes).toHaveLength(3);
    expect(() => w.deployment.node('node-9')).toThrow(RangeError);
  });

  it('counts requests per node and says which node answered', async () => {
    const w = await world({ deployment: { nodes: 2, lbPolicy: 'round-robin' } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await w.handle(request('GET', '/cart'))).node);
    expect(answers).toEqual(['node-1', 'node-2', 'node-1']);
    expect(w.deployment.nodes.map((n) => n.counters.requests)).toEqual([2, 1]);
    expect(w.deployment.nodes.every((n) => n.inFlight === 0)).toBe(true);
  });

  it('answers 503 node_down when every node has crashed, and recovers on restart', async () => {
    const w = await world({ deployment: { nodes: 2 } });
    w.deployment.crash('node-1');
    w.deployment.crash('node-2');
    const down = await w.handle(request('GET', '/cart'));
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ error: 'node_down' });
    expect(down.node).toBeUndefined();
    w.deployment.restart('node-2');
    const up = await w.handle(request('GET', '/cart'));
    expect(up.status).toBe(200);
    expect(up.node).toBe('node-2');
    expect(w.trace.ofKind('deployment').map((e) => e.action)).toEqual(
      expect.arrayContaining(['node-crashed', 'node-crashed', 'node-restarted']),
    );
  });

  it('SCALE-01: per-node stores keep each session in the memory of the node that made it', async () => {
    const w = await world({ deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'round-robin' } });
    const answer = await w.handle(login());
    expect(answer.node).toBe('node-1');
    const sid = sidFrom(answer.setCookies);
    expect(w.deployment.node('node-1').memorySessions.get(sid)).toMatchObject({ userId: 'u-1001', createdOn: 'node-1' });
    expect(w.db.sessions.size).toBe(0);
    const me = await w.handle(request('GET', '/me', { cookie: `__Host-shop_sid=${sid}` }));
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ error: 'unknown_session' });
  });

  it('SCALE-02: the shared store is one table for every node and charges its round trip', async () => {
    const w = await world({ deployment: { nodes: 2, sessionStore: 'shared', sharedStoreLatencyMs: 7 } });
    const answer = await w.handle(login());
    const sid = sidFrom(answer.setCookies);
    expect(w.db.sessions.get(sid)).toMatchObject({ userId: 'u-1001' });
    const me = await w.handle(request('GET', '/me', { cookie: `__Host-shop_sid=${sid}` }));
    expect(me.node).toBe('node-2');
    expect(me.status).toBe(200);
    // Every shared-store operation of the request costs one 7 ms round trip.
    const trips = w.trace.causedBy('unit-' + serial).filter((e) => e.kind === 'store' && e.shared);
    expect(trips.filter((e) => e.kind === 'store' && e.store === 'session').length).toBeGreaterThanOrEqual(1);
    expect(me.serverMs).toBe(7 * trips.length);
  });

  it('SCALE-03: sticky: the first answer pins the browser with __Host-lb; a pinned request is not re-pinned', async () => {
    const w = await world({ deployment: { nodes: 2, lbPolicy: 'sticky' } });
    const first = await w.handle(request('GET', '/cart'));
    expect(first.setCookies).toContain(`__Host-lb=${first.node}; Path=/; Secure; HttpOnly; SameSite=Lax`);
    const pinned = await w.handle(request('GET', '/cart', { cookie: `__Host-lb=${first.node}` }));
    expect(pinned.node).toBe(first.node);
    expect(pinned.setCookies.some((c) => c.startsWith('__Host-lb='))).toBe(false);
  });

  it('SCALE-03: sticky + per-node: a crash of the pinned node loses the session and re-pins', async () => {
    const w = await world({ deployment: { nodes: 2, lbPolicy: 'sticky', sessionStore: 'per-node' } });
    const answer = await w.handle(login());
    const sid = sidFrom(answer.setCookies);
    const cookie = `__Host-shop_sid=${sid}; __Host-lb=${answer.node}`;
    expect((await w.handle(request('GET', '/me', { cookie }))).status).toBe(200);
    w.deployment.crash(answer.node!);
    expect(w.trace.ofKind('deployment').at(-1)).toMatchObject({ action: 'node-crashed', detail: '1 in-memory session(s) lost' });
    const after = await w.handle(request('GET', '/me', { cookie }));
    expect(after.node).not.toBe(answer.node);
    expect(after.status).toBe(401);
    expect(after.setCookies).toContain(`__Host-lb=${after.node}; Path=/; Secure; HttpOnly; SameSite=Lax`);
  });

  it('least-busy spreads requests evenly when they run one at a time', async () => {
    const w = await world({ deployment: { nodes: 3, lbPolicy: 'least-busy' } });
    for (let i = 0; i < 6; i++) await w.handle(request('GET', '/cart'));
    expect(w.deployment.nodes.map((n) => n.counters.requests)).toEqual([2, 2, 2]);
  });
});

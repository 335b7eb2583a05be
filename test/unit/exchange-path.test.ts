/**
 * The path of each exchange, read from the trace: which node answered, what
 * it touched and in which order, and the words the stage's caption uses.
 */
import { describe, expect, it } from 'vitest';
import { describePath, exchangePaths, groupEffects } from '../../src/ui/stage/exchange-path';
import { TraceBuilder } from './support/trace-builder';

describe('exchangePaths', () => {
  it("gives each exchange the store reads and signature checks it caused, and no other exchange's", () => {
    const t = new TraceBuilder()
      .exchange({ id: 'x1', method: 'POST', url: 'https://shop.example.com/login', store: [{ store: 'users', op: 'read', hit: true }, { store: 'session', op: 'write' }] })
      .note('between the two')
      .exchange({ id: 'x2', node: 'node-2', crypto: [{ op: 'verify' }], store: [{ store: 'denylist', op: 'read', hit: false }] });
    const [login, me] = exchangePaths(t.events);
    expect(login).toMatchObject({ id: 'x1', method: 'POST', path: '/login', node: 'node-1', status: 200 });
    expect(login!.effects.map((e) => (e.kind === 'store' ? `${e.store} ${e.op}` : e.op))).toEqual(['users read', 'session write']);
    expect(me).toMatchObject({ id: 'x2', node: 'node-2' });
    expect(me!.effects.map((e) => (e.kind === 'store' ? e.store : e.op))).toEqual(['denylist', 'verify']);
  });

  it('keeps the query string and the order of the trace', () => {
    const t = new TraceBuilder().exchange({ id: 'a', url: 'https://shop.example.com/cart?view=full' }).exchange({ id: 'b' });
    expect(exchangePaths(t.events).map((p) => `${p.id} ${p.path}`)).toEqual(['a /cart?view=full', 'b /me']);
  });
});

describe('describePath', () => {
  it('names the browser, the load balancer, the node, the shared store read and the status', () => {
    const t = new TraceBuilder().exchange({ id: 'x', node: 'node-2', store: [{ store: 'session', op: 'read', hit: true }] });
    expect(describePath(exchangePaths(t.events)[0]!)).toBe('GET /me: Alice → load balancer → node-2 → shared store (session read, hit) → 200');
  });

  it("says when a node looked in its own memory and missed (a per-node store on the wrong node)", () => {
    const t = new TraceBuilder().exchange({ id: 'x', node: 'node-2', status: 401, store: [{ store: 'session', op: 'read', hit: false, shared: false }] });
    expect(describePath(exchangePaths(t.events)[0]!)).toBe('GET /me: Alice → load balancer → node-2 → node-2 memory (session read, miss) → 401');
  });

  it('names a service by its host: the partner fetching the JWKS', () => {
    const t = new TraceBuilder().exchange({ id: 'x', browser: 'partner', service: { origin: 'https://partner.example' }, url: 'https://shop.example.com/.well-known/jwks.json' });
    const [path] = exchangePaths(t.events);
    expect(path).toMatchObject({ client: 'service', browser: 'partner', clientLabel: 'partner.example' });
    expect(describePath(path!)).toBe('GET /.well-known/jwks.json: partner.example → load balancer → node-1 → 200');
  });

  it('names a failed signature check with its error code', () => {
    const t = new TraceBuilder().exchange({ id: 'x', browser: 'mallory', status: 401, crypto: [{ op: 'verify', ok: false, code: 'bad_signature' }] });
    expect(describePath(exchangePaths(t.events)[0]!)).toBe('GET /me: Mallory → load balancer → node-1 → node-1 keys (verify ES256, failed: bad_signature) → 401');
  });

  it('stops at the load balancer when every node is down, and at the browser when fetch failed', () => {
    const t = new TraceBuilder().exchange({ id: 'down', node: null, status: 503 }).exchange({ id: 'net', node: null, status: 0 });
    const [down, net] = exchangePaths(t.events);
    expect(describePath(down!)).toBe('GET /me: Alice → load balancer → no live node → 503');
    expect(describePath(net!)).toBe('GET /me: Alice → network error, never reached the shop → 0');
  });
});

describe('groupEffects', () => {
  it('merges consecutive effects at one place and keeps separate visits apart', () => {
    const t = new TraceBuilder().exchange({
      id: 'x',
      store: [
        { store: 'users', op: 'read', hit: true },
        { store: 'session', op: 'read', hit: true },
        { store: 'session', op: 'write', shared: false },
        { store: 'carts', op: 'write' },
      ],
    });
    const groups = groupEffects(exchangePaths(t.events)[0]!.effects);
    expect(groups.map((g) => `${g.target}×${g.effects.length}`)).toEqual(['shared×2', 'memory×1', 'shared×1']);
  });
});

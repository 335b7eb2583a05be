/** The timeline's sequence diagram: lanes, one row per exchange with its arrows, and the window of rows drawn. */
import { describe, expect, it } from 'vitest';
import { exchangePaths } from '../../src/ui/stage/exchange-path';
import { MAX_EFFECTS, browserLane, nodeLane, sequenceLanes, serviceLane, sequenceLayout, visibleRows, type SequenceRow } from '../../src/ui/timeline/sequence-layout';
import { TraceBuilder } from './support/trace-builder';

const twoRequests = () =>
  new TraceBuilder()
    .exchange({ id: 'x1', method: 'POST', url: 'https://shop.example.com/login', store: [{ store: 'users', op: 'read', hit: true }, { store: 'session', op: 'write', shared: false }] })
    .exchange({ id: 'x2', node: 'node-2', status: 401, store: [{ store: 'session', op: 'read', hit: false, shared: false }] });

describe('sequenceLanes', () => {
  it('orders browsers that sent something, the load balancer, every node and the store', () => {
    const paths = exchangePaths(twoRequests().events);
    const lanes = sequenceLanes(['alice', 'admin', 'mallory'], ['node-1', 'node-2', 'node-3'], paths);
    expect(lanes.map((l) => l.label)).toEqual(['Alice', 'load balancer', 'node-1', 'node-2', 'node-3', 'shared store']);
    const xs = lanes.map((l) => l.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('gives a service that called the shop its own lane after the browsers, and draws its request from there', () => {
    const trace = twoRequests().exchange({ id: 'x3', browser: 'partner', service: { origin: 'https://partner.example' }, url: 'https://shop.example.com/.well-known/jwks.json' });
    const paths = exchangePaths(trace.events);
    const lanes = sequenceLanes(['alice', 'partner'], ['node-1', 'node-2'], paths);
    expect(lanes.map((l) => `${l.kind} ${l.label}`)).toEqual(['browser Alice', 'service Partner', 'lb load balancer', 'node node-1', 'node node-2', 'store shared store']);
    const row = sequenceLayout(paths, lanes).rows[2]!;
    const partnerX = lanes.find((l) => l.id === serviceLane('partner'))!.x;
    expect(row.arrows[0]).toMatchObject({ kind: 'request', x1: partnerX, x2: lanes.find((l) => l.id === nodeLane('node-1'))!.x, label: 'GET /.well-known/jwks.json' });
    expect(row.arrows.at(-1)).toMatchObject({ kind: 'response', x2: partnerX, label: '200' });
  });

  it('adds a lane for a node only the trace still names', () => {
    const paths = exchangePaths(new TraceBuilder().exchange({ id: 'x', node: 'node-4' }).events);
    expect(sequenceLanes(['alice'], ['node-1'], paths).map((l) => l.id)).toContain(nodeLane('node-4'));
  });
});

describe('sequenceLayout', () => {
  const paths = exchangePaths(twoRequests().events);
  const lanes = sequenceLanes(['alice'], ['node-1', 'node-2'], paths);
  const x = (id: string) => lanes.find((l) => l.id === id)!.x;
  const { rows, height } = sequenceLayout(paths, lanes);

  it('stacks one row per exchange, taller for more server work', () => {
    expect(rows.map((r) => r.path.id)).toEqual(['x1', 'x2']);
    expect(rows[1]!.top).toBe(rows[0]!.height);
    expect(height).toBe(rows[0]!.height + rows[1]!.height);
    expect(rows[0]!.height).toBeGreaterThan(rows[1]!.height);
  });

  it('draws the request to the answering node, its store work, and the response back, labelled', () => {
    const [login, me] = rows as [SequenceRow, SequenceRow];
    expect(login.arrows.map((a) => [a.kind, a.x1, a.x2, a.label])).toEqual([
      ['request', x(browserLane('alice')), x(nodeLane('node-1')), 'POST /login'],
      ['store', x(nodeLane('node-1')), x('store'), 'users read, hit'],
      ['memory', x(nodeLane('node-1')), x(nodeLane('node-1')), 'memory: session write'],
      ['response', x(nodeLane('node-1')), x(browserLane('alice')), '200'],
    ]);
    expect(me.arrows[0]).toMatchObject({ kind: 'request', x2: x(nodeLane('node-2')), label: 'GET /me' });
    expect(me.arrows.at(-1)).toMatchObject({ kind: 'response', label: '401', ok: false });
    const ys = login.arrows.map((a) => a.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(Math.max(...ys)).toBeLessThan(login.height);
  });

  it(`summarises more than ${MAX_EFFECTS} effects in one line`, () => {
    const many = new TraceBuilder().exchange({ id: 'x', store: Array.from({ length: MAX_EFFECTS + 3 }, () => ({ store: 'users' as const, op: 'read' as const, hit: true })) });
    const busy = exchangePaths(many.events);
    const [row] = sequenceLayout(busy, sequenceLanes(['alice'], ['node-1'], busy)).rows;
    expect(row!.arrows.filter((a) => a.kind === 'store')).toHaveLength(MAX_EFFECTS);
    expect(row!.arrows.find((a) => a.kind === 'more')?.label).toBe('+3 more (see the inspector)');
  });
});

describe('visibleRows', () => {
  // 2,000 rows of varied heights, as a long trace would give.
  const rows = Array.from({ length: 2000 }, (_, i) => ({ top: 0, height: 40 + (i % 5) * 16 }) as SequenceRow);
  rows.reduce((top, row) => ((row.top = top), top + row.height), 0);
  const brute = (from: number, to: number) => rows.flatMap((r, i) => (r.top + r.height > from && r.top < to ? [i] : []));

  it('returns exactly the rows overlapping the viewport plus overscan', () => {
    for (const scrollTop of [0, 1234, 40_000, 95_000]) {
      const { start, end } = visibleRows(rows, scrollTop, 600, 200);
      const expected = brute(scrollTop - 200, scrollTop + 800);
      expect({ start, end }).toEqual({ start: expected[0], end: expected.at(-1)! + 1 });
    }
  });

  it('draws a few dozen rows, not thousands', () => {
    const { start, end } = visibleRows(rows, 50_000, 700, 480);
    expect(end - start).toBeLessThan(60);
  });

  it('is empty past the end and for no rows', () => {
    const { start, end } = visibleRows(rows, 10_000_000, 600, 0);
    expect(end - start).toBe(0);
    expect(visibleRows([], 0, 600, 100)).toEqual({ start: 0, end: 0 });
  });
});

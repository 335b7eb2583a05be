/** The stage's geometry: a box per browser and node, nothing overlapping, and each request's round trip. */
import { describe, expect, it } from 'vitest';
import { exchangePaths } from '../../src/ui/stage/exchange-path';
import { leftOf, pathData, rightOf, routeOf, routePoints, stageLayout, type Box } from '../../src/ui/stage/stage-layout';
import { TraceBuilder } from './support/trace-builder';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('stageLayout', () => {
  it('draws one box per browser and per node, all inside the canvas and none overlapping', () => {
    const layout = stageLayout(['alice', 'admin', 'mallory'], ['node-1', 'node-2', 'node-3', 'node-4']);
    expect(layout.browsers.map((b) => b.id)).toEqual(['alice', 'admin', 'mallory']);
    expect(layout.nodes.map((n) => n.id)).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    const boxes = [...layout.browsers, layout.lb, ...layout.nodes, layout.store];
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.h).toBeLessThanOrEqual(layout.height);
    }
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
  });

  it('puts services (the partner) in the client column below the browsers, without overlap', () => {
    const layout = stageLayout(['alice', 'admin', 'mallory'], ['node-1'], ['partner']);
    expect(layout.services.map((s) => s.id)).toEqual(['partner']);
    const [partner] = layout.services;
    expect(partner!.x).toBe(layout.browsers[0]!.x);
    expect(partner!.y).toBeGreaterThan(layout.browsers.at(-1)!.y);
    const boxes = [...layout.browsers, ...layout.services, layout.lb, ...layout.nodes, layout.store];
    for (const box of boxes) expect(box.y + box.h).toBeLessThanOrEqual(layout.height);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
    expect(stageLayout(['alice', 'admin', 'mallory'], ['node-1']).services).toEqual([]);
  });

  it('grows taller as nodes are added', () => {
    expect(stageLayout(['alice'], ['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6']).height).toBeGreaterThan(stageLayout(['alice'], ['node-1']).height);
  });
});

describe('routePoints', () => {
  const layout = stageLayout(['alice', 'mallory'], ['node-1', 'node-2']);

  it('goes browser → load balancer → the answering node → the store once per visit, and back the same way', () => {
    const t = new TraceBuilder().exchange({
      id: 'x',
      browser: 'mallory',
      node: 'node-2',
      store: [{ store: 'session', op: 'read', hit: true }, { store: 'session', op: 'write', shared: false }, { store: 'users', op: 'read', hit: true }],
    });
    const route = routeOf(layout, exchangePaths(t.events)[0]!)!;
    expect(route).toMatchObject({ browser: { id: 'mallory' }, node: { id: 'node-2' }, reachedLb: true, storeVisits: 2 });
    const points = routePoints(layout, route);
    const mallory = layout.browsers[1]!;
    const node2 = layout.nodes[1]!;
    expect(points[0]).toEqual(rightOf(mallory));
    expect(points.at(-1)).toEqual(rightOf(mallory));
    expect(points).toContainEqual(leftOf(node2));
    expect(points.filter((p) => p.x === leftOf(layout.store).x && p.y === leftOf(layout.store).y)).toHaveLength(2);
    expect(points).not.toContainEqual(leftOf(layout.nodes[0]!));
  });

  it('turns back at the load balancer when no node answered', () => {
    const t = new TraceBuilder().exchange({ id: 'x', node: null, status: 503 });
    const points = routePoints(layout, routeOf(layout, exchangePaths(t.events)[0]!)!);
    expect(points).toEqual([rightOf(layout.browsers[0]!), leftOf(layout.lb), rightOf(layout.browsers[0]!)]);
  });

  it("starts a service's request at the service's box, through the load balancer to its node and back", () => {
    const withPartner = stageLayout(['alice', 'mallory'], ['node-1', 'node-2'], ['partner']);
    const t = new TraceBuilder().exchange({ id: 'x', browser: 'partner', service: { origin: 'https://partner.example' }, url: 'https://shop.example.com/.well-known/jwks.json', node: 'node-2' });
    const route = routeOf(withPartner, exchangePaths(t.events)[0]!)!;
    expect(route.browser).toBe(withPartner.services[0]);
    expect(routePoints(withPartner, route)).toEqual([
      rightOf(withPartner.services[0]!), leftOf(withPartner.lb), rightOf(withPartner.lb), leftOf(withPartner.nodes[1]!),
      leftOf(withPartner.nodes[1]!), rightOf(withPartner.lb), leftOf(withPartner.lb), rightOf(withPartner.services[0]!),
    ]);
    // A browser of the same name is not the service.
    expect(routeOf(stageLayout(['partner'], ['node-1', 'node-2']), exchangePaths(t.events)[0]!)).toBeUndefined();
  });

  it('has no route for a browser the layout does not show', () => {
    const t = new TraceBuilder().exchange({ id: 'x', browser: 'eve' });
    expect(routeOf(layout, exchangePaths(t.events)[0]!)).toBeUndefined();
  });
});

describe('pathData', () => {
  it('writes a move then lines, in whole pixels', () => {
    expect(pathData([{ x: 1.4, y: 2 }, { x: 10, y: 20.6 }])).toBe('M 1 2 L 10 21');
  });
});

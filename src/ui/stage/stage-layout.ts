/**
 * Where the stage draws each actor (browsers and services such as
 * partner.example, load balancer, nodes, shared store) and the line a
 * request travels between them. Computed from the
 * world's browser and node lists, never a fixed picture, so adding a node in
 * the sandbox or stepping back to fewer nodes redraws correctly.
 *
 * Pure geometry in CSS pixels; unit-tested in test/unit/stage-layout.test.ts.
 */
import { groupEffects, neverArrived, type ExchangePath } from './exchange-path';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StageLayout {
  width: number;
  height: number;
  browsers: Box[];
  /** Server-side services that call the shop, in the client column below the browsers. */
  services: Box[];
  lb: Box;
  nodes: Box[];
  store: Box;
}

const PAD = 16;
const COLUMNS = {
  browser: { x: PAD, w: 150, h: 58, gap: 14 },
  // Two lines more than a browser: what it holds to verify, and jose's view of its JWKS cache.
  service: { h: 88 },
  // Room between browsers and load balancer for the label of the request in focus.
  lb: { x: 300, w: 150, h: 62 },
  node: { x: 510, w: 220, h: 96, gap: 14 },
  store: { x: 790, w: 230, h: 112 },
};

type Stacked = readonly { id: string; h: number }[];

const stackHeight = (items: Stacked, gap: number) => items.reduce((sum, item) => sum + item.h, 0) + Math.max(0, items.length - 1) * gap;

/** Boxes of the given heights, one under another, centred in the content height. */
function stack(items: Stacked, column: { x: number; w: number; gap: number }, contentH: number): Box[] {
  let y = PAD + (contentH - stackHeight(items, column.gap)) / 2;
  return items.map(({ id, h }) => {
    const box = { id, x: column.x, y, w: column.w, h };
    y += h + column.gap;
    return box;
  });
}

export function stageLayout(browsers: readonly string[], nodes: readonly string[], services: readonly string[] = []): StageLayout {
  const clients = [...browsers.map((id) => ({ id, h: COLUMNS.browser.h })), ...services.map((id) => ({ id, h: COLUMNS.service.h }))];
  const nodeItems = nodes.map((id) => ({ id, h: COLUMNS.node.h }));
  const contentH = Math.max(stackHeight(clients, COLUMNS.browser.gap), stackHeight(nodeItems, COLUMNS.node.gap), COLUMNS.store.h, COLUMNS.lb.h);
  const centred = (column: { x: number; w: number; h: number }, id: string): Box => ({ id, x: column.x, y: PAD + (contentH - column.h) / 2, w: column.w, h: column.h });
  const clientBoxes = stack(clients, COLUMNS.browser, contentH);
  return {
    width: COLUMNS.store.x + COLUMNS.store.w + PAD,
    height: contentH + 2 * PAD,
    browsers: clientBoxes.slice(0, browsers.length),
    services: clientBoxes.slice(browsers.length),
    lb: centred(COLUMNS.lb, 'lb'),
    nodes: stack(nodeItems, COLUMNS.node, contentH),
    store: centred(COLUMNS.store, 'store'),
  };
}

export const leftOf = (b: Box): Point => ({ x: b.x, y: b.y + b.h / 2 });
export const rightOf = (b: Box): Point => ({ x: b.x + b.w, y: b.y + b.h / 2 });

/** The boxes a request passes, with the node's visits to the shared store. */
export interface Route {
  /** The client's box: a browser's, or a service's. */
  browser: Box;
  /** Absent when no node answered (every node down, or the request never left the browser). */
  node?: Box;
  reachedLb: boolean;
  /** How many separate trips to the shared store the node made. */
  storeVisits: number;
}

export function routeOf(layout: StageLayout, path: ExchangePath): Route | undefined {
  const browser = (path.client === 'service' ? layout.services : layout.browsers).find((b) => b.id === path.browser);
  if (!browser) return undefined;
  const node = path.node === undefined ? undefined : layout.nodes.find((n) => n.id === path.node);
  const storeVisits = groupEffects(path.effects).filter((g) => g.target === 'shared').length;
  return { browser, ...(node ? { node } : {}), reachedLb: !neverArrived(path), storeVisits };
}

/** The round trip as points: out to the node, to the store and back for each visit, home again. */
export function routePoints(layout: StageLayout, route: Route): Point[] {
  const start = rightOf(route.browser);
  if (!route.reachedLb) {
    // fetch failed in the browser: a short hop out and back.
    return [start, { x: (start.x + layout.lb.x) / 2, y: start.y }, start];
  }
  const out: Point[] = [start, leftOf(layout.lb)];
  if (!route.node) return [...out, start];
  out.push(rightOf(layout.lb), leftOf(route.node));
  const atNode: Point[] = [];
  for (let i = 0; i < route.storeVisits; i++) atNode.push(rightOf(route.node), leftOf(layout.store), rightOf(route.node));
  return [...out, ...atNode, ...[...out].reverse()];
}

/** An SVG / CSS `path()` string through the points. */
export function pathData(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${Math.round(p.x)} ${Math.round(p.y)}`).join(' ');
}

/**
 * Where the stage draws each actor (browsers, load balancer, nodes, shared
 * store) and the line a request travels between them. Computed from the
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
  lb: Box;
  nodes: Box[];
  store: Box;
}

const PAD = 16;
const COLUMNS = {
  browser: { x: PAD, w: 150, h: 58, gap: 14 },
  // Room between browsers and load balancer for the label of the request in focus.
  lb: { x: 300, w: 150, h: 62 },
  node: { x: 510, w: 220, h: 96, gap: 14 },
  store: { x: 790, w: 230, h: 112 },
};

function stack(ids: readonly string[], column: { x: number; w: number; h: number; gap: number }, contentH: number): Box[] {
  const total = ids.length * column.h + Math.max(0, ids.length - 1) * column.gap;
  const top = PAD + (contentH - total) / 2;
  return ids.map((id, i) => ({ id, x: column.x, y: top + i * (column.h + column.gap), w: column.w, h: column.h }));
}

const columnHeight = (count: number, column: { h: number; gap: number }) => count * column.h + Math.max(0, count - 1) * column.gap;

export function stageLayout(browsers: readonly string[], nodes: readonly string[]): StageLayout {
  const contentH = Math.max(columnHeight(browsers.length, COLUMNS.browser), columnHeight(nodes.length, COLUMNS.node), COLUMNS.store.h, COLUMNS.lb.h);
  const centred = (column: { x: number; w: number; h: number }, id: string): Box => ({ id, x: column.x, y: PAD + (contentH - column.h) / 2, w: column.w, h: column.h });
  return {
    width: COLUMNS.store.x + COLUMNS.store.w + PAD,
    height: contentH + 2 * PAD,
    browsers: stack(browsers, COLUMNS.browser, contentH),
    lb: centred(COLUMNS.lb, 'lb'),
    nodes: stack(nodes, COLUMNS.node, contentH),
    store: centred(COLUMNS.store, 'store'),
  };
}

export const leftOf = (b: Box): Point => ({ x: b.x, y: b.y + b.h / 2 });
export const rightOf = (b: Box): Point => ({ x: b.x + b.w, y: b.y + b.h / 2 });

/** The boxes a request passes, with the node's visits to the shared store. */
export interface Route {
  browser: Box;
  /** Absent when no node answered (every node down, or the request never left the browser). */
  node?: Box;
  reachedLb: boolean;
  /** How many separate trips to the shared store the node made. */
  storeVisits: number;
}

export function routeOf(layout: StageLayout, path: ExchangePath): Route | undefined {
  const browser = layout.browsers.find((b) => b.id === path.browser);
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

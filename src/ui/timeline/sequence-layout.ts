/**
 * The timeline as a sequence diagram: one lifeline (lane) per browser and per
 * service that called the shop (partner.example), the load balancer, each
 * node and the shared store; one row per exchange with
 * its request and response arrows and a small arrow for each store access
 * or signature operation it caused. Plus the window of rows worth drawing,
 * so a long trace stays fast (rows off screen keep their button, not their SVG).
 *
 * Pure geometry in CSS pixels; unit-tested in test/unit/sequence-layout.test.ts.
 */
import { actorName, describeEffect, neverArrived, targetOf, type ExchangePath } from '../stage/exchange-path';

export type LaneKind = 'browser' | 'service' | 'lb' | 'node' | 'store';

export interface Lane {
  id: string;
  kind: LaneKind;
  label: string;
  /** Centre of the lifeline. */
  x: number;
}

/** Left gutter for the virtual time; then one column per lane. */
export const GUTTER = 64;
export const LANE_W = 84;
export const HEADER_H = 26;
/** More effects than this in one exchange are summarised as "+N more". */
export const MAX_EFFECTS = 8;

const REQUEST_Y = 22;
// Room for a label above each small arrow without touching the one before.
const STEP_Y = 19;
const ROW_BOTTOM = 12;

export const browserLane = (name: string) => `browser:${name}`;
export const serviceLane = (name: string) => `service:${name}`;
/** The lane of the client that sent the exchange. */
export const clientLane = (path: Pick<ExchangePath, 'client' | 'browser'>) => (path.client === 'service' ? serviceLane(path.browser) : browserLane(path.browser));
export const nodeLane = (id: string) => `node:${id}`;

function unique(names: Iterable<string>): string[] {
  return [...new Set(names)];
}

/**
 * Lanes for every node the world has now and for the browsers that sent
 * something (in the world's order; an idle browser would only widen the
 * diagram), then the services that sent something, plus any node only the
 * trace still names, so every arrow has a lifeline to land on.
 */
export function sequenceLanes(browsers: readonly string[], nodes: readonly string[], paths: readonly ExchangePath[]): Lane[] {
  const active = new Set(paths.filter((p) => p.client === 'browser').map((p) => p.browser));
  const allBrowsers = unique([...browsers.filter((b) => active.has(b)), ...active]);
  const services = unique(paths.filter((p) => p.client === 'service').map((p) => p.browser));
  const allNodes = unique([...nodes, ...paths.flatMap((p) => [...(p.node ? [p.node] : []), ...p.effects.map((e) => e.node)])]);
  const specs: Omit<Lane, 'x'>[] = [
    ...allBrowsers.map((b) => ({ id: browserLane(b), kind: 'browser' as const, label: actorName(b) })),
    // "Partner", as browsers are "Alice": a lane is too narrow for a host name.
    ...services.map((name) => ({ id: serviceLane(name), kind: 'service' as const, label: actorName(name) })),
    { id: 'lb', kind: 'lb', label: 'load balancer' },
    ...allNodes.map((n) => ({ id: nodeLane(n), kind: 'node' as const, label: n })),
    { id: 'store', kind: 'store', label: 'shared store' },
  ];
  return specs.map((spec, i) => ({ ...spec, x: GUTTER + i * LANE_W + LANE_W / 2 }));
}

export const lanesWidth = (lanes: readonly Lane[]) => GUTTER + lanes.length * LANE_W;

export type ArrowKind = 'request' | 'response' | 'store' | 'memory' | 'crypto' | 'more';

/** A horizontal arrow from x1 to x2 at height y in its row; x1 === x2 is a self-call on that lifeline. */
export interface Arrow {
  kind: ArrowKind;
  x1: number;
  x2: number;
  y: number;
  label: string;
  /** For signature checks and responses: did it succeed? */
  ok?: boolean;
}

export interface SequenceRow {
  path: ExchangePath;
  top: number;
  height: number;
  arrows: Arrow[];
  /** The load balancer's lifeline, marked where the request passed it. */
  lbX?: number;
}

export interface SequenceLayout {
  rows: SequenceRow[];
  height: number;
  width: number;
}

function rowFor(path: ExchangePath, lanes: ReadonlyMap<string, Lane>, top: number): SequenceRow {
  // Lanes come from sequenceLanes(…, paths), which names every browser and node of the paths.
  const xOf = (id: string) => lanes.get(id)?.x ?? GUTTER;
  const browserX = xOf(clientLane(path));
  const lbX = xOf('lb');
  const storeX = xOf('store');
  const nodeX = path.node === undefined ? undefined : lanes.get(nodeLane(path.node))?.x;
  // Where the request ends: its node, else the load balancer, else (fetch failed) halfway there.
  const far = neverArrived(path) ? (browserX + lbX) / 2 : (nodeX ?? lbX);
  const arrows: Arrow[] = [{ kind: 'request', x1: browserX, x2: far, y: REQUEST_Y, label: `${path.method} ${path.path}` }];
  let y = REQUEST_Y;
  for (const effect of path.effects.slice(0, MAX_EFFECTS)) {
    y += STEP_Y;
    const at = lanes.get(nodeLane(effect.node))?.x ?? far;
    const target = targetOf(effect);
    const label = describeEffect(effect);
    if (target === 'shared') arrows.push({ kind: 'store', x1: at, x2: storeX, y, label });
    else if (target === 'memory') arrows.push({ kind: 'memory', x1: at, x2: at, y, label: `memory: ${label}` });
    else arrows.push({ kind: 'crypto', x1: at, x2: at, y, label, ok: effect.kind === 'crypto' && effect.ok });
  }
  const more = path.effects.length - MAX_EFFECTS;
  if (more > 0) {
    y += STEP_Y;
    arrows.push({ kind: 'more', x1: far, x2: far, y, label: `+${more} more (see the inspector)` });
  }
  y += STEP_Y;
  const ok = path.status >= 200 && path.status < 400;
  arrows.push({ kind: 'response', x1: far, x2: browserX, y, label: String(path.status), ok });
  return { path, top, height: y + ROW_BOTTOM, arrows, ...(neverArrived(path) ? {} : { lbX }) };
}

export function sequenceLayout(paths: readonly ExchangePath[], lanes: readonly Lane[]): SequenceLayout {
  const byId = new Map(lanes.map((l) => [l.id, l]));
  const rows: SequenceRow[] = [];
  let top = 0;
  for (const path of paths) {
    const row = rowFor(path, byId, top);
    rows.push(row);
    top += row.height;
  }
  return { rows, height: top, width: lanesWidth(lanes) };
}

/**
 * Rows [start, end) that overlap the viewport widened by `overscan` pixels
 * on each side. Rows are sorted by `top`, so two binary searches suffice.
 */
export function visibleRows(rows: readonly SequenceRow[], scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  const from = scrollTop - overscan;
  const to = scrollTop + viewport + overscan;
  const firstEndingAfter = (limit: number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const row = rows[mid]!;
      if (row.top + row.height <= limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const firstStartingAtOrAfter = (limit: number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.top < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { start: firstEndingAfter(from), end: firstStartingAtOrAfter(to) };
}

/**
 * The stage's picture: every browser, the services that call the shop (the
 * partner, with what it holds to verify), the load balancer, every node with
 * its counters, the shared store with its row counts, the links between them
 * and the routes of the requests in focus. Everything is read from the world.
 */
import type { SimNode } from '../../sim/deployment/node';
import { PARTNER_NAME } from '../../sim/deployment/partner-service';
import { PARTNER_ORIGIN } from '../../sim/config';
import type { World } from '../../sim/world';
import { actorName, targetOf, type ExchangePath } from './exchange-path';
import { partnerView } from './service-view';
import { leftOf, rightOf, routeOf, type Box, type Route, type StageLayout } from './stage-layout';

const LINE = 15;
const PARTNER_HOST = new URL(PARTNER_ORIGIN).host;

function Lines({ box, lines }: { box: Box; lines: { text: string; className?: string }[] }) {
  return (
    <text x={box.x + 10} y={box.y + 20}>
      {lines.map((line, i) => (
        <tspan key={i} x={box.x + 10} dy={i === 0 ? 0 : LINE} className={line.className}>
          {line.text}
        </tspan>
      ))}
    </text>
  );
}

function hostOf(page: string): string {
  try {
    return new URL(page).host;
  } catch {
    return page;
  }
}

function nodeLines(node: SimNode, focus: { memory: boolean; crypto: boolean } | undefined) {
  const c = node.counters;
  return [
    { text: `${node.id} · ${node.up ? 'up' : 'crashed'}`, className: 'title' },
    { text: `served ${c.requests} request${c.requests === 1 ? '' : 's'}` },
    { text: `memory: ${node.memorySessions.size} session${node.memorySessions.size === 1 ? '' : 's'}`, className: focus?.memory ? 'hot' : undefined },
    { text: `store reads ${c.storeReads} · writes ${c.storeWrites}` },
    { text: `sig checks ${c.signatureChecks} · signed ${c.signaturesIssued}`, className: focus?.crypto ? 'hot' : undefined },
  ];
}

/** An SVG line between two points, drawn faint or along the route in focus. */
function Link({ from, to, active }: { from: { x: number; y: number }; to: { x: number; y: number }; active: boolean }) {
  return <line className={active ? 'stage-link active' : 'stage-link'} x1={from.x} y1={from.y} x2={to.x} y2={to.y} markerEnd={active ? 'url(#stage-arrow)' : undefined} />;
}

export interface SceneProps {
  world: World;
  layout: StageLayout;
  focus: readonly ExchangePath[];
}

export function StageScene({ world, layout, focus }: SceneProps) {
  const routes = focus.map((p) => routeOf(layout, p)).filter((r): r is Route => r !== undefined);
  const activeBrowsers = new Set(routes.filter((r) => layout.browsers.includes(r.browser)).map((r) => r.browser.id));
  const activeNodes = new Set(routes.flatMap((r) => (r.node ? [r.node.id] : [])));
  const storeActive = routes.some((r) => r.storeVisits > 0);
  const nodeFocus = new Map<string, { memory: boolean; crypto: boolean }>();
  for (const path of focus) {
    if (!path.node) continue;
    const seen = nodeFocus.get(path.node) ?? { memory: false, crypto: false };
    for (const effect of path.effects) {
      if (targetOf(effect) === 'memory') seen.memory = true;
      if (targetOf(effect) === 'crypto') seen.crypto = true;
    }
    nodeFocus.set(path.node, seen);
  }
  const db = world.db;
  const { deployment, authStyle } = world.config;
  const last = focus.at(-1);
  const lastRoute = last ? routeOf(layout, last) : undefined;
  const nodeById = new Map(world.deployment.nodes.map((n) => [n.id, n]));

  return (
    <>
      <defs>
        <marker id="stage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="stage-arrowhead" />
        </marker>
      </defs>
      <g className="stage-links">
        {[...layout.browsers, ...layout.services].map((b) => (
          <Link key={b.id} from={rightOf(b)} to={leftOf(layout.lb)} active={routes.some((r) => r.browser === b && r.reachedLb)} />
        ))}
        {layout.nodes.map((n) => (
          <Link key={n.id} from={rightOf(layout.lb)} to={leftOf(n)} active={activeNodes.has(n.id)} />
        ))}
        {layout.nodes.map((n) => (
          <Link key={n.id} from={rightOf(n)} to={leftOf(layout.store)} active={routes.some((r) => r.node?.id === n.id && r.storeVisits > 0)} />
        ))}
      </g>
      {layout.browsers.map((b) => {
        const browser = world.browsers.get(b.id);
        const cookies = browser ? browser.cookies().length : 0;
        return (
          <g key={b.id} className={`stage-box browser${activeBrowsers.has(b.id) ? ' active' : ''}`} data-browser={b.id}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            <Lines
              box={b}
              lines={[
                { text: actorName(b.id), className: 'title' },
                { text: browser ? hostOf(browser.page) : '' },
                { text: `${cookies} cookie${cookies === 1 ? '' : 's'}` },
              ]}
            />
          </g>
        );
      })}
      {layout.services.map((b) => {
        const view = b.id === PARTNER_NAME && world.hasPartner ? partnerView(world.partner, PARTNER_HOST) : undefined;
        return (
          <g key={b.id} className={`stage-box service${routes.some((r) => r.browser === b) ? ' active' : ''}`} data-service={b.id}>
            {view && <title>{view.sentence}</title>}
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            <Lines box={b} lines={[{ text: `${actorName(b.id)} service`, className: 'title' }, { text: PARTNER_HOST }, ...(view?.lines ?? []).map((text) => ({ text }))]} />
          </g>
        );
      })}
      <g className={`stage-box lb${routes.some((r) => r.reachedLb) ? ' active' : ''}`}>
        <rect x={layout.lb.x} y={layout.lb.y} width={layout.lb.w} height={layout.lb.h} rx={8} />
        <Lines box={layout.lb} lines={[{ text: 'Load balancer', className: 'title' }, { text: deployment.lbPolicy }, { text: `${world.deployment.nodes.filter((n) => n.up).length} of ${world.deployment.nodes.length} nodes up` }]} />
      </g>
      {layout.nodes.map((b) => {
        const node = nodeById.get(b.id);
        if (!node) return null;
        return (
          <g key={b.id} className={`stage-box node${activeNodes.has(b.id) ? ' active' : ''}${node.up ? '' : ' down'}`} data-node={b.id}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={8} />
            <Lines box={b} lines={nodeLines(node, nodeFocus.get(b.id))} />
          </g>
        );
      })}
      <g className={`stage-box store${storeActive ? ' active' : ''}`}>
        <rect x={layout.store.x} y={layout.store.y} width={layout.store.w} height={layout.store.h} rx={8} />
        <Lines
          box={layout.store}
          lines={[
            { text: 'Shared store', className: 'title' },
            { text: `round trip ${deployment.sharedStoreLatencyMs} ms` },
            { text: `sessions: ${db.sessions.size}${deployment.sessionStore === 'per-node' ? ' (per-node mode)' : ''}` },
            { text: `denylist: ${db.denylist.size}${authStyle === 'jwt' ? (world.config.jwt.revocation === 'denylist' ? ' (on)' : ' (off)') : ''}` },
            { text: `refresh families: ${db.refreshFamilies.size}` },
            { text: `users: ${db.users.size}` },
          ]}
        />
      </g>
      {last && lastRoute && (
        <text className={`stage-status s${String(last.status)[0]}`} x={rightOf(lastRoute.browser).x + 8} y={rightOf(lastRoute.browser).y - 8}>
          {last.method} {last.path.length > 14 ? `${last.path.slice(0, 13)}…` : last.path} → {last.status}
        </text>
      )}
    </>
  );
}

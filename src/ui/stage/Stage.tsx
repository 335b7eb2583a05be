/**
 * The stage: the simulated world drawn as actors (browsers, services such as
 * partner.example, load balancer, nodes, shared store), with the request(s) of the step on screen travelling
 * along their path. A dot moves unless the learner prefers reduced motion;
 * the path is highlighted either way, and a caption says it in words.
 */
import { useMemo } from 'react';
import { useLab } from '../../app/lab-store';
import { useWorldVersion } from '../../app/use-world';
import type { World } from '../../sim/world';
import { stageFocus, stepStart, type StageFocus } from './current-step';
import { PARTNER_ORIGIN } from '../../sim/config';
import { PARTNER_NAME } from '../../sim/deployment/partner-service';
import { actorName, describePath, exchangePaths, type ExchangePath } from './exchange-path';
import { partnerView } from './service-view';
import { pathData, routeOf, routePoints, stageLayout, type StageLayout } from './stage-layout';
import { StageScene } from './StageScene';
import './stage.css';

/** Seconds one request takes to travel its path; requests of one step go one after another. */
const TRAVEL_S = 1.6;

const HEADINGS: Record<StageFocus['reason'], (shown: number, total: number) => string> = {
  selected: () => 'Path of the selected request',
  step: (shown, total) =>
    total === 1 ? "Path of this step's request" : shown < total ? `Paths of the last ${shown} of this step's ${total} requests, in order` : `Paths of this step's ${total} requests, in order`,
  earlier: () => 'This step sent no request. Path of the last one',
  none: () => 'No requests yet',
};

function summary(world: World, services: readonly string[]): string {
  const nodes = world.deployment.nodes.map((n) => `${n.id} ${n.up ? 'up' : 'crashed'}`).join(', ');
  const browsers = [...world.browsers.keys()].map(actorName).join(', ');
  const partner = services.includes(PARTNER_NAME) && world.hasPartner ? ` ${partnerView(world.partner, new URL(PARTNER_ORIGIN).host).sentence}` : '';
  return `Browsers ${browsers}; load balancer (${world.config.deployment.lbPolicy}); ${nodes}; shared store with ${world.db.sessions.size} session rows.${partner}`;
}

/** The services to draw: the partner once provisioned, and any service the trace shows calling the shop. */
function servicesOf(world: World, paths: readonly ExchangePath[]): string[] {
  const names = new Set(paths.filter((p) => p.client === 'service').map((p) => p.browser));
  if (world.hasPartner) names.add(PARTNER_NAME);
  return [...names];
}

function Packets({ layout, focus, stepKey }: { layout: StageLayout; focus: StageFocus; stepKey: string }) {
  return focus.paths.map((path, i) => {
    const route = routeOf(layout, path);
    if (!route) return null;
    return (
      <span
        key={`${stepKey}:${path.id}`}
        className="packet"
        aria-hidden="true"
        style={{ offsetPath: `path('${pathData(routePoints(layout, route))}')`, animationDelay: `${i * TRAVEL_S}s`, animationDuration: `${TRAVEL_S}s` }}
      />
    );
  });
}

export function Stage({ world }: { world: World }) {
  const history = useLab((s) => s.history);
  const selected = useLab((s) => s.selectedExchange);
  useLab((s) => s.steps);
  const version = useWorldVersion(world);
  // The world is mutable: its version, not its identity, says when the trace changed.
  const paths = useMemo(() => exchangePaths(world.trace.all()), [world, version]);
  const since = history ? stepStart(history.steps.map((s) => s.world.traceLength), history.index, world.trace.length) : 0;
  const focus = stageFocus(paths, selected, since);
  const services = servicesOf(world, paths);
  const layout = stageLayout([...world.browsers.keys()], world.deployment.nodes.map((n) => n.id), services);
  const stepKey = `${history?.index ?? 0}`;
  const headingId = 'stage-path-title';
  return (
    <section className="pane stage" aria-labelledby="stage-title">
      <h2 id="stage-title">Stage: where each request goes</h2>
      {/* Focusable so a keyboard can scroll it when the stage is wider than its column (e.g. beside a lesson). */}
      <div className="stage-scroll" tabIndex={0} role="region" aria-label="Stage drawing">
        <div className="stage-canvas" style={{ width: layout.width, height: layout.height }}>
          <svg role="img" aria-label={summary(world, services)} width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`}>
            <StageScene world={world} layout={layout} focus={focus.paths} />
          </svg>
          <Packets layout={layout} focus={focus} stepKey={stepKey} />
        </div>
      </div>
      <div className="stage-caption" aria-live="polite">
        <h3 id={headingId}>{HEADINGS[focus.reason](focus.paths.length, focus.total)}</h3>
        {focus.paths.length > 0 && (
          <ol aria-labelledby={headingId}>
            {focus.paths.map((path) => (
              <li key={path.id}>{describePath(path)}</li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

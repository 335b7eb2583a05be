/**
 * A flow machine drawn from its own definition: the current state and the
 * last transition highlighted, the events that are possible now as buttons,
 * and a text version of the same chart for screen readers.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { FlowRunner } from '../../machines/flow-runner';
import type { GraphEdge } from '../../machines/machine-graph';
import { layoutGraph, type EdgePath } from './layout';

/** What each event does on the wire, for the buttons. */
const EVENT_HINTS: Record<string, string> = {
  LOG_IN: 'log in as Alice',
  CALL_ME: 'GET /me',
  VIEW_CART: 'GET /cart',
  ADD_TO_CART: 'POST /cart',
  SAVE_SETTINGS: 'PUT /settings',
  REFRESH: 'POST /refresh',
  LOG_OUT: 'POST /logout',
};

export const eventButtonName = (event: string) => (EVENT_HINTS[event] ? `${event} — ${EVENT_HINTS[event]}` : event);

function pathOf(edge: EdgePath): string {
  return edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

const short = (id: string) => id.slice(id.indexOf('.') + 1);

export function StateDiagram({ runner, onSend }: { runner: FlowRunner; onSend(event: string): void }) {
  useSyncExternalStore(runner.subscribe, runner.getVersion);
  const { graph } = runner;
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const current = runner.currentStateId();
  const enabled = runner.enabledEvents();
  const last = runner.last;
  const isLast = (e: GraphEdge) => !!last && e.source === last.source && e.target === last.target && e.eventType === last.eventType;
  const userEvents = [...new Set(graph.edges.filter((e) => e.external).map((e) => e.eventType))];
  const initial = graph.nodes.find((n) => n.initial);
  const initialBox = initial ? layout.nodes.get(initial.id) : undefined;

  return (
    <div className="diagram">
      <svg
        viewBox={`0 ${initialBox ? -18 : 0} ${layout.width} ${layout.height + (initialBox ? 18 : 0)}`}
        role="img"
        aria-label={`State diagram of ${graph.id}; current state ${short(current)}`}
        className="diagram-svg"
      >
        <defs>
          <marker id={`arrow-${graph.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
          </marker>
        </defs>
        {initialBox && (
          <g className="initial-marker">
            <circle cx={initialBox.x} cy={initialBox.y - initialBox.height / 2 - 14} r={4} />
            <line x1={initialBox.x} y1={initialBox.y - initialBox.height / 2 - 10} x2={initialBox.x} y2={initialBox.y - initialBox.height / 2} markerEnd={`url(#arrow-${graph.id})`} />
          </g>
        )}
        {layout.paths.map((path) => {
          const edges = graph.edges.filter((e) => path.edgeIds.includes(e.id));
          const internal = edges.every((e) => !e.external);
          return (
            <g key={path.edgeIds.join()} className={`edge${edges.some(isLast) ? ' last' : ''}${internal ? ' internal' : ''}`} data-edge={path.label}>
              <path d={pathOf(path)} markerEnd={`url(#arrow-${graph.id})`} />
              <text x={path.labelX} y={path.labelY} textAnchor="middle" dominantBaseline="middle">
                {path.label}
              </text>
            </g>
          );
        })}
        {graph.nodes.map((node) => {
          const box = layout.nodes.get(node.id);
          if (!box) return null;
          const active = node.id === current;
          return (
            <g key={node.id} className={`node${active ? ' current' : ''}`} data-state={node.key}>
              <rect x={box.x - box.width / 2} y={box.y - box.height / 2} width={box.width} height={box.height} rx={10} />
              <text x={box.x} y={box.y - (node.invokes.length ? 6 : 0)} textAnchor="middle" dominantBaseline="middle" className="node-name">
                {node.key}
              </text>
              {node.invokes.map((actor) => (
                <text key={actor} x={box.x} y={box.y + 12} textAnchor="middle" dominantBaseline="middle" className="node-invoke">
                  invoke {actor}
                </text>
              ))}
            </g>
          );
        })}
      </svg>
      <div className="buttons" role="group" aria-label="Alice's actions">
        {userEvents.map((event) => {
          const possible = enabled.has(event);
          return (
            <button
              key={event}
              type="button"
              disabled={!possible}
              title={possible ? EVENT_HINTS[event] : `${event} is not possible in state ${short(current)}`}
              onClick={() => onSend(event)}
            >
              {eventButtonName(event)}
            </button>
          );
        })}
      </div>
      <ol className="state-list" aria-label={`States of ${graph.id}`}>
        {graph.nodes.map((node) => {
          const out = graph.edges.filter((e) => e.source === node.id);
          return (
            <li key={node.id} aria-current={node.id === current ? 'step' : undefined}>
              <strong>{node.key}</strong>
              {node.id === current && ' (current)'}
              {node.invokes.length > 0 && ` — invokes ${node.invokes.join(', ')}`}
              {out.length > 0 && `; ${out.map((e) => `${e.label} → ${short(e.target)}`).join('; ')}`}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

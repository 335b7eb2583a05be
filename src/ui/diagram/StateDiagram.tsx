/**
 * A flow machine drawn from its own definition: the current state and the
 * last transition highlighted, the events that are possible now as buttons,
 * and a text version of the same chart for screen readers.
 */
import { useSyncExternalStore } from 'react';
import type { FlowRunner } from '../../machines/flow-runner';
import type { GraphEdge } from '../../machines/machine-graph';
import { MachineChart, short } from './MachineChart';

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

export function StateDiagram({ runner, onSend }: { runner: FlowRunner; onSend(event: string): void }) {
  useSyncExternalStore(runner.subscribe, runner.getVersion);
  const { graph } = runner;
  const current = runner.currentStateId();
  const enabled = runner.enabledEvents();
  const isLast = (e: GraphEdge) => runner.isLastEdge(e);
  const userEvents = [...new Set(graph.edges.filter((e) => e.external).map((e) => e.eventType))];

  return (
    <div className="diagram">
      <MachineChart graph={graph} current={current} isLast={isLast} />
      <div className="buttons" role="group" aria-label="Alice's actions" aria-describedby={`blocked-${graph.id}`}>
        {userEvents.map((event) => {
          const possible = enabled.has(event);
          return (
            <button
              key={event}
              type="button"
              disabled={!possible}
              title={possible ? EVENT_HINTS[event] : runner.blockedReason(event)}
              onClick={() => onSend(event)}
            >
              {eventButtonName(event)}
            </button>
          );
        })}
      </div>
      {/* Disabled buttons cannot be focused, so their reasons are written out too. */}
      <ul className="blocked" id={`blocked-${graph.id}`} aria-label="Why some actions are unavailable">
        {userEvents
          .filter((event) => !enabled.has(event))
          .map((event) => (
            <li key={event}>{runner.blockedReason(event)}</li>
          ))}
      </ul>
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

/**
 * The server's credential lifecycles, drawn from the machines it consults,
 * with the verdict of the latest request (or of the selected exchange)
 * highlighted: which rule let a credential through or ended it.
 */
import { memo } from 'react';
import { useLab } from '../../app/lab-store';
import { graphOf } from '../../machines/flow-runner';
import { LIFECYCLES, type LifecycleEntry } from '../../machines/lifecycles';
import type { GraphEdge } from '../../machines/machine-graph';
import type { TraceEvent } from '../../sim/trace';
import type { World } from '../../sim/world';
import { MachineChart } from '../diagram/MachineChart';
import { clockTime } from '../format';

type LifecycleEvent = Extract<TraceEvent, { kind: 'lifecycle' }>;

/** The verdict to show: the newest one of the selected exchange, else the newest of all. */
function verdictFor(world: World, entry: LifecycleEntry, selected: string | null): LifecycleEvent | undefined {
  const all = world.trace.ofKind('lifecycle').filter((e) => e.machine === entry.id);
  const ofSelected = selected ? all.filter((e) => e.exchangeId === selected) : [];
  return (ofSelected.length > 0 ? ofSelected : all).at(-1);
}

function describe(v: LifecycleEvent): string {
  const rule = v.guard ? `${v.event} [${v.guard}]` : v.event;
  const outcome = v.from === v.to ? `stays ${v.to}` : `${v.from} → ${v.to}`;
  return `${v.subject}…: ${rule}, ${outcome}, on ${v.node} at ${clockTime(v.at)}`;
}

/** Memoised: trace events never change, so a chart re-renders only when its verdict does. */
const Lifecycle = memo(function Lifecycle({ entry, verdict }: { entry: LifecycleEntry; verdict: LifecycleEvent | undefined }) {
  const graph = graphOf(entry.machine);
  const source = verdict && `${entry.id}.${verdict.from}`;
  const target = verdict && `${entry.id}.${verdict.to}`;
  const isLast = (e: GraphEdge) => !!verdict && e.source === source && e.target === target && e.eventType === verdict.event && e.guard === verdict.guard;
  const headingId = `lifecycle-${entry.id}`;
  return (
    <section className="lifecycle" aria-labelledby={headingId}>
      <h3 id={headingId}>{entry.title}</h3>
      <MachineChart graph={graph} {...(target ? { current: target } : {})} isLast={isLast} direction="LR" />
      <p className="verdict" aria-live="polite">
        {verdict ? `Last verdict: ${describe(verdict)}` : 'No verdict yet: nothing has asked this machine.'}
      </p>
      <ul className="state-list" aria-label={`Rules of ${graph.id}`}>
        {graph.edges.map((e) => (
          <li key={e.id}>
            {e.source.slice(entry.id.length + 1)} — {e.label} → {e.target.slice(entry.id.length + 1)}
          </li>
        ))}
      </ul>
    </section>
  );
});

export function LifecyclePanel({ world }: { world: World }) {
  const selected = useLab((s) => s.selectedExchange);
  const entries = LIFECYCLES.filter((l) => l.style === world.config.authStyle);
  return (
    <div className="lifecycle-grid">
      {entries.map((entry) => (
        <Lifecycle key={entry.id} entry={entry} verdict={verdictFor(world, entry, selected)} />
      ))}
    </div>
  );
}

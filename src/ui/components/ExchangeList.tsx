/**
 * Every HTTP exchange in order, drawn as a sequence diagram (lifelines for
 * the browsers, load balancer, nodes and shared store). Each exchange is a
 * button in a list, named as before ("POST /login → 200 from node-1 alice at
 * 09:00:00"), so keyboard and screen-reader use are unchanged; choose one to
 * inspect it.
 *
 * Long traces: every exchange keeps its (cheap) list item and button, but
 * only rows near the scrolled viewport draw their SVG, so a trace of
 * thousands of exchanges renders as a few dozen drawings.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLab } from '../../app/lab-store';
import { useWorldVersion } from '../../app/use-world';
import type { World } from '../../sim/world';
import { stepStart } from '../stage/current-step';
import { exchangePaths } from '../stage/exchange-path';
import { HEADER_H, sequenceLanes, sequenceLayout, visibleRows } from '../timeline/sequence-layout';
import { SequenceMarkers } from '../timeline/SequenceRow';
import { TimelineRow } from '../timeline/TimelineRow';
import '../timeline/timeline.css';

/** Pixels drawn above and below the viewport, so scrolling rarely shows an empty row. */
const OVERSCAN = 480;

export function ExchangeList({ world }: { world: World }) {
  const { selectedExchange, select, history } = useLab();
  const version = useWorldVersion(world);
  // Joined into strings so the memos below key on the names, not on fresh arrays.
  const browsers = [...world.browsers.keys()].join('\n');
  const nodes = world.deployment.nodes.map((n) => n.id).join('\n');
  // The world is mutable: its version, not its identity, says when the trace changed.
  const paths = useMemo(() => exchangePaths(world.trace.all()), [world, version]);
  const lanes = useMemo(() => sequenceLanes(browsers.split('\n'), nodes.split('\n'), paths), [browsers, nodes, paths]);
  const layout = useMemo(() => sequenceLayout(paths, lanes), [paths, lanes]);
  const lanesKey = lanes.map((l) => l.id).join(' ');
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const seen = useRef(0);
  const empty = paths.length === 0;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [empty]);

  // Follow the newest exchange as the learner acts, unless they picked an older one.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && selectedExchange === null && paths.length > seen.current) el.scrollTop = el.scrollHeight;
    seen.current = paths.length;
  }, [paths.length, selectedExchange]);

  if (empty) return <p className="empty">No requests yet. Log in as Alice to start.</p>;
  const shown = selectedExchange ?? paths.at(-1)?.id;
  const since = history ? stepStart(history.steps.map((s) => s.world.traceLength), history.index, world.trace.length) : 0;
  const { start, end } = visibleRows(layout.rows, view.top - HEADER_H, view.height, OVERSCAN);
  return (
    <div className="seq-scroll" ref={scroller} onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
      <div className="seq-inner" style={{ width: layout.width }}>
        <SequenceMarkers />
        <svg className="seq-header" aria-hidden="true" width={layout.width} height={HEADER_H}>
          {lanes.map((lane) => (
            <text key={lane.id} className={`seq-lane-name ${lane.kind}`} x={lane.x} y={17} textAnchor="middle">
              {lane.label}
            </text>
          ))}
        </svg>
        <ol className="exchange-list seq-list" aria-label="Exchanges, oldest first">
          {layout.rows.map((row, i) => (
            <TimelineRow
              key={row.path.id}
              row={row}
              lanes={lanes}
              lanesKey={lanesKey}
              width={layout.width}
              drawn={i >= start && i < end}
              selected={row.path.id === shown}
              inStep={row.path.seq > since}
              onSelect={select}
            />
          ))}
        </ol>
      </div>
    </div>
  );
}

/**
 * One exchange of the sequence diagram, drawn: the lifelines through its
 * row, the request and response arrows, and the small arrows for the store
 * accesses and signature operations it caused. Purely visual (aria-hidden):
 * the button around it carries the exchange's name.
 */
import { clockTime } from '../format';
import type { Arrow, Lane, SequenceRow } from './sequence-layout';

const SELF_W = 14;

function ArrowShape({ arrow, width }: { arrow: Arrow; width: number }) {
  const tone = arrow.ok === undefined ? '' : arrow.ok ? ' ok' : ' bad';
  const className = `seq-arrow ${arrow.kind}${tone}`;
  if (arrow.kind === 'more') {
    return (
      <text className="seq-label more" x={arrow.x1 + 6} y={arrow.y + 4}>
        {arrow.label}
      </text>
    );
  }
  if (arrow.x1 === arrow.x2) {
    // A call on the node's own lifeline: out, down, and back in. Labels of lanes on the right go left, to stay in view.
    const { x1: x, y } = arrow;
    const labelLeft = x > width * 0.6;
    return (
      <g className={className}>
        <path d={`M ${x} ${y - 5} h ${SELF_W} v 8 h ${-SELF_W + 3}`} markerEnd="url(#seq-head-small)" />
        <text className="seq-label" x={labelLeft ? x - 4 : x + SELF_W + 4} y={y + 3} textAnchor={labelLeft ? 'end' : 'start'}>
          {arrow.label}
        </text>
      </g>
    );
  }
  const leftward = arrow.x2 < arrow.x1;
  const labelX = arrow.kind === 'response' ? Math.min(arrow.x1, arrow.x2) + 8 : arrow.x1 + (leftward ? -6 : 6);
  return (
    <g className={className}>
      <line x1={arrow.x1} y1={arrow.y} x2={arrow.x2 + (leftward ? 3 : -3)} y2={arrow.y} markerEnd={arrow.kind === 'request' || arrow.kind === 'response' ? 'url(#seq-head)' : 'url(#seq-head-small)'} />
      <text className="seq-label" x={labelX} y={arrow.y - 4} textAnchor={leftward && arrow.kind !== 'response' ? 'end' : 'start'}>
        {arrow.label}
      </text>
    </g>
  );
}

export function SequenceRowSvg({ row, lanes, width }: { row: SequenceRow; lanes: readonly Lane[]; width: number }) {
  return (
    <svg className="seq-row" aria-hidden="true" width={width} height={row.height}>
      {lanes.map((lane) => (
        <line key={lane.id} className={`seq-lifeline ${lane.kind}`} x1={lane.x} y1={0} x2={lane.x} y2={row.height} />
      ))}
      <text className="seq-time" x={6} y={26}>
        {clockTime(row.path.at)}
      </text>
      {row.lbX !== undefined && <circle className="seq-pass" cx={row.lbX} cy={row.arrows[0]!.y} r={3.5} />}
      {row.arrows.map((arrow, i) => (
        <ArrowShape key={i} arrow={arrow} width={width} />
      ))}
    </svg>
  );
}

/** Arrowheads shared by every row (one definition, referenced by id). */
export function SequenceMarkers() {
  return (
    <svg className="seq-defs" aria-hidden="true" width={0} height={0}>
      <defs>
        <marker id="seq-head" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="seq-head" />
        </marker>
        <marker id="seq-head-small" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="seq-head small" />
        </marker>
      </defs>
    </svg>
  );
}

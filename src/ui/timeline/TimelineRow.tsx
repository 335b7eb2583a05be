/**
 * One exchange in the timeline list: a button named as the plain list named
 * it, holding the row's drawing while the row is near the viewport.
 * Memoised: a recorded exchange never changes, so a row re-renders only when
 * the lanes, its selection, its step or whether it is drawn change — a new
 * exchange at the bottom does not redraw the hundreds above it.
 */
import { memo } from 'react';
import { clockTime } from '../format';
import type { Lane, SequenceRow } from './sequence-layout';
import { SequenceRowSvg } from './SequenceRow';

export interface TimelineRowProps {
  row: SequenceRow;
  lanes: readonly Lane[];
  /** Changes whenever the lanes do; cheaper to compare than the lanes. */
  lanesKey: string;
  width: number;
  drawn: boolean;
  selected: boolean;
  inStep: boolean;
  onSelect(id: string): void;
}

function Row({ row, lanes, width, drawn, selected, inStep, onSelect }: TimelineRowProps) {
  const e = row.path;
  const classes = [selected ? 'selected' : '', inStep ? 'in-step' : ''].filter(Boolean).join(' ');
  return (
    <li style={{ height: row.height }}>
      <button type="button" className={classes || undefined} aria-pressed={selected} onClick={() => onSelect(e.id)}>
        {/* The name, as the plain list had it; spaces between the spans make it read as one phrase. */}
        <span className="visually-hidden">
          <span className="method">{e.method}</span> <span className="path">{e.path}</span>{' '}
          <span className="status">→ {e.status}</span> <span className="node">{e.node ? `from ${e.node}` : ''}</span>{' '}
          <span className="who">{e.browser}</span> <span className="time">at {clockTime(e.at)}</span>
        </span>
        {drawn && <SequenceRowSvg row={row} lanes={lanes} width={width} />}
      </button>
    </li>
  );
}

const same = (a: TimelineRowProps, b: TimelineRowProps) =>
  a.row.path.id === b.row.path.id &&
  a.row.height === b.row.height &&
  a.lanesKey === b.lanesKey &&
  a.width === b.width &&
  a.drawn === b.drawn &&
  a.selected === b.selected &&
  a.inStep === b.inStep &&
  a.onSelect === b.onSelect;

export const TimelineRow = memo(Row, same);

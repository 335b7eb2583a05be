/**
 * A machine definition drawn as a chart: states laid out by dagre, edges
 * labelled `EVENT [guard]`, the current state and the last transition
 * highlighted. Purely presentational: the flow diagram adds buttons, the
 * lifecycle panel adds the server's last verdict.
 */
import { useMemo } from 'react';
import type { GraphEdge, MachineGraph } from '../../machines/machine-graph';
import { layoutGraph, type EdgePath } from './layout';

function pathOf(edge: EdgePath): string {
  return edge.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** `jwtFlow.refreshing` → `refreshing`. */
export const short = (id: string) => id.slice(id.indexOf('.') + 1);

export interface MachineChartProps {
  graph: MachineGraph;
  /** Full id of the highlighted state; none when nothing has happened yet. */
  current?: string;
  isLast(edge: GraphEdge): boolean;
  /** Words for the chart's accessible name. */
  label?: string;
  direction?: 'TB' | 'LR';
}

export function MachineChart({ graph, current, isLast, label, direction = 'TB' }: MachineChartProps) {
  const layout = useMemo(() => layoutGraph(graph, direction), [graph, direction]);
  const initial = graph.nodes.find((n) => n.initial);
  const initialBox = initial ? layout.nodes.get(initial.id) : undefined;
  // The initial marker sits before the initial state in the reading direction: above it, or to its left.
  const pad = initialBox ? 18 : 0;
  const across = direction === 'LR';
  const marker = initialBox && {
    dot: across ? { x: initialBox.x - initialBox.width / 2 - 14, y: initialBox.y } : { x: initialBox.x, y: initialBox.y - initialBox.height / 2 - 14 },
    from: across ? { x: initialBox.x - initialBox.width / 2 - 10, y: initialBox.y } : { x: initialBox.x, y: initialBox.y - initialBox.height / 2 - 10 },
    to: across ? { x: initialBox.x - initialBox.width / 2, y: initialBox.y } : { x: initialBox.x, y: initialBox.y - initialBox.height / 2 },
  };
  return (
    <svg
      viewBox={across ? `${-pad} 0 ${layout.width + pad} ${layout.height}` : `0 ${-pad} ${layout.width} ${layout.height + pad}`}
      role="img"
      aria-label={label ?? `State diagram of ${graph.id}${current ? `; current state ${short(current)}` : ''}`}
      className="diagram-svg"
    >
      <defs>
        <marker id={`arrow-${graph.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="arrowhead" />
        </marker>
      </defs>
      {marker && (
        <g className="initial-marker">
          <circle cx={marker.dot.x} cy={marker.dot.y} r={4} />
          <line x1={marker.from.x} y1={marker.from.y} x2={marker.to.x} y2={marker.to.y} markerEnd={`url(#arrow-${graph.id})`} />
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
  );
}

/**
 * Lays a machine graph out with dagre (flat charts, top to bottom). Pure:
 * graph in, coordinates out; the SVG component only draws them.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { MachineGraph } from '../../machines/machine-graph';

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgePath {
  /** The graph edges drawn as this one line (parallel edges share it). */
  edgeIds: string[];
  label: string;
  points: { x: number; y: number }[];
  labelX: number;
  labelY: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: Map<string, NodeBox>;
  /** One path per group of parallel edges. */
  paths: EdgePath[];
}

/** Parallel edges (same source, target and guard) are drawn once, their events listed together. */
function groupParallel(graph: MachineGraph): { key: string; source: string; target: string; edgeIds: string[]; label: string }[] {
  const groups = new Map<string, { key: string; source: string; target: string; edgeIds: string[]; events: string[]; guard?: string }>();
  for (const edge of graph.edges) {
    const key = `${edge.source}→${edge.target}[${edge.guard ?? ''}]`;
    const group = groups.get(key) ?? { key, source: edge.source, target: edge.target, edgeIds: [], events: [], ...(edge.guard ? { guard: edge.guard } : {}) };
    group.edgeIds.push(edge.id);
    group.events.push(edge.event);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, label: g.guard ? `${g.events.join(' | ')} [${g.guard}]` : g.events.join(' | ') }));
}

/** Approximate text width at the diagram's font size; dagre only needs room. */
const CHAR_WIDTH = 6.6;
const NODE_HEIGHT = 44;

const LOOP_HEIGHT = 22;

/**
 * A transition back to its own state, drawn as a loop over the box (under
 * it when there is no room above). dagre's own self-loop points trail off
 * sideways, which reads as an edge to nowhere.
 */
function selfLoop(box: NodeBox): Pick<EdgePath, 'points' | 'labelX' | 'labelY'> {
  const above = box.y - box.height / 2 - LOOP_HEIGHT - 14 >= 0;
  const edge = above ? box.y - box.height / 2 : box.y + box.height / 2;
  const peak = above ? edge - LOOP_HEIGHT : edge + LOOP_HEIGHT;
  const left = box.x - box.width / 4;
  const right = box.x + box.width / 4;
  return {
    points: [{ x: left, y: edge }, { x: left, y: peak }, { x: right, y: peak }, { x: right, y: edge }],
    labelX: box.x,
    labelY: above ? peak - 8 : peak + 8,
  };
}

/** `LR` suits machines that fan out from one state into many endings (the lifecycles). */
export function layoutGraph(graph: MachineGraph, direction: 'TB' | 'LR' = 'TB'): DiagramLayout {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 28, edgesep: 12, ranksep: 46, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    const text = Math.max(node.key.length, ...node.invokes.map((i) => i.length + 8));
    g.setNode(node.id, { width: Math.max(96, text * CHAR_WIDTH + 24), height: node.invokes.length ? NODE_HEIGHT + 8 : NODE_HEIGHT });
  }
  const groups = groupParallel(graph);
  for (const group of groups) {
    g.setEdge(group.source, group.target, { width: group.label.length * 6 + 8, height: 14, labelpos: 'c' }, group.key);
  }
  layout(g);
  const nodes = new Map<string, NodeBox>();
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    nodes.set(node.id, { id: node.id, x: laid.x ?? 0, y: laid.y ?? 0, width: laid.width, height: laid.height });
  }
  const paths = groups.map((group) => {
    const box = nodes.get(group.source);
    if (group.source === group.target && box) return { edgeIds: group.edgeIds, label: group.label, ...selfLoop(box) };
    const laid = g.edge({ v: group.source, w: group.target, name: group.key });
    return { edgeIds: group.edgeIds, label: group.label, points: laid.points ?? [], labelX: laid.x ?? 0, labelY: laid.y ?? 0 };
  });
  const size = g.graph();
  return { width: size.width ?? 400, height: size.height ?? 300, nodes, paths };
}

/**
 * A machine definition as nodes and labelled edges, for drawing it. Built
 * from xstate/graph, so the diagram is derived from the code that runs and
 * cannot drift from it. Edge labels read `EVENT [guard]`; an invoke's done
 * edge reads `logIn done [succeeded]`.
 */
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
// Shared with the server's lifecycle consultations, so trace and diagram name guards alike.
import { guardName } from '../sim/lifecycle/guard-name';

export interface GraphNode {
  /** Full id, e.g. `jwtFlow.refreshing`. */
  id: string;
  /** The state's own name, e.g. `refreshing`. */
  key: string;
  /** Parent state id for nested states; undefined at the top. */
  parent?: string;
  /** Named actor invoked while in this state. */
  invokes: string[];
  initial: boolean;
  final: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The event type as XState sees it. */
  eventType: string;
  /** What a learner reads: `CALL_ME`, `callApi done`. */
  event: string;
  guard?: string;
  label: string;
  /** True for events a user (or the learner) sends, false for done/error/always. */
  external: boolean;
}

export interface MachineGraph {
  id: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const DONE = /^xstate\.done\.actor\.(.+)$/;
const ERROR = /^xstate\.error\.actor\.(.+)$/;

export function eventLabel(eventType: string): { event: string; external: boolean } {
  const done = DONE.exec(eventType);
  if (done) return { event: `${done[1]} done`, external: false };
  const error = ERROR.exec(eventType);
  if (error) return { event: `${error[1]} failed`, external: false };
  if (eventType === '' || eventType.startsWith('xstate.')) return { event: 'always', external: false };
  return { event: eventType, external: true };
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const visit = (node: DirectedGraphNode, parent?: string) => {
    const state = node.stateNode;
    if (state.parent) {
      nodes.push({
        id: node.id,
        key: state.key,
        ...(parent ? { parent } : {}),
        invokes: state.invoke.map((i) => (typeof i.src === 'string' ? i.src : i.id)),
        initial: state.parent.initial?.target.some((t) => t.id === state.id) ?? false,
        final: state.type === 'final',
      });
    }
    node.edges.forEach((edge, index) => {
      const eventType = edge.label.text;
      const { event, external } = eventLabel(eventType);
      const guard = guardName(edge.transition.guard);
      edges.push({
        id: `${edge.source.id}→${edge.target.id}#${index}`,
        source: edge.source.id,
        target: edge.target.id,
        eventType,
        event,
        ...(guard ? { guard } : {}),
        label: guard ? `${event} [${guard}]` : event,
        external,
      });
    });
    for (const child of node.children) visit(child, state.parent ? node.id : undefined);
  };
  visit(toDirectedGraph(machine));
  return { id: machine.id, nodes, edges };
}

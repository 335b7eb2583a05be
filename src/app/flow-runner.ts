/**
 * Runs Alice's client flow machine for the world on screen and remembers
 * the last transition taken, from XState's own inspection events, so the
 * diagram can highlight exactly the edge that fired (done edges included).
 */
import { createActor, type Actor, type AnyStateMachine, type InspectionEvent } from 'xstate';
import { jwtFlowMachine } from '../machines/jwt-flow.machine';
import { machineGraph, type MachineGraph } from '../machines/machine-graph';
import { sessionFlowMachine } from '../machines/session-flow.machine';
import type { AuthStyle } from '../sim/config';
import type { ShopPage } from '../sim/browser/shop-page';

export const FLOW_MACHINES: Readonly<Record<AuthStyle, AnyStateMachine>> = {
  session: sessionFlowMachine,
  jwt: jwtFlowMachine,
};

export interface LastTransition {
  source: string;
  target: string;
  eventType: string;
}

/** The graph of each machine, computed once. */
const graphs = new Map<AnyStateMachine, MachineGraph>();
export function graphOf(machine: AnyStateMachine): MachineGraph {
  let graph = graphs.get(machine);
  if (!graph) {
    graph = machineGraph(machine);
    graphs.set(machine, graph);
  }
  return graph;
}

export class FlowRunner {
  readonly machine: AnyStateMachine;
  readonly graph: MachineGraph;
  readonly actor: Actor<AnyStateMachine>;
  last: LastTransition | null = null;
  readonly #listeners = new Set<() => void>();
  #version = 0;

  constructor(style: AuthStyle, page: ShopPage) {
    this.machine = FLOW_MACHINES[style];
    this.graph = graphOf(this.machine);
    this.actor = createActor(this.machine, { input: { page }, inspect: (event) => this.#inspect(event) });
    this.actor.subscribe(() => this.#changed());
    this.actor.start();
  }

  send(type: string): void {
    this.actor.send({ type });
  }

  /** Event types the learner may send now; the rest of the machine's events are blocked. */
  enabledEvents(): Set<string> {
    const snapshot = this.actor.getSnapshot();
    return new Set(this.graph.edges.filter((e) => e.external && snapshot.can({ type: e.eventType })).map((e) => e.eventType));
  }

  /** The id of the current (atomic) state, e.g. `jwtFlow.refreshing`. */
  currentStateId(): string {
    const snapshot = this.actor.getSnapshot();
    return `${this.machine.id}.${String(snapshot.value)}`;
  }

  stop(): void {
    this.actor.stop();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = (): number => this.#version;

  #inspect(event: InspectionEvent): void {
    if (event.type !== '@xstate.microstep' || event.actorRef !== this.actor) return;
    const transition = event._transitions.at(-1);
    const target = transition?.target?.[0];
    if (transition && target) this.last = { source: transition.source.id, target: target.id, eventType: transition.eventType };
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}

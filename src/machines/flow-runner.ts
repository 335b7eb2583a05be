/**
 * Runs Alice's client flow machine for the world on screen and remembers
 * the last transition taken, from XState's own inspection events, so the
 * diagram can highlight exactly the edge that fired (done edges included).
 */
import { createActor, waitFor, type Actor, type AnyStateMachine, type InspectionEvent } from 'xstate';
import { jwtFlowMachine } from './jwt-flow.machine';
import { machineGraph, type GraphEdge, type MachineGraph } from './machine-graph';
import { guardName } from '../sim/lifecycle/guard-name';
import { sessionFlowMachine } from './session-flow.machine';
import type { AuthStyle } from '../sim/config';
import type { ShopPage } from '../sim/browser/shop-page';

export const FLOW_MACHINES: Readonly<Record<AuthStyle, AnyStateMachine>> = {
  session: sessionFlowMachine,
  jwt: jwtFlowMachine,
};

/** A resting moment of the flow, enough to recreate it (the page object is not part of it). */
export interface FlowSnapshot {
  value: string;
  context: Record<string, unknown>;
  last: LastTransition | null;
}

export interface LastTransition {
  source: string;
  target: string;
  eventType: string;
  /** Its guard as the diagram names it: two edges can share source, target and event (`[nowAGuest]`, `[sessionRejected]`). */
  guard?: string;
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
  actor: Actor<AnyStateMachine>;
  readonly #page: ShopPage;
  last: LastTransition | null = null;
  readonly #listeners = new Set<() => void>();
  #version = 0;

  constructor(style: AuthStyle, page: ShopPage) {
    this.machine = FLOW_MACHINES[style];
    this.graph = graphOf(this.machine);
    this.#page = page;
    this.actor = this.#start();
  }

  #start(snapshot?: FlowSnapshot): Actor<AnyStateMachine> {
    const restored = snapshot && this.machine.resolveState({ value: snapshot.value, context: { ...snapshot.context, page: this.#page } });
    const actor = createActor(this.machine, {
      input: { page: this.#page },
      inspect: (event) => this.#inspect(event),
      ...(restored ? { snapshot: restored } : {}),
    });
    actor.subscribe(() => this.#changed());
    actor.start();
    return actor;
  }

  /** True while no request is in flight: the moments that can be recorded and returned to. */
  isResting(): boolean {
    return Object.keys(this.actor.getSnapshot().children).length === 0;
  }

  /** Resolves when the flow has finished what the last event started. */
  async settled(): Promise<void> {
    await waitFor(this.actor, () => this.isResting());
  }

  snapshot(): FlowSnapshot {
    const { value, context } = this.actor.getSnapshot();
    // The page is a live object of the world, not state: it is put back on restore.
    const rest: Record<string, unknown> = { ...(context as Record<string, unknown>) };
    delete rest.page;
    return { value: String(value), context: structuredClone(rest), last: this.last };
  }

  /** Time travel: replaces the running actor with one at the recorded moment (the old one runs on if that fails). */
  restore(snapshot: FlowSnapshot): void {
    const actor = this.#start(snapshot);
    this.actor.stop();
    this.actor = actor;
    this.last = snapshot.last;
    this.#changed();
  }

  send(type: string): void {
    this.actor.send({ type });
  }

  /** Event types the learner may send now; the rest of the machine's events are blocked. */
  enabledEvents(): Set<string> {
    const snapshot = this.actor.getSnapshot();
    return new Set(this.graph.edges.filter((e) => e.external && snapshot.can({ type: e.eventType })).map((e) => e.eventType));
  }

  /**
   * Why an event cannot be sent now, in words, or undefined when it can:
   * either no transition of the current state handles it, or every one that
   * does has a guard that is false.
   */
  blockedReason(event: string): string | undefined {
    if (this.actor.getSnapshot().can({ type: event })) return undefined;
    const current = this.currentStateId();
    const state = current.slice(current.indexOf('.') + 1);
    const handling = this.graph.edges.filter((e) => e.eventType === event);
    const here = handling.filter((e) => current === e.source || current.startsWith(`${e.source}.`));
    if (here.length === 0) {
      const where = [...new Set(handling.map((e) => e.source.slice(e.source.indexOf('.') + 1)))];
      return `${event} is not possible in ${state}; only in ${where.join(', ')}`;
    }
    const guards = here.map((e) => `[${e.guard ?? 'guard'}]`);
    return `${event} is blocked in ${state}: ${guards.join(' and ')} ${guards.length > 1 ? 'are' : 'is'} false`;
  }

  /** The id of the current (atomic) state, e.g. `jwtFlow.refreshing`. */
  currentStateId(): string {
    const snapshot = this.actor.getSnapshot();
    return `${this.machine.id}.${String(snapshot.value)}`;
  }

  /** Whether `edge` is the transition taken last: exactly one edge of the diagram, or none yet. */
  isLastEdge(edge: GraphEdge): boolean {
    const last = this.last;
    return !!last && edge.source === last.source && edge.target === last.target && edge.eventType === last.eventType && edge.guard === last.guard;
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
    if (!transition || !target) return;
    const guard = guardName(transition.guard);
    this.last = { source: transition.source.id, target: target.id, eventType: transition.eventType, ...(guard ? { guard } : {}) };
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}

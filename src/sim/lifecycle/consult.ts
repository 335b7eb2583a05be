/**
 * How the server asks a lifecycle machine for a verdict: rebuild the
 * credential's snapshot from what the store holds, apply one event with
 * xstate's pure `transition`, and trace which edge was taken, so the
 * lifecycle diagram can highlight it. No actor runs and nothing is kept in
 * memory between requests: the store row is the state.
 */
import { transition, type AnyStateMachine, type EventFromLogic, type SnapshotFrom, type StateValue } from 'xstate';
import type { RequestContext } from '../deployment/request-context';
import { sessionHandle } from '../shop/session-handle';
import { guardName } from './guard-name';

export type LifecycleMachineId = 'session' | 'accessToken' | 'refreshFamily';

export interface Verdict<M extends AnyStateMachine> {
  from: string;
  to: string;
  next: SnapshotFrom<M>;
  /** The guard of the transition taken, if it had one. */
  guard?: string;
}

/**
 * How the trace names the credential a verdict is about. A session id is a
 * bearer credential, so it is named by its handle (a hash, session-handle.ts),
 * never by any part of it; a token's `jti` and a refresh family's id are no
 * credentials (anyone holding the token reads them), so their first 8
 * characters are shown, matching the decoded token and the server's stores.
 */
export function subjectOf(machine: LifecycleMachineId, id: string): string {
  return machine === 'session' ? sessionHandle(id) : id.slice(0, 8);
}

/**
 * The verdict the machine would give, without recording it: for a server
 * that must know whether a costly lookup could still change the outcome.
 */
export function peek<M extends AnyStateMachine>(machine: M, state: StateValue, context: unknown, event: EventFromLogic<M>): Verdict<M> {
  const snapshot = machine.resolveState({ value: state, context }) as SnapshotFrom<M>;
  const taken = machine.getTransitionData(snapshot as never, event)[0];
  const [next] = transition(machine, snapshot, event);
  const guard = guardName(taken?.guard);
  return { from: String(state), to: String((next as { value: StateValue }).value), next, ...(guard ? { guard } : {}) };
}

export function consult<M extends AnyStateMachine>(
  ctx: RequestContext,
  machine: M,
  subject: string,
  state: StateValue,
  context: unknown,
  event: EventFromLogic<M>,
): Verdict<M> {
  const verdict = peek(machine, state, context, event);
  ctx.world.trace.record({
    kind: 'lifecycle',
    exchangeId: ctx.exchangeId,
    node: ctx.node.id,
    machine: machine.id as LifecycleMachineId,
    subject: subjectOf(machine.id as LifecycleMachineId, subject),
    event: event.type,
    from: verdict.from,
    to: verdict.to,
    ...(verdict.guard ? { guard: verdict.guard } : {}),
  });
  return verdict;
}

/**
 * The life of one server-side session, as the server decides it. The shop
 * consults this machine on every request that presents a session id and on
 * every event that ends one (logout, revoke, login), so the diagram a learner
 * sees is the rule the server applies: nothing else decides whether a
 * session is still good.
 *
 * A stored row is always `active`; the row is deleted the moment the machine
 * reaches a final state, so a replayed id finds nothing (SESS-07).
 */
import { assign, setup } from 'xstate';

export interface SessionLifecycleContext {
  createdAt: number;
  lastSeenAt: number;
  /** The user's session epoch when the session was bound to them (0 for a guest). */
  boundEpoch: number;
}

/** What the server knows about the session's user at the moment of the request. */
export interface SessionAccount {
  epoch: number;
  disabled: boolean;
}

export type SessionLifecycleEvent =
  | { type: 'USE'; now: number; idleTimeoutMs: number; absoluteTimeoutMs: number; account?: SessionAccount }
  | { type: 'LOG_OUT' }
  | { type: 'REVOKE' }
  | { type: 'REGENERATE' };

export type SessionLifecycleState = 'active' | 'idleExpired' | 'absoluteExpired' | 'loggedOut' | 'revoked' | 'regenerated';

type Use = Extract<SessionLifecycleEvent, { type: 'USE' }>;
const use = (event: SessionLifecycleEvent): Use | undefined => (event.type === 'USE' ? event : undefined);

export const sessionLifecycle = setup({
  types: {
    context: {} as SessionLifecycleContext,
    events: {} as SessionLifecycleEvent,
    input: {} as SessionLifecycleContext,
  },
  guards: {
    // Idle first: a session unused for the idle timeout ends even if its absolute lifetime has time left (SESS-05).
    idleTooLong: ({ context, event }) => {
      const e = use(event);
      return !!e && e.now - context.lastSeenAt > e.idleTimeoutMs;
    },
    pastAbsoluteLifetime: ({ context, event }) => {
      const e = use(event);
      return !!e && e.now - context.createdAt > e.absoluteTimeoutMs;
    },
    accountDisabled: ({ event }) => !!use(event)?.account?.disabled,
    // A password change or an admin revoke bumps the user's epoch; sessions bound earlier are over (SESS-08).
    boundBeforeRevoke: ({ context, event }) => {
      const account = use(event)?.account;
      return !!account && account.epoch !== context.boundEpoch;
    },
  },
  actions: {
    touch: assign({ lastSeenAt: ({ context, event }) => use(event)?.now ?? context.lastSeenAt }),
  },
}).createMachine({
  id: 'session',
  initial: 'active',
  context: ({ input }) => input,
  states: {
    active: {
      on: {
        USE: [
          { guard: 'idleTooLong', target: 'idleExpired' },
          { guard: 'pastAbsoluteLifetime', target: 'absoluteExpired' },
          { guard: 'accountDisabled', target: 'revoked' },
          { guard: 'boundBeforeRevoke', target: 'revoked' },
          { actions: 'touch' },
        ],
        LOG_OUT: { target: 'loggedOut' },
        REVOKE: { target: 'revoked' },
        // Login and password change replace the id: the old one must stop working (SESS-02).
        REGENERATE: { target: 'regenerated' },
      },
    },
    idleExpired: { type: 'final' },
    absoluteExpired: { type: 'final' },
    loggedOut: { type: 'final' },
    revoked: { type: 'final' },
    regenerated: { type: 'final' },
  },
});

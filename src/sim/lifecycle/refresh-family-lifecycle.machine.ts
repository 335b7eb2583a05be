/**
 * The life of one refresh-token family (one login on one device). Every
 * refresh presents the family's newest token and rotates it (REFRESH-01);
 * an older token coming back means someone replayed it, and the server
 * cannot tell Alice from the thief, so the family ends (REFRESH-02). Unused
 * for too long, or past its absolute lifetime, it expires (REFRESH-03).
 */
import { assign, setup } from 'xstate';

export interface RefreshFamilyContext {
  createdAt: number;
  lastUsedAt: number;
  rotations: number;
}

export type RefreshFamilyEvent =
  | { type: 'PRESENT'; now: number; idleTtlMs: number; absoluteTtlMs: number; isCurrentToken: boolean }
  /** Logout, password change or an admin revoke. */
  | { type: 'REVOKE' };

export type RefreshFamilyState = 'active' | 'rotated' | 'reuseDetected' | 'revoked' | 'expired';

type Present = Extract<RefreshFamilyEvent, { type: 'PRESENT' }>;
const present = (event: RefreshFamilyEvent): Present | undefined => (event.type === 'PRESENT' ? event : undefined);

const refreshFamilySetup = setup({
  types: {
    context: {} as RefreshFamilyContext,
    events: {} as RefreshFamilyEvent,
    input: {} as RefreshFamilyContext,
  },
  guards: {
    // Reuse is checked first: a replayed old token ends the family even if it is also stale.
    replayedOldToken: ({ event }) => present(event)?.isCurrentToken === false,
    pastAbsoluteLifetime: ({ context, event }) => {
      const e = present(event);
      return !!e && e.now - context.createdAt >= e.absoluteTtlMs;
    },
    unusedTooLong: ({ context, event }) => {
      const e = present(event);
      return !!e && e.now - context.lastUsedAt > e.idleTtlMs;
    },
  },
  actions: {
    rotate: assign({
      rotations: ({ context }) => context.rotations + 1,
      lastUsedAt: ({ context, event }) => present(event)?.now ?? context.lastUsedAt,
    }),
  },
});

/** A live family answers the same whether it has rotated yet or not; the two states only tell the learner which. */
const LIVE_FAMILY = {
  PRESENT: [
    { guard: 'replayedOldToken', target: 'reuseDetected' },
    { guard: 'pastAbsoluteLifetime', target: 'expired' },
    { guard: 'unusedTooLong', target: 'expired' },
    { target: 'rotated', actions: 'rotate' },
  ],
  REVOKE: { target: 'revoked' },
} as const;

export const refreshFamilyLifecycle = refreshFamilySetup.createMachine({
  id: 'refreshFamily',
  initial: 'active',
  context: ({ input }) => input,
  states: {
    active: {
      on: LIVE_FAMILY,
    },
    rotated: {
      on: LIVE_FAMILY,
    },
    // Reuse revokes every refresh token of the family at once (access tokens are not in it); nothing leaves these states.
    reuseDetected: { type: 'final' },
    revoked: { type: 'final' },
    expired: { type: 'final' },
  },
});

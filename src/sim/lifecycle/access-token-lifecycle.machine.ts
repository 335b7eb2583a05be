/**
 * The life of one access token at the server that checks it. The signature
 * and the registered claims are jose's job; once jose has vouched for the
 * bytes, this machine decides whether the token may still be used: expired
 * (jose said so), or denied by the revocation mode in force (REVOKE-01,
 * REVOKE-03). With revocation `none` no guard can deny it: the price of
 * checking nothing (misconception: "logout ends a JWT").
 *
 * Tokens are not stored, so each check starts from `valid`; the transition
 * is traced so the learner sees which rule ended which token.
 */
import { setup } from 'xstate';

export type AccessTokenLifecycleEvent =
  | {
      type: 'CHECK';
      /** jose rejected the token only because `exp` has passed. */
      expired: boolean;
      /** The token's `jti` is on the denylist (revocation `denylist`). */
      denylisted: boolean;
      /** Issued before the user's not-before time, or the account is disabled (revocation `not-before`). */
      issuedBeforeRevocation: boolean;
    };

export type AccessTokenLifecycleState = 'valid' | 'expired' | 'denied';

export const accessTokenLifecycle = setup({
  types: { events: {} as AccessTokenLifecycleEvent },
  guards: {
    pastExpiry: ({ event }) => event.expired,
    onDenylist: ({ event }) => event.denylisted,
    issuedBeforeRevocation: ({ event }) => event.issuedBeforeRevocation,
  },
}).createMachine({
  id: 'accessToken',
  initial: 'valid',
  states: {
    valid: {
      on: {
        CHECK: [
          { guard: 'pastExpiry', target: 'expired' },
          { guard: 'onDenylist', target: 'denied' },
          { guard: 'issuedBeforeRevocation', target: 'denied' },
          {},
        ],
      },
    },
    expired: { type: 'final' },
    denied: { type: 'final' },
  },
});

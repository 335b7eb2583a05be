/**
 * The life of one access token at the server that checks it. The verifier
 * (jose) vouches for the bytes: signature, algorithm, key, issuer, audience
 * and that the required claims are there. This machine then decides, from
 * the token's own claims and what the server knows now, whether it may be
 * used: not valid yet (`nbf`), expired (`exp`, with the clock tolerance),
 * not an access token at all (`typ`, JWT-08), or denied by the revocation
 * mode in force (REVOKE-01, REVOKE-03). With revocation `none` no rule can
 * deny it: the price of checking nothing (misconception: "logout ends a
 * JWT").
 *
 * jose also checks `nbf` and `exp` whenever they are present (it cannot be
 * told not to), by the same rule; the server compares its verdict with the
 * machine's and fails loudly if they ever differ (jwt-auth.ts). It is not
 * asked about `typ`, which only this machine decides.
 *
 * Tokens are not stored, so each check starts from `valid`; the transition
 * is traced so the learner sees which rule ended which token.
 */
import { setup } from 'xstate';
import type { RevocationMode } from '../config';
import { ACCESS_TYP, isTokenType } from '../tokens/token-type';

/** What the user row said, in not-before mode. */
export interface TokenAccount {
  /** Tokens with an earlier `iat` (seconds) are no longer accepted: set by a password change or an admin revoke. */
  tokensNotBeforeSec: number;
  disabled: boolean;
}

export interface AccessTokenCheck {
  type: 'CHECK';
  /** The token, as its signature-checked header and claims say. `exp` is absent only while skipExpCheck hides it. */
  token: { typ: unknown; iat: number; exp?: number; nbf?: number };
  /** The server's clock and its tolerance, in seconds, as jose is given them. */
  nowSec: number;
  toleranceSec: number;
  revocation: RevocationMode;
  /** Denylist mode: whether the `jti` is on the denylist. Not looked up yet counts as listed, so a forgotten lookup can only refuse. */
  onDenylist?: boolean;
  /** Not-before mode: the user's row, or null when there is none. Not looked up yet counts as revoked. */
  account?: TokenAccount | null;
}

export type AccessTokenLifecycleEvent = AccessTokenCheck;

export type AccessTokenLifecycleState = 'valid' | 'notYetValid' | 'expired' | 'wrongType' | 'denied';

/** The rules that end a token by its own claims and the clock alone, before any store is read. */
export const TIME_AND_TYPE_STATES: ReadonlySet<string> = new Set<AccessTokenLifecycleState>(['notYetValid', 'expired', 'wrongType']);

export const accessTokenLifecycle = setup({
  types: { events: {} as AccessTokenLifecycleEvent },
  guards: {
    // The same comparisons, in the same order, as jose's nbf and exp checks.
    nbfInFuture: ({ event }) => event.token.nbf !== undefined && event.token.nbf > event.nowSec + event.toleranceSec,
    pastExpiry: ({ event }) => event.token.exp !== undefined && event.token.exp <= event.nowSec - event.toleranceSec,
    // A refresh or ID token carries the same iss, aud and sub; only typ tells them apart (JWT-08).
    notAnAccessToken: ({ event }) => !isTokenType(event.token.typ, ACCESS_TYP),
    onDenylist: ({ event }) => event.revocation === 'denylist' && event.onDenylist !== false,
    accountDisabled: ({ event }) => event.revocation === 'not-before' && (event.account === undefined || event.account === null || event.account.disabled),
    issuedBeforeRevocation: ({ event }) => event.revocation === 'not-before' && !!event.account && event.token.iat < event.account.tokensNotBeforeSec,
  },
}).createMachine({
  id: 'accessToken',
  initial: 'valid',
  states: {
    valid: {
      on: {
        CHECK: [
          { guard: 'nbfInFuture', target: 'notYetValid' },
          { guard: 'pastExpiry', target: 'expired' },
          { guard: 'notAnAccessToken', target: 'wrongType' },
          { guard: 'onDenylist', target: 'denied' },
          { guard: 'accountDisabled', target: 'denied' },
          { guard: 'issuedBeforeRevocation', target: 'denied' },
          {},
        ],
      },
    },
    notYetValid: { type: 'final' },
    expired: { type: 'final' },
    wrongType: { type: 'final' },
    denied: { type: 'final' },
  },
});

/**
 * Alice's browser with a session cookie. Every state is a real moment of the
 * flow and every invoke sends the real request through the simulated
 * browser, so this definition is both the code that runs and the diagram.
 */
import { assign, setup } from 'xstate';
import type { ShopPage } from '../sim/browser/shop-page';
import { API_CALL_EVENTS, callApi, logIn, logOut, resultOf, type ApiCall, type CallResult } from './api-calls';

export interface FlowContext {
  page: ShopPage;
  username: string;
  password: string;
  /** The call being made (or retried after a refresh). */
  call: ApiCall | null;
  last: CallResult | null;
}

export type FlowInput = { page: ShopPage; username?: string; password?: string };

export type FlowEvent =
  | { type: 'LOG_IN' }
  | { type: 'LOG_OUT' }
  | { type: 'CALL_ME' }
  | { type: 'VIEW_CART' }
  | { type: 'ADD_TO_CART' }
  | { type: 'SAVE_SETTINGS' }
  | { type: 'REFRESH' };

export function initialContext(input: FlowInput): FlowContext {
  return { page: input.page, username: input.username ?? 'alice', password: input.password ?? 'wonderland', call: null, last: null };
}

/** One transition per API event into `calling`, remembering which call it was. */
export function callTransitions(target: string) {
  return Object.fromEntries(
    Object.entries(API_CALL_EVENTS).map(([type, call]) => [type, { target, actions: { type: 'chooseCall' as const, params: { call } } }]),
  ) as Record<keyof typeof API_CALL_EVENTS, { target: string; actions: { type: 'chooseCall'; params: { call: ApiCall } } }>;
}

/**
 * Logging in is the same in both auth styles (what the shop hands back
 * differs, not the flow), so both machines use this state. Its guard and
 * action are named, and both machines implement them.
 */
export const SIGNING_IN = {
  invoke: {
    id: 'logIn',
    src: 'logIn',
    input: ({ context }: { context: FlowContext }) => ({ page: context.page, username: context.username, password: context.password }),
    onDone: [
      { guard: 'succeeded', target: 'signedIn', actions: 'rememberResult' },
      { target: 'signedOut', actions: 'rememberResult' },
    ],
  },
} as const;

export const sessionFlowMachine = setup({
  types: {} as { context: FlowContext; input: FlowInput; events: FlowEvent },
  actors: { logIn, logOut, callApi },
  guards: {
    succeeded: ({ event }) => resultOf(event).status === 200,
    /** 401: the server no longer knows this session (expired, logged out, revoked). */
    sessionRejected: ({ event }) => resultOf(event).status === 401,
    /** 200 for a guest: the session ended, and the cart carried on in a fresh guest session. */
    nowAGuest: ({ event }) => resultOf(event).status === 200 && resultOf(event).guest === true,
  },
  actions: {
    chooseCall: assign((_, params: { call: ApiCall }) => ({ call: params.call })),
    rememberResult: assign({ last: ({ event }) => resultOf(event) }),
  },
}).createMachine({
  id: 'sessionFlow',
  context: ({ input }) => initialContext(input),
  initial: 'signedOut',
  states: {
    signedOut: {
      on: { LOG_IN: 'signingIn' },
    },
    signingIn: SIGNING_IN,
    signedIn: {
      on: { ...callTransitions('calling'), LOG_OUT: 'signingOut' },
    },
    calling: {
      invoke: {
        id: 'callApi',
        src: 'callApi',
        input: ({ context }) => ({ page: context.page, call: context.call ?? 'me' }),
        onDone: [
          { guard: 'sessionRejected', target: 'sessionEnded', actions: 'rememberResult' },
          { guard: 'nowAGuest', target: 'sessionEnded', actions: 'rememberResult' },
          { target: 'signedIn', actions: 'rememberResult' },
        ],
      },
    },
    sessionEnded: {
      on: { LOG_IN: 'signingIn' },
    },
    signingOut: {
      invoke: {
        id: 'logOut',
        src: 'logOut',
        input: ({ context }) => ({ page: context.page }),
        onDone: { target: 'signedOut', actions: 'rememberResult' },
      },
    },
  },
});

/**
 * Alice's browser with JWTs: a short-lived access token, refreshed with the
 * refresh token when the server says it expired, and a way back to signed
 * out when refreshing fails (revoked family, reuse detected, absolute limit).
 */
import { and, assign, setup } from 'xstate';
import { callApi, logIn, logOut, refreshTokens, resultOf, type ApiCall } from './api-calls';
import { SIGNING_IN, callTransitions, initialContext, type FlowContext, type FlowEvent, type FlowInput } from './session-flow.machine';

export const jwtFlowMachine = setup({
  types: {} as { context: FlowContext; input: FlowInput; events: FlowEvent },
  actors: { logIn, logOut, callApi, refreshTokens },
  guards: {
    succeeded: ({ event }) => resultOf(event).status === 200,
    /** 401 token_expired: worth one refresh and a retry. */
    accessTokenExpired: ({ event }) => resultOf(event).status === 401 && resultOf(event).error === 'token_expired',
    /** Any other 401 (revoked, bad signature, missing): refreshing will not help. */
    tokenRejected: ({ event }) => resultOf(event).status === 401,
    hasCallToRetry: ({ context }) => context.call !== null,
  },
  actions: {
    chooseCall: assign((_, params: { call: ApiCall }) => ({ call: params.call })),
    forgetCall: assign({ call: null }),
    rememberResult: assign({ last: ({ event }) => resultOf(event) }),
  },
}).createMachine({
  id: 'jwtFlow',
  context: ({ input }) => initialContext(input),
  initial: 'signedOut',
  states: {
    signedOut: {
      on: { LOG_IN: 'signingIn' },
    },
    signingIn: SIGNING_IN,
    signedIn: {
      on: { ...callTransitions('calling'), REFRESH: { target: 'refreshing', actions: 'forgetCall' }, LOG_OUT: 'signingOut' },
    },
    calling: {
      invoke: {
        id: 'callApi',
        src: 'callApi',
        input: ({ context }) => ({ page: context.page, call: context.call ?? 'me' }),
        onDone: [
          { guard: 'accessTokenExpired', target: 'refreshing', actions: 'rememberResult' },
          { guard: 'tokenRejected', target: 'sessionEnded', actions: ['rememberResult', 'forgetCall'] },
          { target: 'signedIn', actions: ['rememberResult', 'forgetCall'] },
        ],
      },
    },
    refreshing: {
      invoke: {
        id: 'refreshTokens',
        src: 'refreshTokens',
        input: ({ context }) => ({ page: context.page }),
        onDone: [
          // Retry the call that found the token expired (a learner's REFRESH has none).
          { guard: and(['succeeded', 'hasCallToRetry']), target: 'calling', actions: 'rememberResult' },
          { guard: 'succeeded', target: 'signedIn', actions: 'rememberResult' },
          { target: 'sessionEnded', actions: ['rememberResult', 'forgetCall'] },
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
        onDone: { target: 'signedOut', actions: ['rememberResult', 'forgetCall'] },
      },
    },
  },
});

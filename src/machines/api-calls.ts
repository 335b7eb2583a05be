/**
 * The shop calls a learner can make once signed in, shared by both client
 * flows, and the invoked actors that really send them through the simulated
 * browser. The machines name these actors, so the diagram shows them.
 */
import { fromPromise, type DoneActorEvent } from 'xstate';
import type { SimResponse } from '../sim/browser/browser';
import type { ShopPage } from '../sim/browser/shop-page';

export type ApiCall = 'me' | 'cart' | 'addToCart' | 'saveSettings';

export const API_CALL_EVENTS = {
  CALL_ME: 'me',
  VIEW_CART: 'cart',
  ADD_TO_CART: 'addToCart',
  SAVE_SETTINGS: 'saveSettings',
} as const satisfies Record<string, ApiCall>;

/** What the machines remember of an answer: enough for guards and the UI. */
export interface CallResult {
  status: number;
  error?: string;
  /** The cart answered for a guest: the session the call was made in is over. */
  guest?: boolean;
  exchangeId: string;
}

export function toResult(response: SimResponse): CallResult {
  const body = response.body as { error?: unknown; guest?: unknown } | undefined;
  const error = body && typeof body === 'object' && typeof body.error === 'string' ? body.error : undefined;
  const guest = !!body && typeof body === 'object' && body.guest === true;
  return { status: response.status, exchangeId: response.exchangeId, ...(error ? { error } : {}), ...(guest ? { guest } : {}) };
}

export function sendCall(page: ShopPage, call: ApiCall): Promise<SimResponse> {
  switch (call) {
    case 'me':
      return page.me();
    case 'cart':
      return page.cart();
    case 'addToCart':
      return page.addToCart('tea', 1);
    case 'saveSettings':
      return page.saveSettings({ theme: 'dark' });
  }
}

export interface Credentials {
  page: ShopPage;
  username: string;
  password: string;
}

export const logIn = fromPromise<CallResult, Credentials>(async ({ input }) => toResult(await input.page.login(input.username, input.password)));
export const logOut = fromPromise<CallResult, { page: ShopPage }>(async ({ input }) => toResult(await input.page.logout()));
export const callApi = fromPromise<CallResult, { page: ShopPage; call: ApiCall }>(async ({ input }) => toResult(await sendCall(input.page, input.call)));
export const refreshTokens = fromPromise<CallResult, { page: ShopPage }>(async ({ input }) => toResult(await input.page.refresh()));

/** The output of an invoked actor, inside a guard or action on its done event. */
export function resultOf(event: unknown): CallResult {
  return (event as DoneActorEvent<CallResult>).output;
}

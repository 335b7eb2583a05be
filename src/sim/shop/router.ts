/**
 * The shop's route table: the same paths in both auth styles, so one
 * scenario runs against either and the two can be compared.
 */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import { preflight, withCors } from './cors-policy';
import { errorResponse, type ShopRequest, type ShopResponse } from './http';
import { changePassword, csrfToken, login, logout, me, refresh } from './routes-account';
import { jwks, listSessions, listUsers, removeKey, revokeSession, revokeUser, rotateKeys } from './routes-admin';
import { changeAccountSettings, endMySession, mySessions } from './routes-my-account';
import { addToCart, getCart, getSettings, putSettings } from './routes-shop';

type RouteHandler = (ctx: RequestContext, request: ShopRequest) => Promise<ShopResponse>;

export const ROUTES: Readonly<Record<string, Readonly<Record<string, RouteHandler>>>> = {
  '/login': { POST: login },
  '/logout': { POST: logout },
  '/me': { GET: me },
  '/cart': { GET: getCart, POST: addToCart },
  '/settings': { GET: getSettings, PUT: putSettings },
  '/refresh': { POST: refresh },
  '/csrf': { GET: csrfToken },
  '/password': { POST: changePassword },
  '/account/sessions': { GET: mySessions },
  '/account/sessions/end': { POST: endMySession },
  '/account/settings': { PUT: changeAccountSettings },
  '/.well-known/jwks.json': { GET: jwks },
  '/admin/sessions': { GET: listSessions },
  '/admin/sessions/revoke': { POST: revokeSession },
  '/admin/users': { GET: listUsers },
  '/admin/users/revoke': { POST: revokeUser },
  '/admin/keys/rotate': { POST: rotateKeys },
  '/admin/keys/remove': { POST: removeKey },
};

export async function routeShopRequest(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  return withCors(request, await dispatch(ctx, request));
}

async function dispatch(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  try {
    const route = ROUTES[request.url.pathname];
    if (!route) throw new AuthLabError('not_found', `No route ${request.url.pathname}`);
    if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) return preflight(request, Object.keys(route));
    const handler = route[request.method];
    // No GET changes state, so a top-level cross-site link cannot either (CSRF-06).
    if (!handler) throw new AuthLabError('method_not_allowed', `${request.method} is not allowed on ${request.url.pathname}; use ${Object.keys(route).join(' or ')}`);
    const response = await handler(ctx, request);
    // Authenticated answers must not be cached by the browser (SESS-11).
    if (!response.headers.some(([name]) => name === 'cache-control')) response.headers.push(['cache-control', 'no-store']);
    return response;
  } catch (error) {
    if (error instanceof AuthLabError) return errorResponse(error);
    return errorResponse(new AuthLabError('internal', `The simulated server failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

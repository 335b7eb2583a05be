/**
 * The shop as MSW request handlers, shared by the browser's service worker
 * and `msw/node` in tests. Each handler hands the request to the world it
 * names and returns what the world's deployment answered.
 */
import { http, type HttpHandler } from 'msw';
import { SHOP_ORIGIN } from '../sim/config';
import { WIRE } from '../sim/browser/wire';
import type { ErrorBody } from '../sim/errors';
import { toFetchResponse, toShopRequest } from './http-adapter';
import type { WorldRegistry } from './world-registry';

function unknownWorld(id: string | null): Response {
  const body: ErrorBody = { error: 'bad_request', message: `No simulated world "${id ?? '(none)'}" is registered for this request` };
  return Response.json(body, { status: 400 });
}

export function shopHandlers(registry: WorldRegistry, origin: string = SHOP_ORIGIN): HttpHandler[] {
  return [
    http.all(`${origin}/*`, async ({ request }) => {
      const world = registry.get(request.headers.get(WIRE.world));
      if (!world) return unknownWorld(request.headers.get(WIRE.world));
      return toFetchResponse(await world.handle(await toShopRequest(request)));
    }),
  ];
}

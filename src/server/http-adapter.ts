/**
 * Translates between a fetch `Request`/`Response` and the shop's
 * ShopRequest/ShopResponse. No auth rules here: only header names, the
 * virtual URL and JSON bodies.
 */
import { WIRE, encodeSetCookies, fromWireName, toWireName } from '../sim/browser/wire';
import type { HandledResponse } from '../sim/deployment/deployment';
import type { ShopRequest } from '../sim/shop/http';

export async function toShopRequest(request: Request): Promise<ShopRequest> {
  const url = new URL(request.url);
  if (request.headers.get(WIRE.scheme) === 'http') url.protocol = 'http:';
  const headers = new Map<string, string>();
  request.headers.forEach((value, name) => {
    const real = fromWireName(name);
    if (real) headers.set(real, value);
  });
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  let body: unknown = text || undefined;
  const type = headers.get('content-type') ?? '';
  if (text && type.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text; // the route answers 400 with what it expected
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    // Whether the shop accepts form posts at all is the simulation's decision.
    body = Object.fromEntries(new URLSearchParams(text));
  }
  return { method: request.method, url, headers, body, exchangeId: request.headers.get(WIRE.exchange) ?? 'unknown' };
}

export function toFetchResponse(handled: HandledResponse): Response {
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const [name, value] of handled.headers) headers.append(toWireName(name), value);
  if (handled.setCookies.length > 0) headers.set(WIRE.setCookie, encodeSetCookies(handled.setCookies));
  if (handled.node) headers.set(WIRE.node, handled.node);
  headers.set(WIRE.serverMs, String(handled.serverMs));
  // Let page scripts read the wire headers when the page is on another origin.
  headers.set('access-control-expose-headers', '*');
  // 204 and 304 may not have a body at all (the Response constructor refuses one).
  const bodiless = handled.body === undefined || handled.status === 204 || handled.status === 304;
  return new Response(bodiless ? null : JSON.stringify(handled.body), { status: handled.status, headers });
}

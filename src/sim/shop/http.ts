/**
 * The shop's view of HTTP: what the MSW adapter hands in and gets back.
 * Header names are the real ones (cookie, origin, sec-fetch-site ...).
 */
import { AuthLabError, type ErrorBody } from '../errors';

export interface ShopRequest {
  method: string;
  /** The virtual URL, e.g. https://shop.example.com/cart. */
  url: URL;
  headers: ReadonlyMap<string, string>;
  body: unknown;
  exchangeId: string;
}

export interface ShopResponse {
  status: number;
  headers: [string, string][];
  setCookies: string[];
  body: unknown;
}

export function respond(status: number, body: unknown, extra: Partial<Omit<ShopResponse, 'status' | 'body'>> = {}): ShopResponse {
  return { status, body, headers: extra.headers ?? [], setCookies: extra.setCookies ?? [] };
}

export function errorResponse(error: AuthLabError): ShopResponse {
  const body: ErrorBody = { error: error.code, message: error.message };
  return respond(error.status, body, { setCookies: [...error.setCookies] });
}

/** Parses the Cookie header into name → value (first occurrence wins, as servers usually do). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Reads a JSON object body or fails with a 400 that says which field. */
export function bodyField(request: ShopRequest, field: string): unknown {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AuthLabError('bad_request', `Expected a JSON object body with "${field}"`);
  }
  return (body as Record<string, unknown>)[field];
}

export function stringField(request: ShopRequest, field: string): string {
  const value = bodyField(request, field);
  if (typeof value !== 'string' || value.length === 0) {
    throw new AuthLabError('bad_request', `"${field}" must be a non-empty string`);
  }
  return value;
}

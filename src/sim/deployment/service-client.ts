/**
 * The HTTP client of a server-side service in the world (say `partner.example`
 * calling the shop): the same wire as the browsers (real `fetch`, answered by
 * MSW in the world the request names), but none of a browser's doings: no
 * cookie jar, no Origin, Referer or Fetch Metadata, no CORS. What it sends
 * is exactly what its caller gave it. Each request is an exchange in the
 * trace with the service as the client, so the stage and the timeline draw
 * it like a browser's.
 */
import type { BrowserEnv, SimResponse } from '../browser/browser';
import { sendOverWire, type WireAnswer } from '../browser/wire-fetch';
import type { HeaderList } from '../trace';

export interface ServiceRequest {
  method?: string;
  url: string;
  headers?: HeaderList;
  /** Sent as-is (a service writes its own Content-Type). */
  body?: string;
  signal?: AbortSignal;
}

/** The options of `fetch` a library's fetch hook passes (jose's `customFetch`, for one). */
export interface FetchLikeInit {
  method?: string;
  headers?: ConstructorParameters<typeof Headers>[0];
  body?: string;
  signal?: AbortSignal | null;
}

/** One service's client on the world's network; make one with `world.serviceClient(name, origin)`. */
export class ServiceClient {
  /** Who the trace names as the client (`partner`). */
  readonly name: string;
  /** The service's own origin (`https://partner.example`), shown as the exchange's initiator. */
  readonly origin: string;
  readonly #env: BrowserEnv;

  constructor(name: string, origin: string, env: BrowserEnv) {
    this.name = name;
    this.origin = origin;
    this.#env = env;
  }

  /** Sends a request; a request that never reached the shop answers status 0 with `network_error`, as a browser's does. */
  async send(request: ServiceRequest): Promise<SimResponse> {
    const { exchangeId, outcome } = await this.#exchange(request);
    if (!outcome.ok) return { exchangeId, status: 0, headers: [], body: networkError(outcome.error) };
    const { status, headers, body, node } = outcome.answer;
    return { exchangeId, status, headers, body, ...(node ? { node } : {}) };
  }

  /**
   * A `fetch` for a library's hook: the request goes over the simulated
   * network and the library reads a real `Response`. A request that never
   * reached the shop rejects with fetch's own error (an abort stays an abort).
   */
  readonly fetch = async (input: string | URL, init: FetchLikeInit = {}): Promise<Response> => {
    const headers: [string, string][] = [];
    new Headers(init.headers).forEach((value, name) => headers.push([name, value]));
    const { outcome } = await this.#exchange({
      url: String(input),
      ...(init.method ? { method: init.method } : {}),
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    if (!outcome.ok) throw outcome.error;
    const { status, text, headers: answered } = outcome.answer;
    const bodiless = status === 204 || status === 304;
    // A service keeps no cookies, and a Response may not carry Set-Cookie anyway.
    return new Response(bodiless ? null : text, { status, headers: answered.filter(([name]) => name !== 'set-cookie') });
  };

  async #exchange(request: ServiceRequest): Promise<{ exchangeId: string; outcome: Outcome }> {
    const env = this.#env;
    const url = new URL(request.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const headers = (request.headers ?? []).map(([name, value]) => [name.toLowerCase(), value] as const);
    const exchangeId = env.nextExchangeId();
    let outcome: Outcome;
    try {
      const { body, signal } = request;
      const answer = await sendOverWire(env.fetch, { url, method, headers, worldId: env.worldId, exchangeId, ...(body === undefined ? {} : { body }), ...(signal ? { signal } : {}) });
      outcome = { ok: true, answer };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    const answer = outcome.ok ? outcome.answer : undefined;
    const response = outcome.ok
      ? { status: outcome.answer.status, headers: [...outcome.answer.headers].sort(([a], [b]) => a.localeCompare(b)), body: outcome.answer.body }
      : { status: 0, headers: [], body: networkError(outcome.error) };
    env.trace.record({
      kind: 'exchange',
      id: exchangeId,
      browser: this.name,
      client: 'service',
      request: { method, url: url.href, headers, ...(request.body === undefined ? {} : { body: request.body }), initiator: this.origin, mode: 'fetch' },
      response,
      ...(answer?.node ? { node: answer.node } : {}),
      serverMs: answer?.serverMs ?? 0,
      plaintext: url.protocol === 'http:',
    });
    return { exchangeId, outcome };
  }
}

type Outcome = { ok: true; answer: WireAnswer } | { ok: false; error: Error };

function networkError(error: Error): { error: 'network_error'; message: string } {
  return { error: 'network_error', message: `The request never reached the simulated server: ${String(error)}` };
}

/**
 * One ordered log of everything that happens in a world: HTTP exchanges,
 * store operations, signature checks, cookie decisions, clock moves and
 * deployment changes. It is the single source for the timeline, the
 * inspectors, the counters shown to learners and scenario expectations.
 */
import type { RequestKind } from './browser/request-kind';

/** A header as the learner should read it (real names: Cookie, Set-Cookie). */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export interface ExchangeRequest {
  method: string;
  url: string;
  headers: HeaderList;
  body?: unknown;
  /** Origin of the page that started the request (decides SameSite). */
  initiator: string;
  /** How the request left the page: a script's fetch, a top-level navigation or an iframe. */
  mode: RequestKind;
}

export interface ExchangeResponse {
  status: number;
  headers: HeaderList;
  body?: unknown;
}

export type StoreName = 'session' | 'users' | 'carts' | 'settings' | 'denylist' | 'refresh-families';

interface Base {
  seq: number;
  /** Virtual time in ms since the epoch. */
  at: number;
}

export type TraceEvent =
  | (Base & {
      kind: 'exchange';
      id: string;
      browser: string;
      request: ExchangeRequest;
      response: ExchangeResponse;
      /** Node that answered, when a node did. */
      node?: string;
      /** Simulated server time (store round trips), not wall time. */
      serverMs: number;
      /** Sent over plain http: anyone on the network path can read it. */
      plaintext: boolean;
    })
  | (Base & {
      kind: 'store';
      exchangeId?: string;
      node: string;
      store: StoreName;
      op: 'read' | 'write' | 'delete';
      key: string;
      hit?: boolean;
      shared: boolean;
    })
  | (Base & {
      kind: 'crypto';
      exchangeId?: string;
      node: string;
      op: 'sign' | 'verify';
      alg: string;
      kid?: string;
      ok: boolean;
      code?: string;
      verifier: 'jose' | 'naive';
    })
  | (Base & {
      kind: 'cookie';
      browser: string;
      /** The exchange that sent or received it, if any (a restart has none). */
      exchangeId?: string;
      action: 'stored' | 'rejected' | 'deleted' | 'expired' | 'withheld';
      name: string;
      reason?: string;
    })
  | (Base & {
      kind: 'lifecycle';
      exchangeId?: string;
      node: string;
      /** Which lifecycle machine the server consulted (src/sim/lifecycle). */
      machine: 'session' | 'accessToken' | 'refreshFamily';
      /** The first characters of the session id, token jti or family id. */
      subject: string;
      event: string;
      guard?: string;
      from: string;
      to: string;
    })
  | (Base & { kind: 'clock'; from: number; to: number })
  | (Base & { kind: 'deployment'; action: string; node?: string; detail?: string })
  | (Base & { kind: 'note'; actor: string; text: string });

export type TraceEventKind = TraceEvent['kind'];

/** Distributive Omit, so each variant keeps its own fields. */
type WithoutBase<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type TraceInput = WithoutBase<TraceEvent>;

export class Trace {
  readonly #events: TraceEvent[] = [];
  readonly #now: () => number;
  readonly #listeners = new Set<(event: TraceEvent) => void>();

  constructor(now: () => number) {
    this.#now = now;
  }

  record(input: TraceInput): TraceEvent {
    const event = { ...input, seq: this.#events.length + 1, at: this.#now() } as TraceEvent;
    this.#events.push(event);
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  all(): readonly TraceEvent[] {
    return this.#events;
  }

  ofKind<K extends TraceEventKind>(kind: K): Extract<TraceEvent, { kind: K }>[] {
    return this.#events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
  }

  /** Everything a single exchange caused on the server (store ops, checks). */
  causedBy(exchangeId: string): TraceEvent[] {
    return this.#events.filter((e) => 'exchangeId' in e && e.exchangeId === exchangeId);
  }

  /**
   * Time travel: the log becomes `events`, a copy taken earlier by `all()`.
   * Events never change once recorded, so sharing them is safe.
   */
  restore(events: readonly TraceEvent[]): void {
    this.#events.splice(0, this.#events.length, ...events);
  }

  get length(): number {
    return this.#events.length;
  }

  subscribe(listener: (event: TraceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

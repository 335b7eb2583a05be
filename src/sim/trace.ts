/**
 * One ordered log of everything that happens in a world: HTTP exchanges,
 * store operations, signature checks, cookie decisions, clock moves and
 * deployment changes. It is the single source for the timeline, the
 * inspectors, the counters shown to learners and scenario expectations.
 */
import type { RequestKind } from './browser/request-kind';
import { check, type Restorable } from './restorable';

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
      /** The client that sent it: a browser's name, or a service's (`partner`) when `client` is 'service'. */
      browser: string;
      /** 'service': a server-side service sent it (no cookie jar, no page); absent: a browser did. */
      client?: 'service';
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
      /** The session's handle (a hash, never part of the id), or the first characters of the token's jti or the family id. */
      subject: string;
      event: string;
      guard?: string;
      from: string;
      to: string;
    })
  | (Base & { kind: 'clock'; from: number; to: number })
  | (Base & { kind: 'deployment'; action: string; node?: string; detail?: string })
  | (Base & {
      kind: 'note';
      actor: string;
      /** What happened, in words a learner reads in "What happened". */
      text: string;
      /** When the server says it about one request: that exchange and the node that answered. */
      exchangeId?: string;
      node?: string;
    });

export type TraceEventKind = TraceEvent['kind'];

/** Distributive Omit, so each variant keeps its own fields. */
type WithoutBase<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type TraceInput = WithoutBase<TraceEvent>;

/** The log up to one moment. Events never change once recorded, so a saved trace shares them. */
export interface SavedTrace {
  readonly events: readonly TraceEvent[];
}

export class Trace implements Restorable<SavedTrace> {
  readonly #events: TraceEvent[] = [];
  readonly #now: () => number;
  readonly #listeners = new Set<(event: TraceEvent) => void>();

  constructor(now: () => number) {
    this.#now = now;
  }

  record(input: TraceInput): TraceEvent {
    const event = Object.freeze({ ...input, seq: this.#events.length + 1, at: this.#now() }) as TraceEvent;
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

  save(): SavedTrace {
    return Object.freeze({ events: Object.freeze(this.#events.slice()) });
  }

  /** Time travel: the log becomes the saved one; listeners are not told (nothing was recorded). */
  restore(saved: SavedTrace): void {
    const events = saved?.events;
    check(Array.isArray(events), 'the saved trace is not a list of events');
    // Sequence numbers count from 1 without gaps: a cheap check that this is one whole log.
    check(events.every((e, i) => e?.seq === i + 1), 'the saved trace has gaps or events out of order');
    // In place, and without spreading: a long trace would overflow the argument limit.
    this.#events.length = 0;
    for (const event of events) this.#events.push(event);
  }

  get length(): number {
    return this.#events.length;
  }

  subscribe(listener: (event: TraceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * Builds small traces by hand for the stage and timeline derivations: the
 * node's work first, then the exchange it belongs to, as the real world
 * records them (see test/integration/stage-paths.test.ts for real traces).
 */
import { Trace, type StoreName, type TraceEvent } from '../../../src/sim/trace';

export interface ExchangeSpec {
  id: string;
  browser?: string;
  /** A service's exchange: no page, its origin as the initiator. */
  service?: { origin: string };
  method?: string;
  url?: string;
  status?: number;
  /** The node that answered; null when none did. Default node-1. */
  node?: string | null;
  store?: { store: StoreName; op: 'read' | 'write' | 'delete'; hit?: boolean; shared?: boolean }[];
  crypto?: { op: 'sign' | 'verify'; ok?: boolean; code?: string }[];
}

export class TraceBuilder {
  readonly trace = new Trace(() => Date.UTC(2026, 2, 2, 9, 0, 0));

  exchange(spec: ExchangeSpec): this {
    const node = spec.node === undefined ? 'node-1' : spec.node;
    // No node answered: nothing happened on the server.
    if (node !== null) this.#serverWork(spec, node);
    this.trace.record({
      kind: 'exchange',
      id: spec.id,
      browser: spec.browser ?? 'alice',
      ...(spec.service ? { client: 'service' as const } : {}),
      request: { method: spec.method ?? 'GET', url: spec.url ?? 'https://shop.example.com/me', headers: [], initiator: spec.service?.origin ?? 'https://shop.example.com', mode: 'fetch' },
      response: { status: spec.status ?? 200, headers: [] },
      ...(node === null ? {} : { node }),
      serverMs: 0,
      plaintext: false,
    });
    return this;
  }

  #serverWork(spec: ExchangeSpec, node: string): void {
    for (const s of spec.store ?? []) {
      this.trace.record({ kind: 'store', exchangeId: spec.id, node, store: s.store, op: s.op, key: 'k', shared: s.shared ?? true, ...(s.hit === undefined ? {} : { hit: s.hit }) });
    }
    for (const c of spec.crypto ?? []) {
      this.trace.record({ kind: 'crypto', exchangeId: spec.id, node, op: c.op, alg: 'ES256', ok: c.ok ?? true, verifier: 'jose', ...(c.code ? { code: c.code } : {}) });
    }
  }

  note(text: string): this {
    this.trace.record({ kind: 'note', actor: 'admin', text });
    return this;
  }

  get events(): readonly TraceEvent[] {
    return this.trace.all();
  }
}

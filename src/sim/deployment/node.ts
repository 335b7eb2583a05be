/** One server instance behind the load balancer. */
import { check, entriesToRestore, savedEntries, type Restorable } from '../restorable';
import type { SessionRow } from './records';

export interface NodeCounters {
  requests: number;
  storeReads: number;
  storeWrites: number;
  signatureChecks: number;
  signaturesIssued: number;
}

export const zeroCounters = (): NodeCounters => ({
  requests: 0,
  storeReads: 0,
  storeWrites: 0,
  signatureChecks: 0,
  signaturesIssued: 0,
});

/** A node at one moment: up or down, its in-memory sessions and its counters. */
export interface SavedNode {
  readonly id: string;
  readonly up: boolean;
  readonly memorySessions: readonly (readonly [string, SessionRow])[];
  readonly counters: Readonly<NodeCounters>;
}

export class SimNode implements Restorable<SavedNode> {
  readonly id: string;
  up = true;
  /** In-process session memory: lost on crash, invisible to other nodes. */
  readonly memorySessions = new Map<string, SessionRow>();
  counters: NodeCounters = zeroCounters();
  /** Requests being handled right now (for least-busy balancing). */
  inFlight = 0;

  constructor(id: string) {
    this.id = id;
  }

  crash(): void {
    this.up = false;
    this.memorySessions.clear();
  }

  restart(): void {
    this.up = true;
  }

  save(): SavedNode {
    return Object.freeze({ id: this.id, up: this.up, memorySessions: savedEntries(this.memorySessions), counters: Object.freeze({ ...this.counters }) });
  }

  /** Time travel happens between requests, so nothing is in flight afterwards. */
  restore(saved: SavedNode): void {
    check(saved?.id === this.id, `a saved ${String(saved?.id)} cannot become ${this.id}`);
    check(typeof saved.up === 'boolean', '"up" is not true or false');
    const counters = { ...zeroCounters(), ...saved.counters };
    check(Object.values(counters).every(Number.isFinite), 'a counter is not a number');
    const sessions = entriesToRestore<SessionRow>(saved.memorySessions, 'its memory sessions');
    this.up = saved.up;
    this.counters = counters;
    this.inFlight = 0;
    this.memorySessions.clear();
    for (const [id, row] of sessions) this.memorySessions.set(id, row);
  }
}

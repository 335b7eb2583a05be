/** One server instance behind the load balancer. */
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

export class SimNode {
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
}

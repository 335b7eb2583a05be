/**
 * Everything one request may touch while a node handles it. Store access
 * goes through here so it is counted on the node, traced with the exchange
 * id, and charged the shared store's round-trip latency.
 */
import type { WorldServices } from '../services';
import type { StoreName } from '../trace';
import type { SimNode } from './node';
import type { SessionRow } from './records';

export class RequestContext {
  readonly node: SimNode;
  readonly exchangeId: string;
  readonly world: WorldServices;
  /** Simulated server time spent on store round trips. */
  serverMs = 0;

  constructor(world: WorldServices, node: SimNode, exchangeId: string) {
    this.world = world;
    this.node = node;
    this.exchangeId = exchangeId;
  }

  get now(): number {
    return this.world.clock.now();
  }

  get config() {
    return this.world.config;
  }

  /** The session store this node talks to: its own memory, or the shared one. */
  get sessions(): Map<string, SessionRow> {
    return this.world.config.deployment.sessionStore === 'shared' ? this.world.db.sessions : this.node.memorySessions;
  }

  get sessionsShared(): boolean {
    return this.world.config.deployment.sessionStore === 'shared';
  }

  read<T>(store: StoreName, map: ReadonlyMap<string, T>, key: string, shared = true): T | undefined {
    const value = map.get(key);
    this.node.counters.storeReads += 1;
    this.#charge(shared);
    this.world.trace.record({ kind: 'store', exchangeId: this.exchangeId, node: this.node.id, store, op: 'read', key, hit: value !== undefined, shared });
    return value;
  }

  write<T>(store: StoreName, map: Map<string, T>, key: string, value: T, shared = true): void {
    map.set(key, value);
    this.node.counters.storeWrites += 1;
    this.#charge(shared);
    this.world.trace.record({ kind: 'store', exchangeId: this.exchangeId, node: this.node.id, store, op: 'write', key, shared });
  }

  delete<T>(store: StoreName, map: Map<string, T>, key: string, shared = true): boolean {
    const existed = map.delete(key);
    this.node.counters.storeWrites += 1;
    this.#charge(shared);
    this.world.trace.record({ kind: 'store', exchangeId: this.exchangeId, node: this.node.id, store, op: 'delete', key, hit: existed, shared });
    return existed;
  }

  readSession(id: string): SessionRow | undefined {
    return this.read('session', this.sessions, id, this.sessionsShared);
  }

  writeSession(row: SessionRow): void {
    this.write('session', this.sessions, row.id, row, this.sessionsShared);
  }

  deleteSession(id: string): boolean {
    return this.delete('session', this.sessions, id, this.sessionsShared);
  }

  #charge(shared: boolean): void {
    if (shared) this.serverMs += this.world.config.deployment.sharedStoreLatencyMs;
  }
}

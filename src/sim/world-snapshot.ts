/**
 * Time travel: a copy of everything in a world at one moment (clock, trace
 * length, stores, nodes, browsers, keys, config) and the way back to it.
 * Store rows are cloned, so later requests cannot change a recorded past;
 * keys and trace events are immutable and shared.
 */
import type { WorldConfig } from './config';
import type { CartItem, DenylistEntry, RefreshFamily, SessionRow, Settings, UserRow } from './deployment/records';
import type { NodeCounters } from './deployment/node';
import type { PartnerSnapshot } from './deployment/partner-service';
import type { KeySet } from './tokens/key-set';
import type { TraceEvent } from './trace';
import type { World } from './world';

export interface WorldSnapshot {
  at: number;
  traceLength: number;
  /** The trace up to this moment (a shallow copy: events are immutable). */
  events: readonly TraceEvent[];
  exchangeSerial: number;
  config: WorldConfig;
  keySet: KeySet;
  keys: ReturnType<KeySet['snapshot']>;
  db: {
    users: Map<string, UserRow>;
    carts: Map<string, CartItem[]>;
    settings: Map<string, Settings>;
    denylist: Map<string, DenylistEntry>;
    refreshFamilies: Map<string, RefreshFamily>;
    sessions: Map<string, SessionRow>;
  };
  lbCursor: number;
  nodes: { id: string; up: boolean; memorySessions: Map<string, SessionRow>; counters: NodeCounters }[];
  browsers: { name: string; jar: unknown; localStorage: Map<string, string>; page: string; memoryToken: string | undefined; csrfToken: string | undefined }[];
  /** The partner service's own save (World.snapshot adds it); absent while it was not provisioned. */
  partner?: PartnerSnapshot | undefined;
}

const DB_TABLES = ['users', 'carts', 'settings', 'denylist', 'refreshFamilies', 'sessions'] as const;

function refill<T>(target: Map<string, T>, source: Map<string, T>): void {
  target.clear();
  for (const [key, value] of structuredClone(source)) target.set(key, value);
}

export function captureWorld(world: World, exchangeSerial: number): WorldSnapshot {
  const db = world.db;
  return {
    at: world.clock.now(),
    traceLength: world.trace.length,
    events: world.trace.all().slice(),
    exchangeSerial,
    config: structuredClone(world.config),
    keySet: world.keys,
    keys: world.keys.snapshot(),
    db: {
      users: structuredClone(db.users),
      carts: structuredClone(db.carts),
      settings: structuredClone(db.settings),
      denylist: structuredClone(db.denylist),
      refreshFamilies: structuredClone(db.refreshFamilies),
      sessions: structuredClone(db.sessions),
    },
    lbCursor: world.deployment.lb.cursor,
    nodes: world.deployment.nodes.map((n) => ({ id: n.id, up: n.up, memorySessions: structuredClone(n.memorySessions), counters: { ...n.counters } })),
    browsers: [...world.browsers.values()].map((b) => ({
      name: b.name,
      jar: b.jar.snapshot(),
      localStorage: new Map(b.localStorage),
      page: b.page,
      memoryToken: world.pages.get(b.name)?.memoryToken,
      csrfToken: world.pages.get(b.name)?.csrfToken,
    })),
  };
}

/** Puts the world back as it was; returns the exchange serial to continue from. */
export function restoreWorld(world: World, snapshot: WorldSnapshot): number {
  world.clock.restoreTo(snapshot.at);
  world.trace.restore(snapshot.events);
  world.config = structuredClone(snapshot.config);
  world.keys = snapshot.keySet;
  world.keys.restore(snapshot.keys);
  for (const table of DB_TABLES) refill(world.db[table] as Map<string, unknown>, snapshot.db[table] as Map<string, unknown>);
  world.deployment.lb.cursor = snapshot.lbCursor;
  world.deployment.nodes.splice(snapshot.nodes.length);
  snapshot.nodes.forEach((saved, i) => {
    const node = world.deployment.nodes[i]!;
    node.up = saved.up;
    node.counters = { ...saved.counters };
    node.inFlight = 0;
    refill(node.memorySessions, saved.memorySessions);
  });
  const kept = new Set(snapshot.browsers.map((b) => b.name));
  for (const name of [...world.browsers.keys()]) {
    if (!kept.has(name)) {
      world.browsers.delete(name);
      world.pages.delete(name);
    }
  }
  for (const saved of snapshot.browsers) {
    const browser = world.browsers.get(saved.name);
    if (!browser) continue;
    browser.jar.restore(saved.jar);
    browser.localStorage.clear();
    for (const [key, value] of saved.localStorage) browser.localStorage.set(key, value);
    browser.page = saved.page;
    const page = world.pages.get(saved.name);
    if (page) {
      page.memoryToken = saved.memoryToken;
      page.csrfToken = saved.csrfToken;
    }
  }
  return snapshot.exchangeSerial;
}

/**
 * The compare view's figures, read from each world's node counters, trace
 * and configuration. compare-words.ts turns them into sentences, so the
 * sentences change when the figures do.
 */
import type { JwtConfig, WorldConfig } from '../sim/config';
import type { StoreName, TraceEvent } from '../sim/trace';
import type { World } from '../sim/world';

export interface Counters {
  requests: number;
  storeReads: number;
  storeWrites: number;
  signatureChecks: number;
  signaturesIssued: number;
}

export interface NodeFigures extends Counters {
  id: string;
  up: boolean;
}

export interface WorldFigures {
  nodes: NodeFigures[];
  total: Counters;
  /** Requests Alice's and Mallory's browsers put on the wire. */
  exchanges: number;
  /** Bytes (UTF-8) of the Cookie and Authorization header values sent, over all requests. */
  credentialBytes: number;
  /** `credentialBytes` per request on the wire (0 when none). */
  credentialBytesPerRequest: number;
  /** Requests whose handling read at least one store (session, denylist, users …). */
  lookupRequests: number;
  /**
   * Requests that read the credential's own state: a session row, a refresh
   * family, and whatever the JWT revocation mode consults (the denylist, or
   * with not-before the user's row).
   */
  credentialLookupRequests: number;
  /** Requests that read what revokes the credential: session rows, the denylist, or the user's not-before time. 0 with revocation none. */
  revocationLookupRequests: number;
  /** Requests that read a refresh-token family (POST /refresh and POST /logout). */
  refreshFamilyLookupRequests: number;
  /** Requests that read the users table (by name at login, by id to answer or check a request). */
  usersReadRequests: number;
  /** Reads of the shared store, each charged `setup.sharedStoreLatencyMs` (per-node memory is not). */
  sharedReads: number;
  /** Requests to POST /refresh. */
  refreshes: number;
  readsByStore: Partial<Record<StoreName, number>>;
  /** The settings the sentences depend on, as this world really runs. */
  setup: {
    authStyle: WorldConfig['authStyle'];
    alg: JwtConfig['alg'];
    revocation: JwtConfig['revocation'];
    accessTtlMs: number;
    sharedStoreLatencyMs: number;
  };
}

const COUNTERS = ['requests', 'storeReads', 'storeWrites', 'signatureChecks', 'signaturesIssued'] as const;
const encoder = new TextEncoder();
type StoreRead = Extract<TraceEvent, { kind: 'store' }>;

/**
 * Whether a read is the revocation check of the world's credential. With
 * not-before, the JWT shop's check is a read of the user's row by id (the
 * same read then answers the route); login's read by name checks no token.
 */
function revokes(config: WorldConfig, read: StoreRead): boolean {
  if (config.authStyle === 'session') return read.store === 'session';
  if (config.jwt.revocation === 'denylist') return read.store === 'denylist';
  if (config.jwt.revocation === 'not-before') return read.store === 'users' && !read.key.startsWith('username=');
  return false;
}

export function figuresOf(world: World): WorldFigures {
  const nodes = world.deployment.nodes.map((n) => ({ id: n.id, up: n.up, ...n.counters }));
  const total = Object.fromEntries(COUNTERS.map((k) => [k, nodes.reduce((sum, n) => sum + n[k], 0)])) as unknown as Counters;
  const exchanges = world.trace.ofKind('exchange');
  let credentialBytes = 0;
  for (const exchange of exchanges) {
    for (const [name, value] of exchange.request.headers) {
      if (name === 'cookie' || name === 'authorization') credentialBytes += encoder.encode(value).length;
    }
  }
  const { config } = world;
  const readsByStore: Partial<Record<StoreName, number>> = {};
  const lookedUp = new Set<string>();
  const revocationLookups = new Set<string>();
  const familyLookups = new Set<string>();
  const usersReads = new Set<string>();
  let sharedReads = 0;
  for (const event of world.trace.ofKind('store')) {
    if (event.op !== 'read') continue;
    readsByStore[event.store] = (readsByStore[event.store] ?? 0) + 1;
    if (event.shared) sharedReads += 1;
    if (!event.exchangeId) continue;
    lookedUp.add(event.exchangeId);
    if (revokes(config, event)) revocationLookups.add(event.exchangeId);
    if (event.store === 'refresh-families') familyLookups.add(event.exchangeId);
    if (event.store === 'users') usersReads.add(event.exchangeId);
  }
  return {
    nodes,
    total,
    exchanges: exchanges.length,
    credentialBytes,
    credentialBytesPerRequest: exchanges.length ? Math.round(credentialBytes / exchanges.length) : 0,
    lookupRequests: lookedUp.size,
    credentialLookupRequests: new Set([...revocationLookups, ...familyLookups]).size,
    revocationLookupRequests: revocationLookups.size,
    refreshFamilyLookupRequests: familyLookups.size,
    usersReadRequests: usersReads.size,
    sharedReads,
    refreshes: exchanges.filter((e) => new URL(e.request.url).pathname === '/refresh').length,
    readsByStore,
    setup: {
      authStyle: config.authStyle,
      alg: config.jwt.alg,
      revocation: config.jwt.revocation,
      accessTtlMs: config.jwt.accessTtlMs,
      sharedStoreLatencyMs: config.deployment.sharedStoreLatencyMs,
    },
  };
}

/** JWT ÷ session as text: "×2.50", "×0", "only JWT", or "—" when both are zero. */
export function ratio(session: number, jwt: number): string {
  if (session === 0) return jwt === 0 ? '—' : 'only JWT';
  const r = jwt / session;
  return `×${Number.isInteger(r) ? r : r.toFixed(2)}`;
}

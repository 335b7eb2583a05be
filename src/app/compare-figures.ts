/**
 * The compare view's figures, read from each world's node counters and
 * trace, and the sentences that say what they show. The sentences are built
 * from the figures, so they change when the figures do.
 */
import type { StoreName } from '../sim/trace';
import type { World } from '../sim/world';
import type { StepOutcome } from './compare-runner';

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
  /** Requests that read the credential's own state: a session row, the denylist or a refresh family. */
  credentialLookupRequests: number;
  /** Requests to POST /refresh. */
  refreshes: number;
  readsByStore: Partial<Record<StoreName, number>>;
}

const COUNTERS = ['requests', 'storeReads', 'storeWrites', 'signatureChecks', 'signaturesIssued'] as const;
const encoder = new TextEncoder();
/** Stores that hold the state of a credential itself (users and carts hold data a route returns). */
const CREDENTIAL_STORES = new Set<StoreName>(['session', 'denylist', 'refresh-families']);

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
  const readsByStore: Partial<Record<StoreName, number>> = {};
  const lookedUp = new Set<string>();
  const credentialLookups = new Set<string>();
  for (const event of world.trace.ofKind('store')) {
    if (event.op !== 'read') continue;
    readsByStore[event.store] = (readsByStore[event.store] ?? 0) + 1;
    if (!event.exchangeId) continue;
    lookedUp.add(event.exchangeId);
    if (CREDENTIAL_STORES.has(event.store)) credentialLookups.add(event.exchangeId);
  }
  return {
    nodes,
    total,
    exchanges: exchanges.length,
    credentialBytes,
    credentialBytesPerRequest: exchanges.length ? Math.round(credentialBytes / exchanges.length) : 0,
    lookupRequests: lookedUp.size,
    credentialLookupRequests: credentialLookups.size,
    refreshes: exchanges.filter((e) => new URL(e.request.url).pathname === '/refresh').length,
    readsByStore,
  };
}

/** JWT ÷ session as text: "×2.50", "×0", "only JWT", or "—" when both are zero. */
export function ratio(session: number, jwt: number): string {
  if (session === 0) return jwt === 0 ? '—' : 'only JWT';
  const r = jwt / session;
  return `×${Number.isInteger(r) ? r : r.toFixed(2)}`;
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function storeList(reads: Partial<Record<StoreName, number>>): string {
  const parts = Object.entries(reads).map(([store, n]) => `${store} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

function times(session: number, jwt: number): string {
  if (session === jwt) return 'the same';
  const [big, small] = jwt > session ? [jwt, session] : [session, jwt];
  return small === 0 ? 'infinitely' : `${(big / small).toFixed(1)}×`;
}

/**
 * What the figures show, in plain sentences: requests, lookups, signature
 * checks, credential size, and how the last outcomes differ.
 */
export function describeComparison(session: WorldFigures, jwt: WorldFigures): string[] {
  const lines: string[] = [];
  const s = session.total;
  const j = jwt.total;
  if (s.requests === 0 && j.requests === 0) return ['Nothing has been sent yet: run a sequence or press an action.'];

  lines.push(
    s.requests === j.requests
      ? `Both shops handled ${plural(s.requests, 'request')}.`
      : `The session shop handled ${plural(s.requests, 'request')}, the JWT shop ${j.requests}${jwt.refreshes ? `, ${plural(jwt.refreshes, 'of them a token refresh', 'of them token refreshes')}` : ''}.`,
  );

  lines.push(
    `${session.credentialLookupRequests} of ${s.requests} session requests looked up the credential's state in a store (session rows); ` +
      `${jwt.credentialLookupRequests} of ${j.requests} JWT requests did (denylist, refresh families). ` +
      `Counting every store read (users and carts too): session ${session.lookupRequests}, JWT ${jwt.lookupRequests} requests. Reads by store — session shop: ${storeList(session.readsByStore)}; JWT shop: ${storeList(jwt.readsByStore)}.`,
  );
  if (jwt.readsByStore.denylist) {
    lines.push(`So the JWT shop was not lookup-free: ${plural(jwt.readsByStore.denylist, 'denylist read')} paid for being able to revoke tokens.`);
  } else if (session.credentialLookupRequests > jwt.credentialLookupRequests) {
    lines.push(`The JWT shop made ${session.credentialLookupRequests - jwt.credentialLookupRequests} fewer credential lookups: its tokens are checked by signature instead, and cannot be revoked before they expire.`);
  }

  if (j.signatureChecks > 0 || s.signatureChecks > 0) {
    lines.push(
      `Signature checks: session ${s.signatureChecks}, JWT ${j.signatureChecks}` +
        (j.requests ? ` (${(j.signatureChecks / j.requests).toFixed(2)} per JWT request)` : '') +
        '. Each is public-key or HMAC cryptography on the node, instead of a store round trip.',
    );
  }

  if (session.credentialBytesPerRequest > 0 || jwt.credentialBytesPerRequest > 0) {
    const bigger = jwt.credentialBytesPerRequest >= session.credentialBytesPerRequest ? 'JWT' : 'session';
    lines.push(
      `Credentials on the wire: ${session.credentialBytesPerRequest} B per session request, ${jwt.credentialBytesPerRequest} B per JWT request` +
        (session.credentialBytesPerRequest === jwt.credentialBytesPerRequest ? '.' : ` — the ${bigger} shop sends ${times(session.credentialBytesPerRequest, jwt.credentialBytesPerRequest)} as much with every request.`),
    );
  }

  const spread = (f: WorldFigures) => f.nodes.filter((n) => n.requests > 0).length;
  if (session.nodes.length > 1 || jwt.nodes.length > 1) {
    lines.push(`Requests were answered by ${spread(session)} of ${session.nodes.length} session nodes and ${spread(jwt)} of ${jwt.nodes.length} JWT nodes.`);
  }
  return lines;
}

/** Where the two step logs part ways, Mallory's last replay, and where Alice ends up. */
export function describeOutcomes(session: readonly StepOutcome[], jwt: readonly StepOutcome[]): string[] {
  const lines: string[] = [];
  // Status codes and error codes decide; node names and token refreshes are compared as they read.
  // Mallory's copy always differs (a cookie vs a token), so it does not count as the difference.
  const firstDifference = session.findIndex((s, i) => s.kind !== 'steal' && jwt[i] !== undefined && (s.detail !== jwt[i]!.detail || s.skipped !== jwt[i]!.skipped));
  if (firstDifference >= 0) {
    const s = session[firstDifference]!;
    const j = jwt[firstDifference]!;
    lines.push(`First difference, at step ${firstDifference + 1} (${s.label}): session → ${s.detail}; JWT → ${j.detail}.`);
  }
  const replay = (log: readonly StepOutcome[]) => [...log].reverse().find((o) => o.kind === 'replay' && !o.skipped);
  const sr = replay(session);
  const jr = replay(jwt);
  if (sr && jr) {
    const worked = (o: StepOutcome) => / → 2\d\d/.test(o.detail);
    lines.push(
      `Mallory's replay of the copied credential: session → ${sr.detail}; JWT → ${jr.detail}. ` +
        (worked(sr) === worked(jr)
          ? worked(sr)
            ? 'It worked against both shops.'
            : 'Both shops refused it.'
          : `Only the ${worked(sr) ? 'session' : 'JWT'} shop still accepted it.`),
    );
  }
  for (const [name, log] of [['session', session], ['JWT', jwt]] as const) {
    const skipped = log.filter((o) => o.kind === 'flow' && o.skipped);
    if (skipped.length) lines.push(`${plural(skipped.length, 'step')} of Alice's could not be taken in the ${name} shop (${skipped[0]!.detail}).`);
  }
  const sEnd = session.at(-1)?.state;
  const jEnd = jwt.at(-1)?.state;
  if (sEnd && jEnd) lines.push(sEnd === jEnd ? `Alice's browser ends in state ${sEnd} in both shops.` : `Alice's browser ends in state ${sEnd} with the session shop and ${jEnd} with the JWT shop.`);
  return lines;
}

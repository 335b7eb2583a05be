/**
 * The path of each exchange through the simulated deployment, derived from
 * the trace alone: client (a browser, or a service such as partner.example)
 * → load balancer → node → the stores and keys it touched → back, with the
 * answer's status. The stage, the sequence diagram
 * and their text alternatives all read this, so picture and words agree.
 *
 * Pure (no React, no DOM): unit-tested in test/unit/exchange-path.test.ts.
 */
import type { StoreName, TraceEvent } from '../../sim/trace';

type ExchangeEvent = Extract<TraceEvent, { kind: 'exchange' }>;
type StoreEvent = Extract<TraceEvent, { kind: 'store' }>;
type CryptoEvent = Extract<TraceEvent, { kind: 'crypto' }>;

/** One thing a node did while handling the exchange, in trace order. */
export type PathEffect =
  | { kind: 'store'; seq: number; node: string; shared: boolean; store: StoreName; op: StoreEvent['op']; hit?: boolean }
  | { kind: 'crypto'; seq: number; node: string; op: CryptoEvent['op']; alg: string; ok: boolean; code?: string; verifier: CryptoEvent['verifier'] };

export interface ExchangePath {
  id: string;
  seq: number;
  at: number;
  /** The client's name: a browser (`alice`) or a service (`partner`). */
  browser: string;
  client: 'browser' | 'service';
  /** The client as the learner reads it: `Alice`, or a service's host (`partner.example`). */
  clientLabel: string;
  method: string;
  path: string;
  /** The node that answered; absent when no node did (every node down). */
  node?: string;
  status: number;
  effects: PathEffect[];
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

function toEffect(event: StoreEvent | CryptoEvent): PathEffect {
  if (event.kind === 'store') {
    const { seq, node, shared, store, op, hit } = event;
    return { kind: 'store', seq, node, shared, store, op, ...(hit === undefined ? {} : { hit }) };
  }
  const { seq, node, op, alg, ok, code, verifier } = event;
  return { kind: 'crypto', seq, node, op, alg, ok, verifier, ...(code === undefined ? {} : { code }) };
}

/**
 * Every exchange with what it caused, oldest first, in one pass over the
 * trace (a node's work is recorded before the exchange that caused it).
 */
export function exchangePaths(events: readonly TraceEvent[]): ExchangePath[] {
  const effects = new Map<string, PathEffect[]>();
  const paths: ExchangePath[] = [];
  for (const event of events) {
    if ((event.kind === 'store' || event.kind === 'crypto') && event.exchangeId) {
      const list = effects.get(event.exchangeId) ?? [];
      list.push(toEffect(event));
      effects.set(event.exchangeId, list);
    } else if (event.kind === 'exchange') {
      paths.push(fromExchange(event, effects.get(event.id) ?? []));
    }
  }
  return paths;
}

function fromExchange(e: ExchangeEvent, effects: PathEffect[]): ExchangePath {
  return {
    id: e.id,
    seq: e.seq,
    at: e.at,
    browser: e.browser,
    client: e.client ?? 'browser',
    clientLabel: e.client === 'service' ? hostOf(e.request.initiator, e.browser) : actorName(e.browser),
    method: e.request.method,
    path: pathOf(e.request.url),
    ...(e.node ? { node: e.node } : {}),
    status: e.response.status,
    effects,
  };
}

/** A service is named by its host; the initiator of its exchanges is its origin. */
function hostOf(origin: string, fallback: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return fallback;
  }
}

/** "alice" → "Alice": browsers are named after the people using them. */
export function actorName(browser: string): string {
  return browser.charAt(0).toUpperCase() + browser.slice(1);
}

const STORE_WORDS: Record<StoreName, string> = {
  session: 'session',
  users: 'users',
  carts: 'cart',
  settings: 'settings',
  denylist: 'denylist',
  'refresh-families': 'refresh family',
};

/** Where an effect happens: the shared store, one node's memory, or one node's keys. */
export type EffectTarget = 'shared' | 'memory' | 'crypto';

export function targetOf(effect: PathEffect): EffectTarget {
  if (effect.kind === 'crypto') return 'crypto';
  return effect.shared ? 'shared' : 'memory';
}

/** "session read, hit" · "verify ES256, failed: bad_signature". */
export function describeEffect(effect: PathEffect): string {
  if (effect.kind === 'store') {
    const found = effect.hit === undefined ? '' : effect.hit ? ', hit' : ', miss';
    return `${STORE_WORDS[effect.store]} ${effect.op}${found}`;
  }
  const naive = effect.verifier === 'naive' ? ' (hand-rolled verifier)' : '';
  if (effect.op === 'sign') return `sign ${effect.alg}${naive}`;
  return `verify ${effect.alg}${naive}, ${effect.ok ? 'ok' : `failed${effect.code ? `: ${effect.code}` : ''}`}`;
}

export interface EffectGroup {
  target: EffectTarget;
  node: string;
  effects: PathEffect[];
}

/** Consecutive effects at the same place, so the path reads as hops, not as a log. */
export function groupEffects(effects: readonly PathEffect[]): EffectGroup[] {
  const groups: EffectGroup[] = [];
  for (const effect of effects) {
    const target = targetOf(effect);
    const last = groups.at(-1);
    if (last && last.target === target && last.node === effect.node) last.effects.push(effect);
    else groups.push({ target, node: effect.node, effects: [effect] });
  }
  return groups;
}

function groupName(group: EffectGroup): string {
  if (group.target === 'shared') return 'shared store';
  if (group.target === 'memory') return `${group.node} memory`;
  return `${group.node} keys`;
}

/** Status 0 with no node: fetch itself failed, the request never reached the shop. */
export function neverArrived(path: ExchangePath): boolean {
  return path.status === 0 && path.node === undefined;
}

/**
 * The path in words, e.g.
 * "GET /me: Alice → load balancer → node-2 → shared store (session read, hit) → 200".
 */
export function describePath(path: ExchangePath): string {
  if (neverArrived(path)) return `${path.method} ${path.path}: ${path.clientLabel} → network error, never reached the shop → 0`;
  const hops = [path.clientLabel, 'load balancer', path.node ?? 'no live node'];
  for (const group of groupEffects(path.effects)) hops.push(`${groupName(group)} (${group.effects.map(describeEffect).join('; ')})`);
  hops.push(String(path.status));
  return `${path.method} ${path.path}: ${hops.join(' → ')}`;
}

/**
 * Load balancer → N nodes. Nodes can be added, crashed and restarted; what a
 * crash loses depends on the session store topology (per-node memory is
 * gone, the shared store survives).
 */
import { AuthLabError } from '../errors';
import { check, inPart, type Restorable } from '../restorable';
import { MAX_NODES } from '../settings/deployment-settings';
import type { WorldServices } from '../services';
import { errorResponse, parseCookieHeader, type ShopRequest, type ShopResponse } from '../shop/http';
import { routeShopRequest } from '../shop/router';
import { sessionCookieSameSite } from '../shop/session-auth';
import { LoadBalancer, STICKY_COOKIE, pinSameSite, pinSetCookie, type SavedLoadBalancer } from './load-balancer';
import { SimNode, type SavedNode } from './node';
import { RequestContext } from './request-context';

/** A node was asked for beyond {@link MAX_NODES}; `code` is stable, the message says why. */
export class NodeLimitReached extends RangeError {
  readonly code = 'node_limit';

  constructor(message: string) {
    super(message);
    this.name = 'NodeLimitReached';
  }
}

export interface HandledResponse extends ShopResponse {
  node?: string;
  serverMs: number;
}

/** The deployment at one moment: the balancer and every node, in order. */
export interface SavedDeployment {
  readonly lb: SavedLoadBalancer;
  readonly nodes: readonly SavedNode[];
}

export class Deployment implements Restorable<SavedDeployment> {
  readonly nodes: SimNode[] = [];
  readonly lb: LoadBalancer;
  readonly #world: WorldServices;

  constructor(world: WorldServices) {
    this.#world = world;
    this.lb = new LoadBalancer(world.config.deployment.lbPolicy);
    this.resize(world.config.deployment.nodes);
  }

  node(id: string): SimNode {
    const node = this.nodes.find((n) => n.id === id);
    if (!node) throw new RangeError(`No node "${id}"; nodes are ${this.nodes.map((n) => n.id).join(', ')}`);
    return node;
  }

  /** Why no node can be added now, or undefined when one can: a world has at most {@link MAX_NODES}. */
  addNodeRefusal(): string | undefined {
    if (this.nodes.length < MAX_NODES) return undefined;
    return `The deployment already has ${this.nodes.length} nodes, the most a world may have; crash one instead of adding more`;
  }

  /** Adds the next node; throws a {@link NodeLimitReached} at the limit. */
  addNode(): SimNode {
    const refusal = this.addNodeRefusal();
    if (refusal) throw new NodeLimitReached(refusal);
    const node = new SimNode(`node-${this.nodes.length + 1}`);
    this.nodes.push(node);
    this.#world.trace.record({ kind: 'deployment', action: 'node-added', node: node.id });
    return node;
  }

  /** Grows to `count` nodes (nodes are never removed, only crashed). */
  resize(count: number): void {
    while (this.nodes.length < count) this.addNode();
  }

  crash(id: string): void {
    const node = this.node(id);
    const lost = node.memorySessions.size;
    node.crash();
    this.#world.trace.record({ kind: 'deployment', action: 'node-crashed', node: id, detail: `${lost} in-memory session(s) lost` });
  }

  restart(id: string): void {
    this.node(id).restart();
    this.#world.trace.record({ kind: 'deployment', action: 'node-restarted', node: id });
  }

  save(): SavedDeployment {
    return Object.freeze({ lb: this.lb.save(), nodes: Object.freeze(this.nodes.map((n) => n.save())) });
  }

  /**
   * Returns to the saved nodes: nodes added since are dropped, nodes that
   * existed then but not now are made again, and the ones still here are
   * restored in place (whoever holds them sees the change).
   */
  restore(saved: SavedDeployment): void {
    check(Array.isArray(saved?.nodes), 'the saved deployment has no list of nodes');
    const ids = saved.nodes.map((n) => n?.id);
    check(new Set(ids).size === ids.length, `the saved deployment names a node twice (${ids.join(', ')})`);
    // Each saved node goes into a fresh node first: a node that cannot be restored stops here, with nothing changed.
    const fresh = saved.nodes.map((n) => {
      check(typeof n?.id === 'string', 'a saved node has no id');
      const node = new SimNode(n.id);
      inPart(`deployment ${n.id}`, () => node.restore(n));
      return node;
    });
    inPart('load balancer', () => new LoadBalancer(this.lb.policy).restore(saved.lb));
    this.lb.restore(saved.lb);
    const next = saved.nodes.map((n, i) => {
      const kept = this.nodes.find((node) => node.id === n.id);
      if (!kept) return fresh[i]!;
      kept.restore(n);
      return kept;
    });
    this.nodes.splice(0, this.nodes.length, ...next);
  }

  async handle(request: ShopRequest): Promise<HandledResponse> {
    this.lb.policy = this.#world.config.deployment.lbPolicy;
    const pinned = parseCookieHeader(request.headers.get('cookie')).get(STICKY_COOKIE);
    const node = this.lb.pick(this.nodes, pinned);
    if (!node) return { ...errorResponse(new AuthLabError('node_down', 'Every node is down')), serverMs: 0 };
    node.counters.requests += 1;
    node.inFlight += 1;
    const ctx = new RequestContext(this.#world, node, request.exchangeId);
    try {
      const response = await routeShopRequest(ctx, request);
      if (this.lb.policy === 'sticky' && pinned !== node.id) {
        // Session style: the pin goes wherever the session cookie goes; the JWT shop's cookies are Lax or Strict.
        const { config } = this.#world;
        response.setCookies.push(pinSetCookie(node.id, config.authStyle === 'session' ? pinSameSite(sessionCookieSameSite(config)) : 'Lax'));
      }
      return { ...response, node: node.id, serverMs: ctx.serverMs };
    } finally {
      node.inFlight -= 1;
    }
  }
}

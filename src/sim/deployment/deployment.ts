/**
 * Load balancer → N nodes. Nodes can be added, crashed and restarted; what a
 * crash loses depends on the session store topology (per-node memory is
 * gone, the shared store survives).
 */
import { AuthLabError } from '../errors';
import type { WorldServices } from '../services';
import { errorResponse, parseCookieHeader, type ShopRequest, type ShopResponse } from '../shop/http';
import { routeShopRequest } from '../shop/router';
import { LoadBalancer, STICKY_COOKIE } from './load-balancer';
import { SimNode } from './node';
import { RequestContext } from './request-context';

export interface HandledResponse extends ShopResponse {
  node?: string;
  serverMs: number;
}

export class Deployment {
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

  addNode(): SimNode {
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
        response.setCookies.push(`${STICKY_COOKIE}=${node.id}; Path=/; Secure; HttpOnly; SameSite=Lax`);
      }
      return { ...response, node: node.id, serverMs: ctx.serverMs };
    } finally {
      node.inFlight -= 1;
    }
  }
}

/**
 * Chooses the node for each request.
 * - round-robin: the next live node in turn.
 * - sticky: pins a browser to a node with the LB's own cookie; a dead
 *   pinned node means a new node (and, with per-node sessions, a logout).
 * - least-busy: fewest requests in flight, then fewest served. Requests in
 *   this simulation run one at a time, so ties are broken by total served.
 */
import type { LbPolicy, SameSitePolicy } from '../config';
import { check, type Restorable } from '../restorable';
import type { SimNode } from './node';

export const STICKY_COOKIE = '__Host-lb';

/**
 * The SameSite of the balancer's pin: the narrowest that is sent wherever the
 * cookie whose state lives on the pinned node (the session cookie) is sent.
 * A Lax pin beside a SameSite=None session cookie stays home on a cross-site
 * fetch that carries the session, which then lands on a node that does not
 * know it. A Strict pin beside a Strict session would stay home on a
 * cross-site link, whose answer (a top-level navigation's) may set cookies,
 * so the balancer would re-pin the browser elsewhere: Lax. A cookie without
 * SameSite is sent cross-site by some browsers: None, which goes wherever it
 * goes. Operators configure their balancers alike (nginx `sticky cookie …
 * samesite=`, HAProxy `cookie … attr`); AWS ALB issues a second pin,
 * `AWSALBCORS`, with `SameSite=None; Secure`, for the same reason.
 */
export function pinSameSite(sessionSameSite: SameSitePolicy): 'Lax' | 'None' {
  return sessionSameSite === 'None' || sessionSameSite === 'unset' ? 'None' : 'Lax';
}

/** The balancer's Set-Cookie pinning a browser to `nodeId`. */
export function pinSetCookie(nodeId: string, sameSite: 'Lax' | 'None'): string {
  return `${STICKY_COOKIE}=${nodeId}; Path=/; Secure; HttpOnly; SameSite=${sameSite}`;
}

/** Where the balancer stands: its policy and where round-robin continues. */
export interface SavedLoadBalancer {
  readonly policy: LbPolicy;
  readonly cursor: number;
}

export class LoadBalancer implements Restorable<SavedLoadBalancer> {
  policy: LbPolicy;
  #cursor = 0;

  constructor(policy: LbPolicy) {
    this.policy = policy;
  }

  /** Where round-robin continues. */
  get cursor(): number {
    return this.#cursor;
  }

  save(): SavedLoadBalancer {
    return Object.freeze({ policy: this.policy, cursor: this.#cursor });
  }

  restore(saved: SavedLoadBalancer): void {
    check(Number.isInteger(saved?.cursor) && saved.cursor >= 0, `the round-robin position ${String(saved?.cursor)} is not a whole number`);
    check(typeof saved.policy === 'string', 'the balancing policy is missing');
    this.policy = saved.policy;
    this.#cursor = saved.cursor;
  }

  pick(nodes: readonly SimNode[], stickyNodeId: string | undefined): SimNode | undefined {
    const live = nodes.filter((n) => n.up);
    if (live.length === 0) return undefined;
    if (this.policy === 'sticky' && stickyNodeId) {
      const pinned = live.find((n) => n.id === stickyNodeId);
      if (pinned) return pinned;
    }
    if (this.policy === 'least-busy') {
      return [...live].sort((a, b) => a.inFlight - b.inFlight || a.counters.requests - b.counters.requests)[0];
    }
    const node = live[this.#cursor % live.length];
    this.#cursor += 1;
    return node;
  }
}

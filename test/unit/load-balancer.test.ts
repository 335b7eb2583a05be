/**
 * The load balancer's three policies, without a server: which node answers
 * decides whether per-node sessions survive (SCALE-01, SCALE-03).
 */
import { describe, expect, it } from 'vitest';
import { LoadBalancer, STICKY_COOKIE } from '../../src/sim/deployment/load-balancer';
import { SimNode } from '../../src/sim/deployment/node';

const nodes = (count: number) => Array.from({ length: count }, (_, i) => new SimNode(`node-${i + 1}`));
const picks = (lb: LoadBalancer, pool: SimNode[], times: number, pinned?: string) =>
  Array.from({ length: times }, () => lb.pick(pool, pinned)?.id);

describe('round-robin', () => {
  it('takes the nodes in turn', () => {
    expect(picks(new LoadBalancer('round-robin'), nodes(3), 7)).toEqual(['node-1', 'node-2', 'node-3', 'node-1', 'node-2', 'node-3', 'node-1']);
  });

  it('skips nodes that are down and uses them again once restarted', () => {
    const pool = nodes(3);
    const lb = new LoadBalancer('round-robin');
    pool[1]!.crash();
    const whileDown = picks(lb, pool, 6);
    expect(whileDown).not.toContain('node-2');
    expect(new Set(whileDown)).toEqual(new Set(['node-1', 'node-3']));
    pool[1]!.restart();
    expect(picks(lb, pool, 3)).toContain('node-2');
  });

  it('answers undefined when every node is down', () => {
    const pool = nodes(2);
    for (const node of pool) node.crash();
    expect(new LoadBalancer('round-robin').pick(pool, undefined)).toBeUndefined();
    expect(new LoadBalancer('sticky').pick(pool, 'node-1')).toBeUndefined();
    expect(new LoadBalancer('least-busy').pick(pool, undefined)).toBeUndefined();
  });

  it('ignores a sticky pin when the policy is not sticky', () => {
    expect(picks(new LoadBalancer('round-robin'), nodes(2), 3, 'node-2')).toEqual(['node-1', 'node-2', 'node-1']);
  });
});

describe('SCALE-03: sticky', () => {
  it('SCALE-03: the LB cookie is __Host- (the LB\'s own cookie is hardened too)', () => {
    expect(STICKY_COOKIE).toBe('__Host-lb');
  });

  it('SCALE-03: a pinned browser always reaches its node', () => {
    expect(picks(new LoadBalancer('sticky'), nodes(3), 5, 'node-3')).toEqual(Array(5).fill('node-3'));
  });

  it('SCALE-03: without a pin it falls back to round-robin', () => {
    expect(picks(new LoadBalancer('sticky'), nodes(2), 3)).toEqual(['node-1', 'node-2', 'node-1']);
  });

  it('SCALE-03: a pin to a dead or unknown node goes to another live node', () => {
    const pool = nodes(2);
    pool[0]!.crash();
    expect(picks(new LoadBalancer('sticky'), pool, 3, 'node-1')).toEqual(['node-2', 'node-2', 'node-2']);
    expect(new LoadBalancer('sticky').pick(nodes(2), 'node-9')?.id).toBe('node-1');
  });
});

describe('least-busy', () => {
  it('prefers the node with the fewest requests in flight', () => {
    const pool = nodes(3);
    pool[0]!.inFlight = 2;
    pool[1]!.inFlight = 0;
    pool[2]!.inFlight = 1;
    pool[1]!.counters.requests = 100;
    expect(new LoadBalancer('least-busy').pick(pool, undefined)?.id).toBe('node-2');
  });

  it('breaks ties by total requests served, skipping down nodes', () => {
    const pool = nodes(3);
    pool[0]!.counters.requests = 5;
    pool[1]!.counters.requests = 1;
    pool[2]!.counters.requests = 3;
    const lb = new LoadBalancer('least-busy');
    expect(lb.pick(pool, undefined)?.id).toBe('node-2');
    pool[1]!.crash();
    expect(lb.pick(pool, undefined)?.id).toBe('node-3');
  });
});

describe('SimNode', () => {
  it('SCALE-03: a crash loses in-process sessions; a restart does not bring them back', () => {
    const [node] = nodes(1);
    node!.memorySessions.set('id', { id: 'id', userId: 'u-1001', createdAt: 0, lastSeenAt: 0, userEpoch: 0, csrfToken: 't', cart: [], createdOn: 'node-1' });
    node!.crash();
    expect(node!.up).toBe(false);
    expect(node!.memorySessions.size).toBe(0);
    node!.restart();
    expect(node!.up).toBe(true);
    expect(node!.memorySessions.size).toBe(0);
  });
});

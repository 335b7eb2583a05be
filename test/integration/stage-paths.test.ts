/**
 * The stage's words for real requests through the shop (msw/node): the node
 * the load balancer chose, what that node read, and the same after time travel.
 */
import { describe, expect, it } from 'vitest';
import { describePath, exchangePaths } from '../../src/ui/stage/exchange-path';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

describe('the path of a real request', () => {
  it('round-robin over per-node memory: the second request lands on node-2, which does not know the session', async () => {
    const world = await shop.world({ deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'round-robin' } });
    await world.page('alice').login('alice', 'wonderland');
    await world.page('alice').me();
    expect(exchangePaths(world.trace.all()).map(describePath)).toEqual([
      'POST /login: Alice → load balancer → node-1 → shared store (users read, hit) → node-1 memory (session write) → 200',
      'GET /me: Alice → load balancer → node-2 → node-2 memory (session read, miss) → 401',
    ]);
  });

  it('JWT: node-2 verifies the signature, then asks the shared store about the denylist', async () => {
    const world = await shop.world({ authStyle: 'jwt', deployment: { nodes: 2 } });
    await world.page('alice').login('alice', 'wonderland');
    await world.page('alice').me();
    expect(describePath(exchangePaths(world.trace.all()).at(-1)!)).toMatch(
      /^GET \/me: Alice → load balancer → node-2 → node-2 keys \(verify ES256, ok\) → shared store \(denylist read, miss.*\) → 200$/,
    );
  });

  it('after a restore, the paths are those of the restored moment', async () => {
    const world = await shop.world();
    await world.page('alice').login('alice', 'wonderland');
    const before = world.save();
    await world.page('alice').me();
    world.restore(before);
    expect(exchangePaths(world.trace.all()).map((p) => `${p.method} ${p.path}`)).toEqual(['POST /login']);
  });
});

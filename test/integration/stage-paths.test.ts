/**
 * The stage's words for real requests through the shop (msw/node): the node
 * the load balancer chose, what that node read, and the same after time travel.
 */
import { describe, expect, it } from 'vitest';
import { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS } from '../../src/sim/deployment/partner-service';
import { describePath, exchangePaths } from '../../src/ui/stage/exchange-path';
import { partnerView } from '../../src/ui/stage/service-view';
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

describe("the partner's JWKS fetch on the stage", () => {
  it('travels partner.example → load balancer → a node and back, and the box shows what jose says of its cache as time passes', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'ES256', accessTtlMs: 60 * 60_000 }, deployment: { nodes: 2 } });
    await world.page('alice').login('alice', 'wonderland');
    expect(partnerView(world.partner, 'partner.example').lines).toEqual(['JWKS: not fetched', 'until 1st check']);
    await world.partner.verify(world.page('alice').accessToken!);
    expect(describePath(exchangePaths(world.trace.all()).at(-1)!)).toBe('GET /.well-known/jwks.json: partner.example → load balancer → node-2 → 200');
    expect(partnerView(world.partner, 'partner.example').lines).toEqual(['JWKS: 1 key', 'fetched 09:00:00', 'fresh · cooldown']);
    world.advance(JWKS_COOLDOWN_MS);
    expect(partnerView(world.partner, 'partner.example').lines.at(-1)).toBe('fresh');
    world.advance(JWKS_CACHE_MAX_AGE_MS - JWKS_COOLDOWN_MS);
    expect(partnerView(world.partner, 'partner.example').sentence).toMatch(/^partner\.example caches the shop's JWKS \(es256-1\), fetched at 09:00:00; jose says stale/);
  });

  it('HS256: the box says the partner holds the secret, which signs too', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { alg: 'HS256' } });
    expect(partnerView(world.partner, 'partner.example').lines).toEqual(['holds HS256 secret', 'can sign, too']);
  });
});

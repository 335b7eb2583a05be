/**
 * Time travel restores the whole world, not only a machine: after stepping
 * back, the browser's cookies, the server's stores, the clock and the trace
 * agree again, and requests behave as they did at that moment.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/sim/clock';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

describe('world snapshots', () => {
  it('steps back over a logout: the same cookie works again, on the server too', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const empty = world.save();
    await alice.login('alice', 'wonderland');
    await alice.addToCart('tea', 2);
    const loggedIn = world.save();
    const cookie = alice.browser.cookies()[0]!.value;
    world.advance(5 * MINUTE);
    await alice.logout();
    expect((await alice.me()).status).toBe(401);

    world.restore(loggedIn);
    expect(world.clock.now()).toBe(loggedIn.at);
    expect(world.trace.length).toBe(loggedIn.traceLength);
    expect(alice.browser.cookies()[0]?.value).toBe(cookie);
    expect(world.db.sessions.get(cookie)?.cart).toEqual([{ sku: 'tea', qty: 2 }]);
    const me = await alice.me();
    expect(me.status).toBe(200);
    // Exchange ids continue from the restored point, so the trace stays consistent.
    expect(me.exchangeId).toBe(`${world.id}-x3`);

    world.restore(empty);
    expect(alice.browser.cookies()).toEqual([]);
    expect(world.db.sessions.size).toBe(0);
    expect(world.trace.ofKind('exchange')).toHaveLength(0);
  });

  it('a recorded past cannot be changed by what happens after it', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const before = world.save();
    await alice.addToCart('tea', 1);
    world.restore(before);
    await alice.addToCart('cake', 1);
    world.restore(before);
    expect((await alice.cart()).body).toMatchObject({ cart: [] });
  });

  it('JWT: stepping back before a logout brings the denylisted token back to life, and its refresh family', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const before = world.save();
    const token = alice.accessToken;
    await alice.logout();
    expect(world.db.denylist.size).toBe(1);
    world.restore(before);
    expect(world.db.denylist.size).toBe(0);
    expect(alice.accessToken).toBe(token);
    expect((await alice.me()).status).toBe(200);
    expect((await alice.refresh()).status).toBe(200);
  });

  it('undoes deployment changes: a crashed node is back up with its memory sessions', async () => {
    const world = await shop.world({ deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'sticky' } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const before = world.save();
    const pinned = world.deployment.nodes.find((n) => n.memorySessions.size === 1)!;
    world.deployment.crash(pinned.id);
    expect((await alice.me()).status).toBe(401);
    world.restore(before);
    expect(pinned.up).toBe(true);
    expect((await alice.me()).status).toBe(200);
  });
});

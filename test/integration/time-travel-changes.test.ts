/**
 * Time travel across changes to the world's make-up (issue 8): a node added,
 * a node crashed, settings changed (new keys included), a browser opened.
 * Stepping back to the start and forward again must bring back exactly the
 * world that was there, parts that did not exist at the start included.
 */
import { describe, expect, it } from 'vitest';
import { History } from '../../src/app/history';
import { FlowRunner } from '../../src/machines/flow-runner';
import { SHOP_ORIGIN, type ConfigPatch } from '../../src/sim/config';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

async function setup(config: ConfigPatch = {}) {
  const world = await shop.world(config);
  const flow = new FlowRunner(world.config.authStyle, world.page('alice'));
  const history = new History(world, flow);
  /** One learner action, recorded as a step the way the lab does. */
  const step = async (label: string, action: () => unknown) => {
    await action();
    await flow.settled();
    history.record(label);
  };
  const flowEvent = (event: string) => step(event, () => flow.send(event));
  const forwardToEnd = () => {
    while (history.canForward) history.forward();
  };
  return { world, flow, history, step, flowEvent, forwardToEnd };
}

describe('time travel across changes to the world', () => {
  it('add a node, act, step back to the start, step forward: the node is back with what it served', async () => {
    const { world, history, step, flowEvent, forwardToEnd } = await setup({ deployment: { lbPolicy: 'round-robin' } });
    await step('add a node', () => world.deployment.addNode());
    await flowEvent('LOG_IN');
    await flowEvent('CALL_ME');
    const served = world.deployment.nodes.map((n) => [n.id, n.counters.requests]);
    expect(served).toEqual([['node-1', 1], ['node-2', 1]]);

    history.reset();
    expect(world.deployment.nodes.map((n) => n.id)).toEqual(['node-1']);
    forwardToEnd();
    expect(world.deployment.nodes.map((n) => [n.id, n.counters.requests])).toEqual(served);
    expect((await world.page('alice').me()).status).toBe(200);
    expect(world.deployment.nodes.map((n) => n.counters.requests)).toEqual([2, 1]);
  });

  it('crash a node: stepping back revives it with its in-memory sessions, stepping forward crashes it again', async () => {
    const { world, history, step, flowEvent, forwardToEnd } = await setup({ deployment: { sessionStore: 'per-node', lbPolicy: 'sticky' } });
    await step('add a node', () => world.deployment.addNode());
    await flowEvent('LOG_IN');
    expect(world.deployment.node('node-1').memorySessions.size).toBe(1);
    await step('crash node-1', () => world.deployment.crash('node-1'));
    await flowEvent('CALL_ME');

    history.back();
    history.back();
    expect(world.deployment.node('node-1').up).toBe(true);
    expect(world.deployment.node('node-1').memorySessions.size).toBe(1);
    history.reset();
    expect(world.deployment.nodes.map((n) => n.id)).toEqual(['node-1']);
    forwardToEnd();
    expect(world.deployment.nodes.map((n) => [n.id, n.up, n.memorySessions.size])).toEqual([['node-1', false, 0], ['node-2', true, 0]]);
    const me = await world.page('alice').me();
    expect([me.status, me.node]).toEqual([401, 'node-2']);
  });

  it('change settings that add nodes: back to the start and forward again', async () => {
    const { world, history, step, flowEvent, forwardToEnd } = await setup();
    await flowEvent('LOG_IN');
    await step('3 nodes, round-robin', () => world.configure({ deployment: { nodes: 3, lbPolicy: 'round-robin' } }));
    await flowEvent('CALL_ME');
    await flowEvent('CALL_ME');

    history.reset();
    expect(world.config.deployment.nodes).toBe(1);
    expect(world.deployment.nodes).toHaveLength(1);
    forwardToEnd();
    expect(world.config.deployment).toMatchObject({ nodes: 3, lbPolicy: 'round-robin' });
    // Round-robin carries on where it was: login on node-1, the two calls on node-2 and node-3, the next one on node-1.
    expect(world.deployment.nodes.map((n) => n.counters.requests)).toEqual([1, 1, 1]);
    const me = await world.page('alice').me();
    expect([me.status, me.node]).toEqual([200, 'node-1']);
  });

  it('change settings that make new keys (ES256 → EdDSA): forward again, the new token verifies and the old one does not', async () => {
    const { world, history, step, flowEvent, forwardToEnd } = await setup({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
    await flowEvent('LOG_IN');
    const es256Token = world.page('alice').accessToken!;
    await step('sign with EdDSA', () => world.configure({ jwt: { alg: 'EdDSA' } }));
    await flowEvent('LOG_OUT');
    await flowEvent('LOG_IN');
    const edToken = world.page('alice').accessToken!;

    history.reset();
    expect(world.keys.active().alg).toBe('ES256');
    forwardToEnd();
    expect(world.config.jwt.alg).toBe('EdDSA');
    expect(world.keys.keys.map((k) => k.alg)).toEqual(['EdDSA']);
    expect(world.page('alice').accessToken).toBe(edToken);
    expect((await world.page('alice').me()).status).toBe(200);
    const stale = await world.send('mallory', { url: `${SHOP_ORIGIN}/me`, initiator: 'user', headers: { authorization: `Bearer ${es256Token}` } });
    expect(stale.status).toBe(401);
  });

  it('a new browser: gone at the start, back with its cookies and page after stepping forward', async () => {
    const { world, history, step, forwardToEnd } = await setup();
    await step('open a browser for bob', () => world.addBrowser('bob', { page: `${SHOP_ORIGIN}/cart` }));
    await step('bob logs in', () => world.page('bob').login('bob', 'builder'));
    const cookie = world.browser('bob').cookies().map((c) => `${c.name}=${c.value}`);
    expect(cookie).toHaveLength(1);

    history.reset();
    expect([...world.browsers.keys()]).toEqual(['alice', 'admin', 'mallory']);
    expect(() => world.browser('bob')).toThrow(RangeError);
    forwardToEnd();
    const bob = world.browser('bob');
    expect(bob.cookies().map((c) => `${c.name}=${c.value}`)).toEqual(cookie);
    expect(bob.page).toBe(`${SHOP_ORIGIN}/cart`);
    const me = await world.page('bob').me();
    expect([me.status, errorCode(me.body), (me.body as { user?: { username?: string } }).user?.username]).toEqual([200, undefined, 'bob']);
  });

  it("a browser reopened with other settings: restoring a moment before brings back the settings it had then, in what it sends", async () => {
    const { world } = await setup({ session: { sameSite: 'None' } });
    world.addBrowser('bob', { thirdPartyCookies: 'block' });
    expect((await world.page('bob').login('bob', 'builder')).status).toBe(200);
    const blocking = world.save();
    /** What a fetch from evil.example carries to the shop, from bob's browser. */
    const crossSiteCookies = async () => {
      const evil = await world.send('bob', { url: `${SHOP_ORIGIN}/me`, initiator: 'https://evil.example', mode: 'fetch' });
      return world.trace.ofKind('exchange').find((e) => e.id === evil.exchangeId)!.request.headers.filter(([name]) => name === 'cookie');
    };
    expect(await crossSiteCookies()).toEqual([]);

    // Bob reopens his browser allowing third-party cookies, and logs in again: now his None cookie rides cross-site.
    world.addBrowser('bob', { thirdPartyCookies: 'allow' });
    expect((await world.page('bob').login('bob', 'builder')).status).toBe(200);
    expect(await crossSiteCookies()).toEqual([['cookie', expect.stringContaining('__Host-shop_sid=')]]);

    world.restore(blocking);
    expect(world.browser('bob').jar.thirdPartyCookies).toBe('block');
    expect(await crossSiteCookies()).toEqual([]);
  });
});

/**
 * The flow diagram's buttons: which of Alice's events are possible now, and
 * for the others a reason in words that names where they would work.
 */
import { describe, expect, it } from 'vitest';
import { FlowRunner } from '../../src/machines/flow-runner';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

describe('why an event is unavailable', () => {
  it.each(['session', 'jwt'] as const)('%s flow: signed out, only LOG_IN is possible and the others say where they work', async (style) => {
    const world = await shop.world({ authStyle: style });
    const flow = new FlowRunner(style, world.page('alice'));
    expect([...flow.enabledEvents()]).toEqual(['LOG_IN']);
    expect(flow.blockedReason('LOG_IN')).toBeUndefined();
    expect(flow.blockedReason('CALL_ME')).toBe('CALL_ME is not possible in signedOut; only in signedIn');

    flow.send('LOG_IN');
    await flow.settled();
    expect(flow.blockedReason('CALL_ME')).toBeUndefined();
    expect(flow.blockedReason('LOG_IN')).toBe('LOG_IN is not possible in signedIn; only in signedOut, sessionEnded');
    flow.stop();
  });
});

describe('the edge the diagram highlights', () => {
  const lastEdges = (flow: FlowRunner) => flow.graph.edges.filter((e) => flow.isLastEdge(e)).map((e) => e.label);

  it('after an idle timeout the cart write answered as a guest lights only [nowAGuest], not its twin [sessionRejected]', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const flow = new FlowRunner('session', world.page('alice'));
    flow.send('LOG_IN');
    await flow.settled();
    world.advance(16 * 60_000);
    flow.send('ADD_TO_CART');
    await flow.settled();
    expect(lastEdges(flow)).toEqual(['callApi done [nowAGuest]']);

    flow.send('LOG_IN');
    await flow.settled();
    world.advance(16 * 60_000);
    flow.send('CALL_ME');
    await flow.settled();
    expect(lastEdges(flow)).toEqual(['callApi done [sessionRejected]']);
    flow.stop();
  });
});

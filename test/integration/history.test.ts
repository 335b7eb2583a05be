/**
 * Stepping back and forward restores Alice's flow machine and the world
 * together, and acting after stepping back starts a new future.
 */
import { describe, expect, it } from 'vitest';
import { FlowRunner } from '../../src/machines/flow-runner';
import { History, replacedNote } from '../../src/app/history';

import { MINUTE } from '../../src/sim/clock';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

async function setup(style: 'session' | 'jwt') {
  const world = await shop.world({ authStyle: style });
  const flow = new FlowRunner(style, world.page('alice'));
  const history = new History(world, flow);
  const act = async (event: string) => {
    flow.send(event);
    await flow.settled();
    history.record(event);
  };
  const state = () => String(flow.actor.getSnapshot().value);
  return { world, flow, history, act, state };
}

describe('history (time travel over world + flow)', () => {
  it('steps back over a logout to a working session, and a new action drops the old future', async () => {
    const { world, history, act, state, flow } = await setup('session');
    await act('LOG_IN');
    await act('LOG_OUT');
    expect(state()).toBe('signedOut');
    history.back();
    expect(state()).toBe('signedIn');
    expect(world.browser('alice').cookies()).toHaveLength(1);
    expect(flow.last?.eventType).toMatch(/logIn/);
    await act('CALL_ME');
    expect(state()).toBe('signedIn');
    expect(world.trace.ofKind('exchange').map((e) => e.response.status)).toEqual([200, 200]);
    expect(history.steps.map((s) => s.label)).toEqual(['start', 'LOG_IN', 'CALL_ME']);
    expect(history.canForward).toBe(false);
  });

  it('reset goes to the start and forward replays the recorded steps', async () => {
    const { world, history, act, state } = await setup('jwt');
    await act('LOG_IN');
    world.advance(6 * MINUTE);
    history.record('+6 min');
    await act('CALL_ME');
    history.reset();
    expect(state()).toBe('signedOut');
    expect(world.trace.length).toBe(history.steps[0]!.world.traceLength);
    history.forward();
    expect(state()).toBe('signedIn');
    history.forward();
    expect(world.clock.now()).toBe(history.steps[2]!.world.at);
    history.forward();
    expect(world.trace.ofKind('exchange').map((e) => `${new URL(e.request.url).pathname} ${e.response.status}`)).toEqual([
      '/login 200',
      '/me 401',
      '/refresh 200',
      '/me 200',
    ]);
    expect(history.canForward).toBe(false);
  });
});

describe('acting after stepping back says which steps it replaced', () => {
  it('record() returns the dropped steps, and the note names them (the first three, then how many more)', async () => {
    const { history, act } = await setup('session');
    for (const event of ['LOG_IN', 'CALL_ME', 'VIEW_CART', 'ADD_TO_CART', 'LOG_OUT']) await act(event);
    history.goTo(0);
    const dropped = history.record('clock: +16 min');
    expect(dropped.map((s) => s.label)).toEqual(['LOG_IN', 'CALL_ME', 'VIEW_CART', 'ADD_TO_CART', 'LOG_OUT']);
    expect(replacedNote(dropped, 'clock: +16 min')).toBe(
      '"clock: +16 min" was done after stepping back, so it starts a new future: the 5 later step(s) "LOG_IN", "CALL_ME", "VIEW_CART" and 2 more are gone from the list.',
    );
    expect(replacedNote(history.record('LOG_IN'), 'LOG_IN')).toBeNull();
  });
});

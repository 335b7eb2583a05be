/**
 * The time-travel property test's `perform`: an action the world or the
 * lesson refuses (no such node, Mallory holds no token yet, a flow event her
 * machine cannot take now) is a step like any other, but an action that
 * crashes fails the test instead of passing as a step.
 */
import { describe, expect, it } from 'vitest';
import { useShopServer } from './shop-harness';
import { openLab, perform } from './world-actions';

const shop = useShopServer();

let serial = 0;
const lab = () => openLab(shop, { style: 'jwt', alg: 'HS256', seed: 7, id: `world-actions-${++serial}` });

describe('performing an action for the time-travel property test', () => {
  it.each([
    ['deployment: crash node-3', 'no node-3 in a one-node deployment'],
    ['mallory: send GET /me with her token', 'Mallory holds no token yet'],
    ["mallory: get a copy of alice's access token", 'Alice holds no access token yet'],
    ['alice: log out', "Alice's flow cannot log out before logging in"],
  ])('a refused action is a step: %s (%s)', async (label) => {
    const l = await lab();
    await perform(l, label);
    expect(l.history.steps.map((s) => s.label)).toEqual([expect.any(String), label]);
  });

  it('an action that crashes fails: a TypeError is not a step', async () => {
    const l = await lab();
    // A notebook without its cookie map: replaying cookies reads it and throws a TypeError, as a bug in an action would.
    l.ctx.notebook = {} as never;
    await expect(perform(l, 'mallory: replay stolen cookies')).rejects.toThrow(TypeError);
    expect(l.history.steps).toHaveLength(1);
  });
});

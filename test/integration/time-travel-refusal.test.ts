/**
 * A restore that cannot be done is refused whole: the world stays exactly
 * as it was (no half-restored clock, nodes or browsers), the error names the
 * part that refused and why, and the lab shows that message beside the
 * time-travel buttons instead of a broken world.
 */
import { describe, expect, it } from 'vitest';
import { History } from '../../src/app/history';
import { useLab } from '../../src/app/lab-store';
import { FlowRunner } from '../../src/machines/flow-runner';
import { MINUTE } from '../../src/sim/clock';
import { SHOP_ORIGIN } from '../../src/sim/config';
import { WorldRestoreError } from '../../src/sim/restorable';
import type { SavedWorld } from '../../src/sim/world';
import { canonical } from './canonical-world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

/** The saved moment with Bob's cookie jar damaged; everything else as saved. */
function withBrokenJar(saved: SavedWorld): SavedWorld {
  const members = saved.parts.browsers.members.map((m) => (m.name === 'bob' ? { ...m, browser: { ...m.browser, jar: { cookies: [{ value: 'no name, no domain' }] } } } : m));
  return { ...saved, parts: { ...saved.parts, browsers: { members } } };
}

describe('a restore that fails changes nothing and says why', () => {
  it('a damaged browser in the saved moment: refused naming "browser bob", the world exactly as before', async () => {
    const world = await shop.world();
    const start = world.save();
    world.deployment.addNode();
    world.addBrowser('bob');
    await world.page('bob').login('bob', 'builder');
    world.advance(3 * MINUTE);
    const later = world.save();
    world.restore(start);
    await world.page('alice').login('alice', 'wonderland');
    const before = canonical(world);

    let refusal: unknown;
    try {
      world.restore(withBrokenJar(later));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(WorldRestoreError);
    expect(refusal).toMatchObject({ code: 'world_restore_failed', part: 'browser bob', unchanged: true });
    expect((refusal as Error).message).toBe('Could not restore browser bob: saved cookie 1 has no name or no domain. The world is as it was.');
    // Clock, settings, keys, database and deployment come before the browsers and were restored first: all put back.
    expect(canonical(world)).toBe(before);
    expect(world.deployment.nodes).toHaveLength(1);
    expect((await world.page('alice').me()).status).toBe(200);
    // The good moment still restores.
    world.restore(later);
    expect((await world.page('bob').me()).status).toBe(200);
  });

  it('a moment saved in another world is refused before anything is touched', async () => {
    const one = await shop.world();
    const other = await shop.world();
    const before = canonical(one);
    expect(() => one.restore(other.save())).toThrow(`Could not restore the world: that moment was saved in world "${other.id}", not in "${one.id}". The world is as it was.`);
    expect(canonical(one)).toBe(before);
  });

  it('a saved moment missing a part names what is missing', async () => {
    const world = await shop.world();
    const saved = world.save();
    const parts: Record<string, unknown> = { ...saved.parts };
    delete parts.keys;
    expect(() => world.restore({ ...saved, parts: parts as unknown as SavedWorld['parts'] })).toThrow(/^Could not restore the world: the saved moment has nothing for keys\./);
  });

  it('History: stepping to a step that cannot be restored leaves the step, the world and the flow where they were', async () => {
    const world = await shop.world();
    const flow = new FlowRunner('session', world.page('alice'));
    const history = new History(world, flow);
    world.addBrowser('bob', { page: `${SHOP_ORIGIN}/` });
    await world.page('bob').login('bob', 'builder');
    history.record('bob logs in');
    flow.send('LOG_IN');
    await flow.settled();
    history.record('LOG_IN');
    const before = canonical(world);
    history.steps[1] = { ...history.steps[1]!, world: withBrokenJar(history.steps[1]!.world) };

    expect(() => history.back()).toThrow(WorldRestoreError);
    expect(history.index).toBe(2);
    expect(String(flow.actor.getSnapshot().value)).toBe('signedIn');
    expect(canonical(world)).toBe(before);

    // The lab shows the reason beside the time-travel buttons and stays on the step it was on.
    useLab.setState({ world, flow, history, busy: false, travelError: null });
    useLab.getState().travel('back');
    expect(useLab.getState().travelError).toBe('Could not restore browser bob: saved cookie 1 has no name or no domain. The world is as it was.');
    expect(history.index).toBe(2);
    useLab.getState().travel('reset');
    expect(useLab.getState().travelError).toBeNull();
    expect(history.index).toBe(0);
    expect(String(flow.actor.getSnapshot().value)).toBe('signedOut');
  });
});

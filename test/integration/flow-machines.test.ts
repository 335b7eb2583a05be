/**
 * The client flow machines drive the real simulated browser: events in,
 * states out, time moved on the virtual clock. The states they pass through
 * are recorded, so a refresh-and-retry is visible step by step.
 */
import { createActor, waitFor, type AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { jwtFlowMachine } from '../../src/machines/jwt-flow.machine';
import { sessionFlowMachine } from '../../src/machines/session-flow.machine';
import { DAY, MINUTE } from '../../src/sim/clock';
import type { World } from '../../src/sim/world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

const RESTING = ['signedOut', 'signedIn', 'sessionEnded'];

function drive(machine: AnyStateMachine, world: World, input: { username?: string; password?: string } = {}) {
  const actor = createActor(machine, { input: { page: world.page('alice'), ...input } });
  const visited: string[] = [];
  actor.subscribe((snapshot) => {
    const value = String(snapshot.value);
    if (visited.at(-1) !== value) visited.push(value);
  });
  actor.start();
  /** Sends an event and waits until the flow rests again; returns the states passed through. */
  async function send(type: string): Promise<string[]> {
    const from = visited.length;
    actor.send({ type });
    const snapshot = await waitFor(actor, (s) => RESTING.includes(String(s.value)) && visited.length > from, { timeout: 5000 });
    return [String(snapshot.value), ...visited.slice(from)].slice(1);
  }
  return { actor, visited, send };
}

const last = (world: World) => world.trace.ofKind('exchange').map((e) => `${e.request.method} ${new URL(e.request.url).pathname} ${e.response.status}`);

describe('session flow machine', () => {
  it('logs in, calls the API, ends on the server-side idle timeout, and logs in again', async () => {
    const world = await shop.world();
    const flow = drive(sessionFlowMachine, world);
    expect(flow.actor.getSnapshot().matches('signedOut')).toBe(true);
    expect(await flow.send('LOG_IN')).toEqual(['signingIn', 'signedIn']);
    expect(await flow.send('ADD_TO_CART')).toEqual(['calling', 'signedIn']);
    world.advance(16 * MINUTE);
    expect(await flow.send('CALL_ME')).toEqual(['calling', 'sessionEnded']);
    expect(flow.actor.getSnapshot().context.last).toMatchObject({ status: 401, error: 'session_expired' });
    expect(await flow.send('LOG_IN')).toEqual(['signingIn', 'signedIn']);
    expect(await flow.send('LOG_OUT')).toEqual(['signingOut', 'signedOut']);
    expect(last(world)).toEqual(['POST /login 200', 'POST /cart 200', 'GET /me 401', 'POST /login 200', 'POST /logout 200']);
  });

  it('stays signed out on a wrong password and offers only LOG_IN', async () => {
    const world = await shop.world();
    const flow = drive(sessionFlowMachine, world, { password: 'guess' });
    expect(await flow.send('LOG_IN')).toEqual(['signingIn', 'signedOut']);
    const snapshot = flow.actor.getSnapshot();
    expect(snapshot.context.last).toMatchObject({ status: 401, error: 'bad_credentials' });
    expect(snapshot.can({ type: 'CALL_ME' })).toBe(false);
    expect(snapshot.can({ type: 'LOG_IN' })).toBe(true);
  });
});

describe('JWT flow machine', () => {
  it('refreshes an expired access token and retries the call', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const flow = drive(jwtFlowMachine, world);
    await flow.send('LOG_IN');
    world.advance(6 * MINUTE);
    expect(await flow.send('CALL_ME')).toEqual(['calling', 'refreshing', 'calling', 'signedIn']);
    expect(last(world)).toEqual(['POST /login 200', 'GET /me 401', 'POST /refresh 200', 'GET /me 200']);
  });

  it('ends the session when the refresh token is past its absolute lifetime', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const flow = drive(jwtFlowMachine, world);
    await flow.send('LOG_IN');
    world.advance(DAY + MINUTE);
    expect(await flow.send('CALL_ME')).toEqual(['calling', 'refreshing', 'sessionEnded']);
    expect(flow.actor.getSnapshot().context.last).toMatchObject({ status: 401 });
  });

  it('does not try to refresh a revoked token: it goes straight to sessionEnded', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'not-before' } });
    const flow = drive(jwtFlowMachine, world);
    await flow.send('LOG_IN');
    const admin = world.page('admin');
    await admin.login('admin', 'console');
    world.advance(2000);
    expect((await admin.call('POST', '/admin/users/revoke', { username: 'alice' })).status).toBe(200);
    world.advance(2000);
    expect(await flow.send('CALL_ME')).toEqual(['calling', 'sessionEnded']);
    expect(flow.actor.getSnapshot().context.last).toMatchObject({ status: 401, error: 'token_revoked' });
  });

  it('REFRESH on demand rotates the tokens and returns to signedIn', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const flow = drive(jwtFlowMachine, world);
    await flow.send('LOG_IN');
    expect(await flow.send('REFRESH')).toEqual(['refreshing', 'signedIn']);
  });
});

/**
 * The user's own account controls. SESS-09: Alice sees where she is logged
 * in (by handle, never by id) and ends one login after typing her password
 * again. SESS-10: changing email or MFA needs the password, so a stolen
 * session cannot take the account over.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { AuthStyle } from '../../src/sim/config';
import { sessionHandle } from '../../src/sim/shop/session-handle';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

interface Listed {
  handle: string;
  current?: boolean;
}

async function aliceOnTwoDevices(authStyle: AuthStyle): Promise<World> {
  const world = await shop.world({ authStyle, jwt: { storage: 'localStorage' } });
  world.addBrowser('alice-phone');
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  expect((await world.page('alice-phone').login('alice', 'wonderland')).status).toBe(200);
  return world;
}

const listed = (response: SimResponse) => (response.body as { sessions: Listed[] }).sessions;
const expectError = (response: SimResponse, status: number, code: string) =>
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status, error: code });

describe('SESS-09: Alice lists and ends her own logins', () => {
  it('SESS-09: session style: two logins listed by handle, this one marked current, and no session id in the answer', async () => {
    const world = await aliceOnTwoDevices('session');
    const answer = await world.page('alice').call('GET', '/account/sessions');
    expect(answer.status).toBe(200);
    const sessions = listed(answer);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => /^[A-Za-z0-9_-]{12}$/.test(s.handle))).toBe(true);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const text = JSON.stringify(answer.body);
    for (const id of world.db.sessions.keys()) expect(text).not.toContain(id);
  });

  it('SESS-09: ending the phone\'s login needs the password: a wrong one ends nothing, the right one logs the phone out only', async () => {
    const world = await aliceOnTwoDevices('session');
    const alice = world.page('alice');
    const phoneHandle = listed(await alice.call('GET', '/account/sessions')).find((s) => !s.current)!.handle;

    expectError(await alice.call('POST', '/account/sessions/end', { handle: phoneHandle, password: 'guess' }), 401, 'bad_credentials');
    expect((await world.page('alice-phone').me()).status).toBe(200);

    const ended = await alice.call('POST', '/account/sessions/end', { handle: phoneHandle, password: 'wonderland' });
    expect(ended).toMatchObject({ status: 200, body: { ended: phoneHandle } });
    expectError(await world.page('alice-phone').me(), 401, 'unknown_session');
    expect((await alice.me()).status).toBe(200);
  });

  it('SESS-09: JWT style: each device is a refresh family; ending the phone\'s stops its refresh, the laptop refreshes on', async () => {
    const world = await aliceOnTwoDevices('jwt');
    const alice = world.page('alice');
    const sessions = listed(await alice.call('GET', '/account/sessions'));
    expect(sessions).toHaveLength(2);
    const phoneFamily = [...world.db.refreshFamilies.values()].at(-1)!;
    const handle = sessionHandle(phoneFamily.id);
    expect(sessions.map((s) => s.handle)).toContain(handle);
    expect((await alice.call('POST', '/account/sessions/end', { handle, password: 'wonderland' })).status).toBe(200);
    expect(phoneFamily).toMatchObject({ state: 'revoked', endedBy: 'user' });
    expectError(await world.page('alice-phone').refresh(), 401, 'refresh_invalid');
    expect((await alice.refresh()).status).toBe(200);
  });

  it('SESS-09: Bob cannot end Alice\'s login, even knowing its handle and his own password', async () => {
    const world = await aliceOnTwoDevices('session');
    world.addBrowser('bob');
    const handle = listed(await world.page('alice').call('GET', '/account/sessions'))[0]!.handle;
    expect((await world.page('bob').login('bob', 'builder')).status).toBe(200);
    expectError(await world.page('bob').call('POST', '/account/sessions/end', { handle, password: 'builder' }), 404, 'not_found');
    expect((await world.page('alice').me()).status).toBe(200);
  });
});

describe('SESS-10: email and MFA changes ask for the password again', () => {
  it('SESS-10: a wrong password changes nothing; the right one changes email and MFA', async () => {
    const world = await aliceOnTwoDevices('session');
    const alice = world.page('alice');
    expectError(await alice.call('PUT', '/account/settings', { email: 'alice@new.example', password: 'guess' }), 401, 'bad_credentials');
    expect(world.db.users.get('u-1001')).toMatchObject({ email: 'alice@example.com', mfaEnabled: false });
    const changed = await alice.call('PUT', '/account/settings', { email: 'alice@new.example', mfaEnabled: true, password: 'wonderland' });
    expect(changed).toMatchObject({ status: 200, body: { email: 'alice@new.example', mfaEnabled: true } });
  });

  it('SESS-10: Mallory replaying Alice\'s stolen cookie reads the account but cannot redirect its email or switch MFA off', async () => {
    const world = await shop.world({ authStyle: 'session', vulnerable: { cookieWithoutHttpOnly: true } });
    expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
    await world.page('alice').call('PUT', '/account/settings', { mfaEnabled: true, password: 'wonderland' });
    const mallory = new Mallory(world);
    const stolen = mallory.xss('alice').documentCookie.split('=');
    mallory.plantInOwnBrowser(stolen[0]!, stolen.slice(1).join('='));
    expect((await mallory.request('GET', '/me')).status).toBe(200);
    const takeover = await world.send('mallory', {
      method: 'PUT',
      url: 'https://shop.example.com/account/settings',
      body: { email: 'mallory@evil.example', mfaEnabled: false, password: 'wonderland?' },
      initiator: 'https://shop.example.com',
    });
    expectError(takeover, 401, 'bad_credentials');
    expect(world.db.users.get('u-1001')).toMatchObject({ email: 'alice@example.com', mfaEnabled: true });
  });
});

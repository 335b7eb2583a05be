/**
 * XSS-01: HttpOnly keeps the session id out of an injected script's hands,
 * but the script still acts as the victim from inside her page
 * (misconception 2: HttpOnly prevents theft, not misuse).
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { SHOP_ORIGIN } from '../../src/sim/config';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';

describe('XSS-01: injected script cannot read the HttpOnly cookie, yet its requests succeed as the victim', () => {
  it('XSS-01: document.cookie lacks the session id, but fetchAsVictim GET /me answers as Alice', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    // A non-HttpOnly cookie on the same page shows the script can read cookies at all.
    alice.browser.jar.receive('theme=dark; Path=/; Secure', `${SHOP_ORIGIN}/`, world.clock.now());
    const id = alice.browser.cookies().find((c) => c.name === HOST_SID)!.value;

    const foothold = new Mallory(world).xss('alice');
    expect(foothold.documentCookie).toBe('theme=dark');
    expect(foothold.documentCookie).not.toContain(id);
    expect(foothold.localStorage).toEqual({});

    const me = await foothold.fetchAsVictim('GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'alice' } });
    const sent = world.trace.ofKind('exchange').find((e) => e.id === me.exchangeId)!;
    const cookieHeader = sent.request.headers.find(([name]) => name === 'cookie')?.[1] ?? '';
    expect(cookieHeader.split('; ')).toContain(`${HOST_SID}=${id}`);
  });

  it('XSS-01: the same-origin script also passes the CSRF check, so it can change Alice\'s data', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const foothold = new Mallory(world).xss('alice');
    const write = await foothold.fetchAsVictim('POST', '/cart', { sku: 'gift-card', qty: 5 });
    expect(write.status).toBe(200);
    const settings = await foothold.fetchAsVictim('PUT', '/settings', { newsletter: true });
    expect(settings.status).toBe(200);
    expect((await alice.cart()).body).toMatchObject({ cart: [{ sku: 'gift-card', qty: 5 }], guest: false });
    expect(world.db.settings.get('u-1001')).toMatchObject({ newsletter: true });
  });

  it('XSS-01: safe: without the cookie value Mallory cannot use the session from her own browser', async () => {
    const world = await shop.world();
    await world.page('alice').login('alice', 'wonderland');
    const mallory = new Mallory(world);
    const foothold = mallory.xss('alice');
    // All she can exfiltrate is what document.cookie shows: nothing that names the session.
    expect(foothold.documentCookie).not.toContain(HOST_SID);
    const me = await world.page('mallory').me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('not_authenticated');
  });

  it('XSS-01: vulnerable (cookieWithoutHttpOnly): the script reads the id and Mallory uses it from her own browser', async () => {
    const world = await shop.world({ vulnerable: { cookieWithoutHttpOnly: true } });
    await world.page('alice').login('alice', 'wonderland');
    const mallory = new Mallory(world);
    const foothold = mallory.xss('alice');
    const stolen = /__Host-shop_sid=([^;]+)/.exec(foothold.documentCookie)?.[1];
    expect(stolen).toMatch(/^[A-Za-z0-9_-]{43}$/);
    mallory.plantInOwnBrowser(HOST_SID, stolen!);
    const me = await world.page('mallory').me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'alice' } });
    // The theft keeps working after Alice closes the tab: the copy outlives the foothold.
    world.browser('alice').restart();
    expect((await world.page('mallory').me()).status).toBe(200);
  });
});

describe("a script that wraps the page's fetch", () => {
  it('sees the Authorization header the page adds from a token in memory, until the page reloads', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const seen: string[] = [];
    new Mallory(world).xss('alice').wrapFetch((request) => seen.push(request.headers?.authorization ?? '(none)'));
    expect((await alice.me()).status).toBe(200);
    expect(seen).toEqual([`Bearer ${alice.memoryToken!}`]);
    alice.reload();
    expect((await alice.refresh()).status).toBe(200);
    expect((await alice.me()).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('goes back in time with the world: before the wrap there is none; after it, it is back', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const before = world.save();
    const seen: string[] = [];
    new Mallory(world).xss('alice').wrapFetch((request) => seen.push(request.url));
    const wrapped = world.save();
    world.restore(before);
    await alice.me();
    expect(seen).toEqual([]);
    world.restore(wrapped);
    await alice.me();
    expect(seen).toEqual([`${SHOP_ORIGIN}/me`]);
  });
});

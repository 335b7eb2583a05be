/**
 * Session ids through the real MSW path: how they are made (SESS-01), when
 * they are replaced (SESS-02, SESS-03), and how long the server honours them
 * (SESS-05, SESS-06, SESS-07). Each flaw switch is shown beside the safe path.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { HOUR, MINUTE } from '../../src/sim/clock';
import { SHOP_ORIGIN } from '../../src/sim/config';
import { cryptoRandom, toBase64Url } from '../../src/sim/random';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { World } from '../../src/sim/world';
import { errorCode, header, useShopServer } from './shop-harness';

const shop = useShopServer();

const HOST_SID = '__Host-shop_sid';
/** The name used when the Secure flaw is on (a `__Host-` name would need Secure). */
const PLAIN_SID = 'shop_sid';

/** The session id a response's Set-Cookie hands out, if any. */
function issuedId(response: SimResponse): string | undefined {
  for (const value of header(response.headers, 'set-cookie')) {
    const match = /^(?:__Host-)?shop_sid=([^;]+)/.exec(value);
    if (match) return match[1];
  }
  return undefined;
}

/** Mallory's own browser, holding only the given session id. */
function malloryWith(world: World, name: string, id: string) {
  new Mallory(world).plantInOwnBrowser(name, id);
  return world.page('mallory');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SESS-01: session ids are unique, long, random and meaningless', () => {
  it('SESS-01: 200 logins give 200 different 43-character base64url ids (256 bits)', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const login = await alice.login('alice', 'wonderland');
      expect(login.status).toBe(200);
      const id = issuedId(login);
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      ids.add(id!);
    }
    expect(ids.size).toBe(200);
    // No shared prefix either: the first 8 characters (48 bits) already differ.
    expect(new Set([...ids].map((id) => id.slice(0, 8))).size).toBe(200);
    // 43 base64url characters carry 43 * 6 = 258 bits, i.e. the 32 random bytes.
    expect(Buffer.from([...ids][0]!, 'base64url')).toHaveLength(32);
    // Each login destroyed the session before it: one row left in the store.
    expect([...world.db.sessions.values()].filter((row) => row.userId === 'u-1001')).toHaveLength(1);
    // 200 PBKDF2 logins: give a busy 2-core machine time instead of racing the 5 s default.
  }, 30_000);

  it('SESS-01: ids come from the platform CSPRNG by default, exactly 32 of its bytes and nothing else', async () => {
    const world = await shop.world();
    expect(world.random.kind).toBe('csprng');
    expect(world.random).toBe(cryptoRandom);
    const drawn: Uint8Array[] = [];
    const original = cryptoRandom.bytes.bind(cryptoRandom);
    vi.spyOn(cryptoRandom, 'bytes').mockImplementation((length: number) => {
      const bytes = original(length);
      drawn.push(bytes);
      return bytes;
    });
    const login = await world.page('alice').login('alice', 'wonderland');
    const id = issuedId(login)!;
    // The id is the base64url of one 32-byte CSPRNG draw: no user id, name, time or counter in it.
    const source = drawn.find((bytes) => toBase64Url(bytes) === id);
    expect(source).toBeDefined();
    expect(source).toHaveLength(32);
  });

  it('SESS-01: the id does not encode who logged in or when', async () => {
    const world = await shop.world();
    const aliceId = issuedId(await world.page('alice').login('alice', 'wonderland'))!;
    const adminId = issuedId(await world.page('admin').login('admin', 'console'))!;
    for (const id of [aliceId, adminId]) {
      const decoded = Buffer.from(id, 'base64url').toString('latin1');
      for (const fact of ['alice', 'admin', 'u-1001', 'u-9001', String(world.clock.nowSeconds()), 'customer']) {
        expect(id).not.toContain(fact);
        expect(decoded).not.toContain(fact);
      }
    }
    expect(aliceId).not.toBe(adminId);
    // The meaning lives only in the server's row.
    expect(world.db.sessions.get(aliceId)).toMatchObject({ userId: 'u-1001' });
    expect(world.db.sessions.get(adminId)).toMatchObject({ userId: 'u-9001' });
  });
});

describe('SESS-02: the session id changes at login and password change', () => {
  it('SESS-02: a guest session id is replaced at login and the pre-login id answers 401', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const guest = await alice.addToCart('tea', 2);
    expect(guest.body).toMatchObject({ guest: true });
    const guestId = issuedId(guest)!;
    expect(guestId).toBeDefined();

    const login = await alice.login('alice', 'wonderland');
    const loggedInId = issuedId(login)!;
    expect(loggedInId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loggedInId).not.toBe(guestId);
    expect(world.db.sessions.has(guestId)).toBe(false);
    // The guest cart moved into the new session.
    expect((await alice.cart()).body).toMatchObject({ cart: [{ sku: 'tea', qty: 2 }], guest: false });

    const replay = await malloryWith(world, HOST_SID, guestId).me();
    expect(replay.status).toBe(401);
    expect(errorCode(replay.body)).toBe('unknown_session');
  });

  it('SESS-02: logging in over another account\'s session starts a new session without that account\'s cart', async () => {
    const world = await shop.world();
    const shared = world.page('alice');
    await shared.login('bob', 'builder');
    await shared.addToCart('hammer', 1);
    const bobId = shared.browser.cookies().find((c) => c.name === HOST_SID)!.value;
    const login = await shared.login('alice', 'wonderland');
    expect(issuedId(login)).not.toBe(bobId);
    expect(world.db.sessions.has(bobId)).toBe(false);
    expect((await shared.cart()).body).toMatchObject({ cart: [], guest: false });
  });

  it('SESS-02: a password change issues a new id; the old id answers 401 and the new one works', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const oldId = issuedId(await alice.login('alice', 'wonderland'))!;
    const change = await alice.changePassword('wonderland', 'through-the-looking-glass');
    expect(change.status).toBe(200);
    const newId = issuedId(change)!;
    expect(newId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newId).not.toBe(oldId);
    expect(world.db.sessions.has(oldId)).toBe(false);
    expect((await alice.me()).status).toBe(200);

    const replay = await malloryWith(world, HOST_SID, oldId).me();
    expect(replay.status).toBe(401);
    expect(errorCode(replay.body)).toBe('unknown_session');
  });

  it('SESS-02: safe: an id Mallory planted from a sibling subdomain is replaced at login, so her copy stays a stranger', async () => {
    // The Secure flaw renames the cookie to plain `shop_sid`, which a sibling can plant.
    const world = await shop.world({ vulnerable: { cookieWithoutSecure: true } });
    const mallory = new Mallory(world);
    const malloryPage = world.page('mallory');
    const guestId = issuedId(await malloryPage.addToCart('socks', 1))!;
    expect(mallory.plantCookieFromSibling('alice', `${PLAIN_SID}=${guestId}; Domain=example.com; Path=/`)).toMatchObject({ ok: true });

    const login = await world.page('alice').login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect(issuedId(login)).not.toBe(guestId);

    const hijack = await malloryPage.me();
    expect(hijack.status).toBe(401);
    expect(errorCode(hijack.body)).toBe('unknown_session');
  });

  it('SESS-02: vulnerable (noSessionIdRegeneration): Mallory plants her guest id, Alice logs in, Mallory is Alice', async () => {
    const world = await shop.world({ vulnerable: { noSessionIdRegeneration: true, cookieWithoutSecure: true } });
    const mallory = new Mallory(world);
    const malloryPage = world.page('mallory');
    // 1. Mallory gets a real guest session in her own browser.
    const guestId = issuedId(await malloryPage.addToCart('socks', 1))!;
    expect(guestId).toBeDefined();
    // 2. From blog.example.com she sets it for the whole site in Alice's browser.
    expect(mallory.plantCookieFromSibling('alice', `${PLAIN_SID}=${guestId}; Domain=example.com; Path=/`)).toMatchObject({
      ok: true,
      cookie: { domain: 'example.com', hostOnly: false },
    });
    // 3. Alice logs in; the server keeps the id it was given.
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect(issuedId(login)).toBe(guestId);
    expect(world.db.sessions.get(guestId)).toMatchObject({ userId: 'u-1001' });
    // 4. Mallory's own copy of the id is now logged in as Alice.
    const hijack = await malloryPage.me();
    expect(hijack.status).toBe(200);
    expect(hijack.body).toMatchObject({ user: { username: 'alice' } });
  });

  it('SESS-02: with the default __Host- cookie a sibling cannot plant the id, so even noSessionIdRegeneration is not exploitable that way', async () => {
    const world = await shop.world({ vulnerable: { noSessionIdRegeneration: true } });
    const mallory = new Mallory(world);
    const malloryPage = world.page('mallory');
    const guestId = issuedId(await malloryPage.addToCart('socks', 1))!;
    const planted = mallory.plantCookieFromSibling('alice', `${HOST_SID}=${guestId}; Secure; Domain=example.com; Path=/`);
    expect(planted.ok).toBe(false);
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(issuedId(login)).not.toBe(guestId);
    expect((await malloryPage.me()).status).toBe(401);
  });
});

describe('SESS-03: a client-invented session id is never adopted', () => {
  it('SESS-03: safe: an unknown sid is refused with 401 and login issues a fresh server-made id', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    // However it got there, Alice's browser holds an id the server never issued.
    expect(alice.browser.jar.receive(`${HOST_SID}=attacker123; Path=/; Secure`, `${SHOP_ORIGIN}/`, world.clock.now()).ok).toBe(true);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('unknown_session');

    const login = await alice.login('alice', 'wonderland');
    expect(login.status).toBe(200);
    const id = issuedId(login)!;
    expect(id).not.toBe('attacker123');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(world.db.sessions.has('attacker123')).toBe(false);

    const attacker = await malloryWith(world, HOST_SID, 'attacker123').me();
    expect(attacker.status).toBe(401);
    expect(errorCode(attacker.body)).toBe('unknown_session');
  });

  it('SESS-03: vulnerable (acceptClientSessionId): Alice logs in with a planted sid=attacker123 and Mallory uses it', async () => {
    const world = await shop.world({ vulnerable: { acceptClientSessionId: true, cookieWithoutSecure: true } });
    const mallory = new Mallory(world);
    expect(mallory.plantCookieFromSibling('alice', `${PLAIN_SID}=attacker123; Domain=example.com; Path=/`).ok).toBe(true);
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(login.status).toBe(200);
    expect(issuedId(login)).toBe('attacker123');
    expect(world.db.sessions.get('attacker123')).toMatchObject({ userId: 'u-1001' });

    const hijack = await malloryWith(world, PLAIN_SID, 'attacker123').me();
    expect(hijack.status).toBe(200);
    expect(hijack.body).toMatchObject({ user: { username: 'alice' } });
  });
});

describe('SESS-05: the server ends idle sessions', () => {
  it('SESS-05: default idle timeout is 15 min: exactly 15 min idle still works, 15 min + 1 ms answers 401', async () => {
    const world = await shop.world();
    expect(world.config.session.idleTimeoutMs).toBe(15 * MINUTE);
    const alice = world.page('alice');
    const id = issuedId(await alice.login('alice', 'wonderland'))!;
    world.advance(15 * MINUTE);
    expect((await alice.me()).status).toBe(200);
    world.advance(15 * MINUTE + 1);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('session_expired');
    // Enforced on the server: the browser still sent the cookie (a session cookie has no expiry of its own),
    // the server refused it and deleted the row; its 401 then tells the browser to drop the dead cookie.
    expect(world.trace.ofKind('exchange').at(-1)?.request.headers).toContainEqual(['cookie', `${HOST_SID}=${id}`]);
    expect(world.db.sessions.has(id)).toBe(false);
    expect(alice.browser.cookies().find((c) => c.name === HOST_SID)).toBeUndefined();
    // A copy of the id elsewhere finds nothing either.
    const copy = await malloryWith(world, HOST_SID, id).me();
    expect(errorCode(copy.body)).toBe('unknown_session');
  });

  it('SESS-05: every request restarts the idle window', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    for (let i = 0; i < 4; i++) {
      world.advance(14 * MINUTE);
      expect((await alice.me()).status).toBe(200);
    }
  });

  it('SESS-05: the idle limit is the server config, not the browser\'s: a 5 min limit ends a session idle for 6 min', async () => {
    const world = await shop.world({ session: { idleTimeoutMs: 5 * MINUTE } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    world.advance(6 * MINUTE);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('session_expired');
  });
});

describe('SESS-06: constant activity still ends at the absolute lifetime', () => {
  it('SESS-06: a request every 10 min keeps the session until exactly 8 h, then 401 session_expired', async () => {
    const world = await shop.world();
    expect(world.config.session.absoluteTimeoutMs).toBe(8 * HOUR);
    const alice = world.page('alice');
    const id = issuedId(await alice.login('alice', 'wonderland'))!;
    const loginAt = world.clock.now();
    for (let i = 1; i <= 48; i++) {
      world.advance(10 * MINUTE);
      const me = await alice.me();
      expect(me.status, `request at ${i * 10} min`).toBe(200);
    }
    expect(world.clock.now() - loginAt).toBe(8 * HOUR);
    // Never idle for more than 10 min, so only the absolute limit can end it.
    expect(world.db.sessions.get(id)).toMatchObject({ createdAt: loginAt, lastSeenAt: world.clock.now() });
    world.advance(10 * MINUTE);
    const me = await alice.me();
    expect(me.status).toBe(401);
    expect(errorCode(me.body)).toBe('session_expired');
    expect(world.db.sessions.has(id)).toBe(false);
  });
});

describe('SESS-07: logout is server-side invalidation; deleting the cookie is not logout', () => {
  it('SESS-07: dropping the cookie in the browser (restart) leaves the server session usable by anyone holding a copy', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const id = issuedId(await alice.login('alice', 'wonderland'))!;
    expect(alice.browser.restart()).toContain(HOST_SID);
    const aliceMe = await alice.me();
    expect(aliceMe.status).toBe(401);
    expect(errorCode(aliceMe.body)).toBe('not_authenticated');
    // The row is untouched and a copied cookie still works.
    expect(world.db.sessions.get(id)).toMatchObject({ userId: 'u-1001' });
    const copy = await malloryWith(world, HOST_SID, id).me();
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ user: { username: 'alice' } });
  });

  it('SESS-07: POST /logout deletes the row, so the same copied cookie answers 401', async () => {
    const world = await shop.world();
    const alice = world.page('alice');
    const id = issuedId(await alice.login('alice', 'wonderland'))!;
    const mallory = malloryWith(world, HOST_SID, id);
    expect((await mallory.me()).status).toBe(200);
    const logout = await alice.logout();
    expect(logout.status).toBe(200);
    expect(world.db.sessions.has(id)).toBe(false);
    const deletes = world.trace.causedBy(logout.exchangeId).filter((e) => e.kind === 'store' && e.op === 'delete' && e.key === id);
    expect(deletes).toHaveLength(1);
    const replay = await mallory.me();
    expect(replay.status).toBe(401);
    expect(errorCode(replay.body)).toBe('unknown_session');
  });
});

describe('SESS-04: the session id travels only in its cookie', () => {
  async function aliceSessionId(world: World): Promise<string> {
    const login = await world.page('alice').login('alice', 'wonderland');
    const id = issuedId(login);
    if (!id) throw new Error('login issued no session id');
    return id;
  }

  it('SESS-04: a valid id in the query string, without the cookie, is ignored: 401', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = await aliceSessionId(world);
    const answer = await new Mallory(world).request('GET', `/me?${HOST_SID}=${id}&sid=${id}&session=${id}`);
    expect({ status: answer.status, error: errorCode(answer.body) }).toEqual({ status: 401, error: 'not_authenticated' });
  });

  it('SESS-04: a valid id in a same-origin JSON body, without the cookie, is ignored: the write lands in a new guest cart', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const id = await aliceSessionId(world);
    world.addBrowser('stranger');
    const body = JSON.stringify({ sku: 'tea', qty: 1, [HOST_SID]: id, sid: id, sessionId: id });
    const answer = await world.send('stranger', { method: 'POST', url: `${SHOP_ORIGIN}/cart`, body, contentType: 'application/json', initiator: SHOP_ORIGIN });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ guest: true });
    expect(issuedId(answer)).not.toBe(id);
    expect(world.db.sessions.get(id)?.cart).toEqual([]);
  });

  it('SESS-04: no URL, response body or header other than Set-Cookie ever carries the id', async () => {
    const world = await shop.world({ authStyle: 'session' });
    const alice = world.page('alice');
    const id = await aliceSessionId(world);
    await alice.me();
    await alice.addToCart('tea', 2);
    await alice.cart();
    await alice.changePassword('wonderland', 'looking-glass-42');
    const current = world.browser('alice').cookies().find((c) => c.name === HOST_SID)!.value;
    await alice.logout();
    for (const exchange of world.trace.ofKind('exchange')) {
      for (const secret of [id, current]) {
        expect(exchange.request.url).not.toContain(secret);
        expect(JSON.stringify(exchange.response.body ?? null)).not.toContain(secret);
        const leaking = exchange.response.headers.filter(([name, value]) => name !== 'set-cookie' && value.includes(secret));
        expect(leaking).toEqual([]);
      }
    }
  });
});

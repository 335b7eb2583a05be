/**
 * The server's trace names a session by its handle (the first characters of
 * SHA-256 of the id, the handle the admin console and "my sessions" list),
 * never by any part of the id itself: OWASP's logging guidance says to log a
 * hash of a session id, not the id. Token `jti`s and refresh-family ids,
 * which are not credentials, keep their first characters.
 */
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { MINUTE } from '../../src/sim/clock';
import { sessionHandle } from '../../src/sim/shop/session-handle';
import type { World } from '../../src/sim/world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();
const SID = '__Host-shop_sid';

/** Every session id the shop issued in this world, from the Set-Cookie headers it sent. */
function issuedSessionIds(world: World): string[] {
  return world.trace
    .ofKind('exchange')
    .flatMap((e) => e.response.headers.filter(([name, value]) => name === 'set-cookie' && value.startsWith(`${SID}=`) && !value.startsWith(`${SID}=;`)))
    .map(([, value]) => value.slice(SID.length + 1, value.indexOf(';')));
}

/** What the server wrote about sessions: its notes and its lifecycle verdicts. */
const serverLog = (world: World) => world.trace.all().filter((e) => e.kind === 'note' || e.kind === 'lifecycle');

describe("the trace names sessions by a hash, never by the id", () => {
  it('dead-session notes and session lifecycle verdicts show the handle the admin lists, and no 8 characters of any id', async () => {
    const world = await shop.world({ deployment: { nodes: 2, sessionStore: 'per-node' } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const [id] = issuedSessionIds(world);
    new Mallory(world).plantInOwnBrowser(SID, id!);
    await alice.me(); // node-2: not in its memory
    await alice.me(); // node-1: still alive
    await alice.logout(); // node-2 again: a dead id
    await world.page('mallory').me(); // the copy, replayed
    world.advance(16 * MINUTE);

    const handle = sessionHandle(id!);
    const notes = world.trace.ofKind('note').map((n) => n.text);
    expect(notes).toContainEqual(expect.stringMatching(new RegExp(`session ${handle} is not in node-2's memory`, 'i')));
    expect(world.trace.ofKind('lifecycle').filter((e) => e.machine === 'session').map((e) => e.subject)).toContain(handle);

    const log = JSON.stringify(serverLog(world));
    const ids = issuedSessionIds(world);
    expect(ids.length).toBeGreaterThan(0);
    for (const issued of ids) expect(log).not.toContain(issued.slice(0, 8));
  });

  it('an access token\'s lifecycle verdict still names its jti by its first characters (a jti is no credential)', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { storage: 'localStorage' } });
    await world.page('alice').login('alice', 'wonderland');
    await world.page('alice').me();
    const jti = decodeJwt(world.page('alice').accessToken!).jti!;
    expect(world.trace.ofKind('lifecycle').filter((e) => e.machine === 'accessToken').at(-1)?.subject).toBe(jti.slice(0, 8));
  });
});

/**
 * The sandbox's actor actions tell the truth about what happened: the same
 * attack fails in the safe shop and succeeds with the matching flaw on.
 */
import { describe, expect, it } from 'vitest';
import { ACTOR_ACTIONS, nodeAction } from '../../src/app/actor-actions';
import { JWKS_COOLDOWN_MS } from '../../src/sim/deployment/remote-jwks';
import type { ConfigPatch } from '../../src/sim/config';
import type { World } from '../../src/sim/world';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

const run = (id: string, world: World) => {
  const action = ACTOR_ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`no action ${id}`);
  return action.run(world);
};

async function aliceLoggedIn(config?: ConfigPatch): Promise<World> {
  const world = await shop.world(config);
  expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
  return world;
}

describe('actor actions', () => {
  it('XSS-01: safe session shop: the script reads nothing, yet its /me succeeds; the replay has nothing to steal', async () => {
    const world = await aliceLoggedIn();
    expect(await run('xss-read', world)).toBe('document.cookie = ""; localStorage keys: none; page memory: no token');
    expect(await run('xss-fetch', world)).toBe("GET /me from Alice's page → 200");
    expect(await run('replay', world)).toBe('nothing to steal now: no readable cookie and no token in the page (an earlier theft is not kept)');
  });

  it('XSS-01 vulnerable (cookieWithoutHttpOnly): the stolen cookie works from Mallory\'s browser', async () => {
    const world = await aliceLoggedIn({ vulnerable: { cookieWithoutHttpOnly: true } });
    expect(await run('replay', world)).toMatch(/^stole cookie __Host-shop_sid via document.cookie; GET \/me from Mallory's browser → 200$/);
  });

  it('XSS-02: with tokens in localStorage, one XSS steals the token and it works elsewhere', async () => {
    const world = await aliceLoggedIn({ authStyle: 'jwt', jwt: { storage: 'localStorage' } });
    expect(await run('xss-read', world)).toMatch(/localStorage keys: shop.accessToken, shop.refreshToken/);
    expect(await run('replay', world)).toBe("stole the access token from localStorage; GET /me from Mallory's browser → 200");
  });

  it('with the access token in page memory the replay still gets it, and the hint says a script captures it by wrapping fetch', async () => {
    const world = await aliceLoggedIn({ authStyle: 'jwt' });
    // The read says the token is in page memory, where the script reaches it, not just that storage is empty.
    expect(await run('xss-read', world)).toBe('document.cookie = ""; localStorage keys: none; page memory: an access token (the script can take it, e.g. by wrapping the page\'s fetch)');
    expect(await run('replay', world)).toBe("stole the access token from page memory; GET /me from Mallory's browser → 200");
    const hint = ACTOR_ACTIONS.find((a) => a.id === 'replay')!.hint;
    expect(hint).toMatch(/page memory/);
    expect(hint).toMatch(/wrapping the page's fetch/);
  });

  it('CSRF: the forged form is refused by the safe shop and accepted with the CSRF flaw on', async () => {
    expect(await run('csrf-form', await aliceLoggedIn())).toBe('form POST /cart from https://evil.example → 403 csrf_rejected');
    const flawed = await aliceLoggedIn({ vulnerable: { sameSiteNoneWithoutCsrfDefence: true } });
    expect(await run('csrf-form', flawed)).toBe('form POST /cart from https://evil.example → 200');
  });

  it('COOKIE-01: sniffing plain http sees no cookie unless the Secure flag is off', async () => {
    expect(await run('sniff', await aliceLoggedIn())).toBe('Mallory saw the http request, but it carried no cookie');
    expect(await run('sniff', await aliceLoggedIn({ vulnerable: { cookieWithoutSecure: true } }))).toMatch(/^Mallory read on the wire: Cookie: shop_sid=/);
  });

  it('admin and deployment actions report what they did', async () => {
    const world = await aliceLoggedIn({ deployment: { nodes: 2, sessionStore: 'per-node' } });
    expect(await run('admin-revoke-alice', world)).toMatch(/→ 401 not_authenticated$/);
    expect(await run('admin-login', world)).toBe('admin login → 200');
    expect(await nodeAction('node-1', true).run(world)).toBe('node-1 crashed');
    expect(world.deployment.node('node-1').up).toBe(false);
    expect(await run('add-node', world)).toBe('added node-3');
    expect(await run('restart-browser', world)).toMatch(/^browser restarted; dropped: /);
  });

  it("KEY-02: the partner's button verifies Alice's token: first by fetching the JWKS, then from its cache, and a one-step rotation strands it", async () => {
    const world = await aliceLoggedIn({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
    expect(await run('partner-verify-alice', world)).toBe('accepted (fetched GET /.well-known/jwks.json → 200)');
    expect(await run('partner-verify-alice', world)).toBe('accepted (from its cached JWKS, no fetch)');
    expect(await run('admin-login', world)).toBe('admin login → 200');
    expect(await run('admin-rotate', world)).toMatch(/→ 200$/);
    expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
    expect(await run('partner-verify-alice', world)).toBe('refused, ERR_JWKS_NO_MATCHING_KEY (from its cached JWKS, no fetch)');
  });

  it("KEY-02: the one-step rotation's hint says what jose does: a new kid is refetched at once, unless the cooldown since the last fetch is still running", async () => {
    const hint = ACTOR_ACTIONS.find((a) => a.id === 'admin-rotate')!.hint;
    const cooldown = `${JWKS_COOLDOWN_MS / 1000} s`;
    expect(hint).not.toMatch(/until they refetch/);
    expect(hint).toContain(`refetches the JWKS at once`);
    expect(hint).toContain(`less than ${cooldown} ago`);
    /** The partner verifies, `wait` passes, the admin rotates in one step, and the partner meets Alice's new token. */
    const rotateAfter = async (wait: number) => {
      const world = await aliceLoggedIn({ authStyle: 'jwt', jwt: { alg: 'ES256' } });
      expect(await run('partner-verify-alice', world)).toBe('accepted (fetched GET /.well-known/jwks.json → 200)');
      world.advance(wait);
      expect(await run('admin-login', world)).toBe('admin login → 200');
      expect(await run('admin-rotate', world)).toMatch(/→ 200$/);
      expect((await world.page('alice').login('alice', 'wonderland')).status).toBe(200);
      return run('partner-verify-alice', world);
    };
    expect(await rotateAfter(JWKS_COOLDOWN_MS)).toBe('accepted (fetched GET /.well-known/jwks.json → 200)');
    expect(await rotateAfter(JWKS_COOLDOWN_MS - 1000)).toBe('refused, ERR_JWKS_NO_MATCHING_KEY (from its cached JWKS, no fetch)');
  });

  it('with HS256 the partner verifies with the shared secret and fetches nothing; with sessions there is no token to verify', async () => {
    expect(await run('partner-verify-alice', await aliceLoggedIn({ authStyle: 'jwt', jwt: { alg: 'HS256' } }))).toBe('accepted (with the shared HS256 secret)');
    expect(await run('partner-verify-alice', await aliceLoggedIn())).toBe('Alice holds no access token: choose JWT and log her in first');
  });
});

/**
 * The token inspector tells the truth: for every token a learner may paste
 * (issued, tampered, forged, expired, garbage), its verdict matches what the
 * shop answers when the token is sent, and it never throws.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { forgeAlgNone, stripSignature, tamperPayload } from '../../src/sim/attacker/token-forgery';
import { MINUTE } from '../../src/sim/clock';
import { SHOP_ORIGIN } from '../../src/sim/config';
import { seededRandom, toBase64Url } from '../../src/sim/random';
import { inspectToken } from '../../src/sim/shop/token-inspection';
import { explainToken } from '../../src/sim/tokens/explain-token';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

const explain = (world: World, token: string) => explainToken(token, { keys: world.keys, jwt: world.config.jwt, now: world.clock.now() });

async function serverVerdict(world: World, token: string): Promise<string> {
  const answer = await new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
  return answer.status === 200 ? 'accepted' : (errorCode(answer.body) ?? String(answer.status));
}

async function signed(world: World, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const key = world.keys.active();
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(key.signKey);
}

describe('token inspector', () => {
  it('agrees with the server on issued, tampered, forged and expired tokens', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { storage: 'localStorage' } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const good = alice.accessToken!;
    const refresh = alice.browser.localStorage.get('shop.refreshToken')!;
    const now = Math.floor(world.clock.now() / 1000);
    const base = { iss: world.config.jwt.issuer, aud: world.config.jwt.audience, sub: 'u-1001', jti: 'j1', iat: now, exp: now + 300 };
    const cases: Record<string, string> = {
      good,
      refresh,
      tampered: tamperPayload(good, { sub: 'u-9001' }),
      stripped: stripSignature(good),
      algNone: forgeAlgNone(good, { sub: 'u-9001' }),
      wrongIssuer: await signed(world, { ...base, iss: 'https://evil.example' }),
      wrongAudience: await signed(world, { ...base, aud: 'https://other.example' }),
      noExp: await signed(world, { ...base, exp: undefined }),
      futureNbf: await signed(world, { ...base, nbf: now + 600 }),
      unknownKid: await signed(world, base, { kid: 'nope' }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const explanation = await explain(world, token);
      const verdict = explanation.verdict.accepted ? 'accepted' : explanation.verdict.code;
      const server = await serverVerdict(world, token);
      expect({ name, verdict }).toEqual({ name, verdict: server });
      const asked = (await inspectToken(world, token)).fromBrowser!;
      expect({ name, verdict: asked.status === 200 ? 'accepted' : asked.code }).toEqual({ name, verdict: server });
    }
    world.advance(10 * MINUTE);
    const expired = await explain(world, good);
    expect(expired.verdict).toMatchObject({ accepted: false, code: 'token_expired' });
    expect(expired.checks.find((c) => c.name === 'exp')?.detail).toMatch(/ago/);
    expect(await serverVerdict(world, good)).toBe('token_expired');
  });

  it('explains garbage precisely and never throws (fuzzed)', async () => {
    const world = await shop.world({ authStyle: 'jwt' });
    await world.page('alice').login('alice', 'wonderland');
    const good = world.page('alice').accessToken!;
    expect((await explain(world, 'hello')).verdict).toMatchObject({ accepted: false, code: 'token_malformed', reason: expect.stringMatching(/3 dot-separated parts/) });
    expect((await explain(world, 'a.b.c')).checks[0]?.detail).toMatch(/header/);
    const random = seededRandom(7);
    const inputs: string[] = [];
    for (let i = 0; i < 300; i++) {
      const bytes = random.bytes(1 + (random.bytes(1)[0]! % 40));
      const mutated = good.split('');
      mutated[bytes[0]! % mutated.length] = String.fromCharCode(32 + (bytes[1] ?? 0) % 95);
      inputs.push(toBase64Url(bytes), mutated.join(''), `${toBase64Url(bytes)}.${toBase64Url(bytes)}.${toBase64Url(bytes)}`, String.fromCharCode(...bytes));
    }
    for (const input of inputs) {
      const explanation = await explain(world, input);
      expect(explanation.checks.length).toBeGreaterThan(0);
      if (!explanation.verdict.accepted) expect(explanation.verdict.reason.length).toBeGreaterThan(0);
    }
  });
});

/** What the shop really answers to GET /me with `token`, sent from `browser` (with that browser's cookies). */
async function answerFrom(world: World, browser: string, token: string) {
  const answer = await world.send(browser, { method: 'GET', url: `${SHOP_ORIGIN}/me`, headers: { authorization: `Bearer ${token}` }, initiator: SHOP_ORIGIN });
  return { status: answer.status, code: errorCode(answer.body) };
}

/** Everything an inspection must leave alone: the trace, every node's counters, the stores, the random stream. */
function footprint(world: World) {
  return JSON.stringify({
    trace: world.trace.length,
    counters: world.deployment.nodes.map((n) => n.counters),
    denylist: [...world.db.denylist.keys()],
    users: [...world.db.users.values()],
    random: world.random.save?.(),
  });
}

/** The inspector's verdict on `token` from Alice's browser, checked to leave the world as it found it. */
async function inspected(world: World, token: string) {
  const before = footprint(world);
  const inspection = await inspectToken(world, token);
  expect(footprint(world)).toBe(before);
  const { fromBrowser } = inspection;
  if (!fromBrowser) throw new Error('the shop was not asked');
  return { ...inspection, fromBrowser };
}

const verdictOf = (answer: { status: number; code?: string }) => ({ status: answer.status, code: answer.code });

describe('the inspector asks the shop: its verdict is what GET /me answers, and asking leaves no trace', () => {
  it('accepted: Alice’s fresh token → 200, with what the shop did and nothing counted', async () => {
    const world = await shop.world({ authStyle: 'jwt' }, { seed: 9 });
    await world.page('alice').login('alice', 'wonderland');
    const token = world.page('alice').accessToken!;
    const { fromBrowser } = await inspected(world, token);
    expect(verdictOf(fromBrowser)).toEqual({ status: 200, code: undefined });
    expect(fromBrowser.did.join('\n')).toMatch(/denylist/);
    expect(verdictOf(fromBrowser)).toEqual(await answerFrom(world, 'alice', token));
  });

  it('after a JWT logout with the denylist, the copied token → 401 token_revoked, as the shop answers', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'denylist' } }, { seed: 9 });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const token = alice.accessToken!;
    expect((await alice.logout()).status).toBe(200);
    const { fromBrowser, explanation } = await inspected(world, token);
    expect(verdictOf(fromBrowser)).toEqual({ status: 401, code: 'token_revoked' });
    expect(fromBrowser.message).toMatch(/denylist/);
    expect(verdictOf(fromBrowser)).toEqual(await answerFrom(world, 'alice', token));
    // The token's own checks still pass: what refuses it is the lookup, which the inspection names.
    expect(explanation.checks.every((c) => c.ok)).toBe(true);
  });

  it('after a password change with not-before revocation, the older token → 401 token_revoked', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'not-before' } });
    const alice = world.page('alice');
    await alice.login('alice', 'wonderland');
    const token = alice.accessToken!;
    world.advance(2000);
    expect((await alice.changePassword('wonderland', 'new-pass-123')).status).toBe(200);
    const { fromBrowser } = await inspected(world, token);
    expect(verdictOf(fromBrowser)).toEqual({ status: 401, code: 'token_revoked' });
    expect(fromBrowser.message).toMatch(/password change/);
    expect(verdictOf(fromBrowser)).toEqual(await answerFrom(world, 'alice', token));
    expect(verdictOf((await inspected(world, alice.accessToken!)).fromBrowser)).toEqual({ status: 200, code: undefined });
  });

  it('a disabled account: 401 as the shop answers, in denylist mode (GET /me finds the account disabled) and in not-before mode (token_revoked)', async () => {
    for (const [revocation, code] of [['denylist', 'not_authenticated'], ['not-before', 'token_revoked']] as const) {
      const world = await shop.world({ authStyle: 'jwt', jwt: { revocation } });
      await world.page('alice').login('alice', 'wonderland');
      const token = world.page('alice').accessToken!;
      await world.page('admin').login('admin', 'console');
      expect((await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice', disable: true })).status).toBe(200);
      const { fromBrowser } = await inspected(world, token);
      expect({ revocation, ...verdictOf(fromBrowser) }).toEqual({ revocation, status: 401, code });
      expect(fromBrowser.message).toMatch(/disabled/);
      expect(verdictOf(fromBrowser)).toEqual(await answerFrom(world, 'alice', token));
    }
  });

  it('with jwt.fingerprint, the token works from Alice’s browser only: 200 there, 401 token_unbound from any other', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { fingerprint: true } });
    await world.page('alice').login('alice', 'wonderland');
    const token = world.page('alice').accessToken!;
    const { fromBrowser, elsewhere } = await inspected(world, token);
    expect(verdictOf(fromBrowser)).toEqual({ status: 200, code: undefined });
    expect(verdictOf(fromBrowser)).toEqual(await answerFrom(world, 'alice', token));
    expect(elsewhere && verdictOf(elsewhere)).toEqual({ status: 401, code: 'token_unbound' });
    expect(verdictOf(elsewhere!)).toEqual(await answerFrom(world, 'mallory', token));
  });

  it('with a vulnerable switch on, the verdict is the flawed verifier’s: acceptAlgNone lets the unsigned token in as the admin, and says which verifier did', async () => {
    const world = await shop.world({ authStyle: 'jwt', vulnerable: { acceptAlgNone: true } });
    await world.page('alice').login('alice', 'wonderland');
    const forged = forgeAlgNone(world.page('alice').accessToken!, { sub: 'u-9001', role: 'admin' });
    const { fromBrowser, explanation } = await inspected(world, forged);
    expect(fromBrowser).toMatchObject({ status: 200, username: 'admin' });
    expect(fromBrowser.did[0]).toMatch(/hand-rolled verifier/);
    expect(explanation.verdict).toMatchObject({ accepted: false, code: 'alg_not_allowed' });
  });
});

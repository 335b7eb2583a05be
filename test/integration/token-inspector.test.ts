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
import { seededRandom, toBase64Url } from '../../src/sim/random';
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
      expect({ name, verdict }).toEqual({ name, verdict: await serverVerdict(world, token) });
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

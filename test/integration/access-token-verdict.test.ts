/**
 * The server acts on the access-token lifecycle machine's verdict, and the
 * machine and jose can never disagree silently about time. The machine is
 * swapped with `.provide()` for one whose `pastExpiry` rule is forced, so
 * that it contradicts jose: the server must then fail loudly (500 naming
 * both verdicts), neither ignoring the machine nor letting jose overrule it.
 */
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

/** `undefined`: the machine's own rule; `true`/`false`: forced. */
const forced = vi.hoisted(() => ({ pastExpiry: undefined as boolean | undefined }));

vi.mock('../../src/sim/lifecycle/access-token-lifecycle.machine', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/sim/lifecycle/access-token-lifecycle.machine')>();
  const own = original.accessTokenLifecycle.implementations.guards.pastExpiry as (...args: unknown[]) => boolean;
  return {
    ...original,
    accessTokenLifecycle: original.accessTokenLifecycle.provide({
      guards: { pastExpiry: (...args: unknown[]) => forced.pastExpiry ?? own(...args) },
    }),
  };
});

const shop = useShopServer();

afterEach(() => {
  forced.pastExpiry = undefined;
});

async function tokenExpiringIn(world: World, seconds: number): Promise<string> {
  const now = world.clock.nowSeconds();
  const key = world.keys.active();
  const { issuer: iss, audience: aud } = world.config.jwt;
  return new SignJWT({ iss, aud, sub: 'u-1001', iat: now - 600, exp: now + seconds, jti: `t-${seconds}` })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .sign(key.signKey);
}

async function present(world: World, token: string) {
  const answer = await new Mallory(world).request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
  const lifecycle = world.trace.causedBy(answer.exchangeId).filter((e) => e.kind === 'lifecycle');
  return { status: answer.status, error: errorCode(answer.body), message: (answer.body as { message?: string }).message, lifecycle };
}

describe('the server does what the access-token lifecycle says', () => {
  it('with its own rules the machine and jose agree: fresh → 200, expired → 401 token_expired', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'none' } });
    expect(await present(world, await tokenExpiringIn(world, 60))).toMatchObject({ status: 200 });
    expect(await present(world, await tokenExpiringIn(world, -60))).toMatchObject({ status: 401, error: 'token_expired' });
  });

  it('a machine that says "expired" while jose accepts the token is not ignored: 500, naming both verdicts', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'none' } });
    forced.pastExpiry = true;
    const answer = await present(world, await tokenExpiringIn(world, 60));
    expect(answer).toMatchObject({ status: 500, error: 'internal' });
    expect(answer.message).toContain('jose says ok, the machine says expired');
    expect(answer.lifecycle).toEqual([expect.objectContaining({ guard: 'pastExpiry', from: 'valid', to: 'expired' })]);
  });

  it('jose refusing an expired token while the machine lets it through is not papered over either: 500', async () => {
    const world = await shop.world({ authStyle: 'jwt', jwt: { revocation: 'none' } });
    forced.pastExpiry = false;
    const answer = await present(world, await tokenExpiringIn(world, -60));
    expect(answer).toMatchObject({ status: 500, error: 'internal' });
    expect(answer.message).toContain('jose says expired, the machine says valid');
  });
});

/**
 * How the shop verifies an access token, through the real MSW path: every
 * forgery a learner can try ends in 401 with a stable `error` code in the
 * safe configuration, and the matching vulnerable switch lets the same
 * forgery in (200 as the admin). Tokens with arbitrary claims are signed with
 * the world's real key, so only the claim under test is wrong.
 */
import { SignJWT, decodeJwt, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import {
  COMMON_SECRETS,
  crackHmacSecret,
  forgeAlgNone,
  forgeWithPublicKey,
  readToken,
  signWith,
  stripSignature,
  tamperPayload,
} from '../../src/sim/attacker/token-forgery';
import { MINUTE } from '../../src/sim/clock';
import type { ConfigPatch, JwtAlg } from '../../src/sim/config';
import { AuthLabError } from '../../src/sim/errors';
import { cryptoRandom } from '../../src/sim/random';
import { GUESSABLE_HMAC_SECRET, assertStrongHmacSecret } from '../../src/sim/tokens/hmac-secret';
import type { SimResponse } from '../../src/sim/browser/browser';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

const ADMIN = { sub: 'u-9001', role: 'admin' };
const ADMIN_USER = { id: 'u-9001', username: 'admin', role: 'admin' };
const ALICE_USER = { id: 'u-1001', username: 'alice', role: 'customer' };

/** A JWT world with readable tokens (localStorage) and the denylist, plus any patch. */
function jwtWorld(alg: JwtAlg, patch: Omit<ConfigPatch, 'authStyle'> = {}): Promise<World> {
  return shop.world({
    ...patch,
    authStyle: 'jwt',
    jwt: { alg, storage: 'localStorage', revocation: 'denylist', ...patch.jwt },
  });
}

/** Alice logs in on the shop's page; returns her access token. */
async function aliceToken(world: World): Promise<string> {
  const login = await world.page('alice').login('alice', 'wonderland');
  expect(login.status).toBe(200);
  const token = world.page('alice').accessToken;
  expect(token).toBeTypeOf('string');
  return token!;
}

/** Mallory presents a token from her own browser. */
function presentAsMallory(world: World, token: string, path = '/me'): Promise<SimResponse> {
  return new Mallory(world).request('GET', path, { headers: { authorization: `Bearer ${token}` } });
}

function expectRejected(response: SimResponse, code: string): void {
  expect({ status: response.status, error: errorCode(response.body) }).toEqual({ status: 401, error: code });
}

/** The crypto events the server recorded while handling one exchange. */
function verifications(world: World, response: SimResponse) {
  return world.trace.causedBy(response.exchangeId).filter((e) => e.kind === 'crypto' && e.op === 'verify');
}

/** Claims exactly as the shop issues them for Alice, now. */
function aliceClaims(world: World, overrides: JWTPayload = {}): JWTPayload {
  const now = world.clock.nowSeconds();
  return {
    iss: world.config.jwt.issuer,
    aud: world.config.jwt.audience,
    sub: 'u-1001',
    role: 'customer',
    iat: now,
    exp: now + 5 * 60,
    jti: `test-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
}

function without(claims: JWTPayload, ...names: string[]): JWTPayload {
  const copy = { ...claims };
  for (const name of names) delete copy[name];
  return copy;
}

/** Signs arbitrary claims with the world's real signing key (its alg and kid, typ at+jwt). */
function signWithWorldKey(world: World, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = world.keys.active();
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(key.signKey);
}

describe('control: a token the test signs with the world key is accepted', () => {
  it('correctly formed claims signed with the real key → 200, so each rejection below is about one claim', async () => {
    for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA'] as const) {
      const world = await jwtWorld(alg);
      const me = await presentAsMallory(world, await signWithWorldKey(world, aliceClaims(world)));
      expect(me.status, alg).toBe(200);
      expect(me.body).toMatchObject({ user: ALICE_USER });
    }
  });
});

describe('JWT-01: alg "none" is refused in any casing', () => {
  const casings = ['none', 'None', 'NONE', 'nOnE'];

  it.each(casings)('JWT-01: an unsigned admin token with alg "%s" → 401 alg_not_allowed', async (alg) => {
    const world = await jwtWorld('RS256');
    const forged = forgeAlgNone(await aliceToken(world), ADMIN, alg);
    expect(readToken(forged).header.alg).toBe(alg);
    expect(forged.endsWith('.')).toBe(true);

    const me = await presentAsMallory(world, forged);
    expectRejected(me, 'alg_not_allowed');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ alg, ok: false, code: 'alg_not_allowed', verifier: 'jose' })]);
    expectRejected(await presentAsMallory(world, forged, '/admin/users'), 'alg_not_allowed');
  });

  it.each(casings)('JWT-01: with acceptAlgNone the unsigned token with alg "%s" is accepted as the admin', async (alg) => {
    const world = await jwtWorld('RS256', { vulnerable: { acceptAlgNone: true } });
    const forged = forgeAlgNone(await aliceToken(world), ADMIN, alg);

    const me = await presentAsMallory(world, forged);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: ADMIN_USER });
    expect(verifications(world, me)).toEqual([expect.objectContaining({ alg, ok: true, verifier: 'naive' })]);
    const users = await presentAsMallory(world, forged, '/admin/users');
    expect(users.status).toBe(200);
    expect((users.body as { users: unknown[] }).users).toHaveLength(4);
  });

  it('JWT-01: acceptAlgNone only opens "none": a tampered signed token is still refused', async () => {
    const world = await jwtWorld('RS256', { vulnerable: { acceptAlgNone: true } });
    expectRejected(await presentAsMallory(world, tamperPayload(await aliceToken(world), ADMIN)), 'bad_signature');
  });
});

describe('JWT-02: the server pins the algorithm', () => {
  it('JWT-02: an HS256 token with a strong secret, in an ES256 world → 401 alg_not_allowed', async () => {
    const world = await jwtWorld('ES256');
    // Mallory MACs with her own 256-bit secret and names the server's kid.
    const key = world.keys.active();
    const hs = await new SignJWT(aliceClaims(world, ADMIN))
      .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
      .sign(cryptoRandom.bytes(32));
    const me = await presentAsMallory(world, hs);
    expectRejected(me, 'alg_not_allowed');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ alg: 'HS256', ok: false, code: 'alg_not_allowed' })]);
  });

  it.each([
    ['ES256', 'RS256'],
    ['RS256', 'ES256'],
    ['ES256', 'EdDSA'],
    ['EdDSA', 'RS256'],
  ] as const)('JWT-02: in an %s world a valid %s token from a foreign key → 401 alg_not_allowed', async (worldAlg, tokenAlg) => {
    const world = await jwtWorld(worldAlg);
    const foreign = await generateKeyPair(tokenAlg === 'EdDSA' ? 'Ed25519' : tokenAlg);
    const token = await new SignJWT(aliceClaims(world, ADMIN))
      .setProtectedHeader({ alg: tokenAlg, kid: world.keys.active().kid, typ: 'at+jwt' })
      .sign(foreign.privateKey);
    expectRejected(await presentAsMallory(world, token), 'alg_not_allowed');
  });

  it('JWT-02: the right alg but a foreign key (same kid) → 401 bad_signature', async () => {
    const world = await jwtWorld('ES256');
    const foreign = await generateKeyPair('ES256');
    const token = await new SignJWT(aliceClaims(world, ADMIN))
      .setProtectedHeader({ alg: 'ES256', kid: world.keys.active().kid, typ: 'at+jwt' })
      .sign(foreign.privateKey);
    expectRejected(await presentAsMallory(world, token), 'bad_signature');
  });
});

describe('JWT-03: an HS256 token MACed with the server public key', () => {
  async function forgeFromJwks(world: World): Promise<string> {
    const token = await aliceToken(world);
    const jwks = await new Mallory(world).request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const [publicJwk] = (jwks.body as { keys: JWK[] }).keys;
    expect(publicJwk).toBeDefined();
    const forged = await forgeWithPublicKey(token, publicJwk!, ADMIN);
    expect(readToken(forged).header.alg).toBe('HS256');
    return forged;
  }

  it.each(['RS256', 'ES256', 'EdDSA'] as const)('JWT-03: %s world, key-confusion forgery → 401 alg_not_allowed', async (alg) => {
    const world = await jwtWorld(alg);
    const forged = await forgeFromJwks(world);
    const me = await presentAsMallory(world, forged);
    expectRejected(me, 'alg_not_allowed');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ alg: 'HS256', ok: false, verifier: 'jose' })]);
    expectRejected(await presentAsMallory(world, forged, '/admin/users'), 'alg_not_allowed');
  });

  it.each(['RS256', 'ES256', 'EdDSA'] as const)('JWT-03: %s world with hmacKeyConfusion → the forgery is accepted as the admin', async (alg) => {
    const world = await jwtWorld(alg, { vulnerable: { hmacKeyConfusion: true } });
    const forged = await forgeFromJwks(world);
    const me = await presentAsMallory(world, forged);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: ADMIN_USER });
    expect(verifications(world, me)).toEqual([expect.objectContaining({ alg: 'HS256', ok: true, verifier: 'naive' })]);
    expect((await presentAsMallory(world, forged, '/admin/users')).status).toBe(200);
  });

  it('JWT-03: with hmacKeyConfusion, an HS256 token MACed with anything but the public key is still refused', async () => {
    const world = await jwtWorld('RS256', { vulnerable: { hmacKeyConfusion: true } });
    const forged = await signWith(await aliceToken(world), new TextEncoder().encode('not the public key'), 'HS256', ADMIN);
    expectRejected(await presentAsMallory(world, forged), 'bad_signature');
  });
});

describe('JWT-04: tampered, stripped or foreign signatures', () => {
  it('JWT-04: a payload edited to the admin, keeping the signature → 401 bad_signature, even on /admin', async () => {
    const world = await jwtWorld('ES256');
    const forged = tamperPayload(await aliceToken(world), ADMIN);
    expect(readToken(forged).payload).toMatchObject(ADMIN);
    expectRejected(await presentAsMallory(world, forged), 'bad_signature');
    expectRejected(await presentAsMallory(world, forged, '/admin/users'), 'bad_signature');
  });

  it.each(['HS256', 'RS256', 'ES256', 'EdDSA'] as const)('JWT-04: %s token with its signature stripped → 401 bad_signature', async (alg) => {
    const world = await jwtWorld(alg);
    const stripped = stripSignature(await aliceToken(world));
    expect(stripped.split('.')[2]).toBe('');
    expectRejected(await presentAsMallory(world, stripped), 'bad_signature');
  });

  it('JWT-04: the signature of Mallory’s own genuine token on an admin payload → 401 bad_signature', async () => {
    const world = await jwtWorld('RS256');
    const ownLogin = await world.page('mallory').login('mallory', 'mallory');
    expect(ownLogin.status).toBe(200);
    const own = world.page('mallory').accessToken!;
    expect((await presentAsMallory(world, own)).status).toBe(200);
    const [header, , signature] = own.split('.');
    const [, adminPayload] = tamperPayload(own, ADMIN).split('.');
    expectRejected(await presentAsMallory(world, `${header}.${adminPayload}.${signature}`), 'bad_signature');
  });

  it('JWT-04: the signature of Alice’s earlier token on her newer token → 401 bad_signature', async () => {
    const world = await jwtWorld('HS256');
    const first = await aliceToken(world);
    world.advance(2_000);
    const second = await aliceToken(world);
    expect(second).not.toBe(first);
    const spliced = `${second.split('.').slice(0, 2).join('.')}.${first.split('.')[2]}`;
    expectRejected(await presentAsMallory(world, spliced), 'bad_signature');
  });

  it('JWT-04: no claim is trusted before verification: a forged token causes no store lookup, only a failed check', async () => {
    const world = await jwtWorld('ES256');
    const genuine = await aliceToken(world);
    const node = world.deployment.nodes[0]!;

    const ok = await presentAsMallory(world, genuine);
    expect(ok.status).toBe(200);
    const okEvents = world.trace.causedBy(ok.exchangeId);
    expect(okEvents.map((e) => e.kind)).toEqual(['crypto', 'store', 'lifecycle', 'store']);
    expect(okEvents.filter((e) => e.kind === 'store').map((e) => e.store)).toEqual(['denylist', 'users']);

    const checksBefore = node.counters.signatureChecks;
    const readsBefore = node.counters.storeReads;
    const forged = await presentAsMallory(world, tamperPayload(genuine, { ...ADMIN, jti: 'attacker-chosen' }));
    expectRejected(forged, 'bad_signature');
    expect(world.trace.causedBy(forged.exchangeId)).toEqual([
      expect.objectContaining({ kind: 'crypto', op: 'verify', ok: false, code: 'bad_signature' }),
    ]);
    expect(node.counters.signatureChecks).toBe(checksBefore + 1);
    expect(node.counters.storeReads).toBe(readsBefore);
  });
});

describe('JWT-05: exp, nbf and a tolerance of a few seconds', () => {
  it('JWT-05: within the 5 s tolerance after exp → 200; 1 s beyond it → 401 token_expired', async () => {
    const world = await jwtWorld('ES256');
    expect(world.config.jwt.clockToleranceSec).toBe(5);
    const alice = world.page('alice');
    const token = await aliceToken(world);
    const { exp } = decodeJwt(token);
    expect(exp! * 1000 - world.clock.now()).toBe(5 * MINUTE);

    world.advance((exp! + 4) * 1000 - world.clock.now());
    expect((await alice.me()).status).toBe(200);
    world.advance(2_000); // now exp + 6 s: 1 s beyond the tolerance
    const me = await alice.me();
    expectRejected(me, 'token_expired');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ ok: false, code: 'token_expired', verifier: 'jose' })]);
  });

  it('JWT-05: a future nbf → 401 token_not_yet_valid; within the tolerance it is accepted', async () => {
    const world = await jwtWorld('RS256');
    const now = world.clock.nowSeconds();
    expectRejected(await presentAsMallory(world, await signWithWorldKey(world, aliceClaims(world, { nbf: now + 60 }))), 'token_not_yet_valid');
    expectRejected(await presentAsMallory(world, await signWithWorldKey(world, aliceClaims(world, { nbf: now + 6 }))), 'token_not_yet_valid');
    expect((await presentAsMallory(world, await signWithWorldKey(world, aliceClaims(world, { nbf: now + 4 })))).status).toBe(200);
  });

  it('JWT-05: a correctly signed token without exp → 401 token_claim_missing', async () => {
    const world = await jwtWorld('EdDSA');
    const forever = await signWithWorldKey(world, without(aliceClaims(world), 'exp'));
    expect(decodeJwt(forever).exp).toBeUndefined();
    expectRejected(await presentAsMallory(world, forever), 'token_claim_missing');
  });

  it('JWT-05: with skipExpCheck an access token an hour past exp still works', async () => {
    const world = await jwtWorld('ES256', { vulnerable: { skipExpCheck: true } });
    const token = await aliceToken(world);
    world.advance(60 * MINUTE);
    expect(decodeJwt(token).exp! * 1000).toBeLessThan(world.clock.now());
    const me = await presentAsMallory(world, token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: ALICE_USER });
    expect(verifications(world, me)).toEqual([expect.objectContaining({ ok: true, verifier: 'naive' })]);
  });

  it.each([
    ['skipExpCheck', { skipExpCheck: true }],
    ['acceptAlgNone', { acceptAlgNone: true }],
    ['hmacKeyConfusion', { hmacKeyConfusion: true }],
  ] as const)('JWT-05: %s breaks only its own check: a future nbf → 401 token_not_yet_valid, a missing iat or jti → 401 token_claim_missing', async (_, vulnerable) => {
    const world = await jwtWorld('RS256', { vulnerable });
    const now = world.clock.nowSeconds();
    const check = async (claims: JWTPayload) => presentAsMallory(world, await signWithWorldKey(world, claims));
    expect((await check(aliceClaims(world))).status).toBe(200);
    const early = await check(aliceClaims(world, { nbf: now + 60 }));
    expectRejected(early, 'token_not_yet_valid');
    expect(verifications(world, early)).toEqual([expect.objectContaining({ ok: false, verifier: 'naive' })]);
    expectRejected(await check(without(aliceClaims(world), 'iat')), 'token_claim_missing');
    expectRejected(await check(without(aliceClaims(world), 'jti')), 'token_claim_missing');
  });

  it('JWT-05: with skipExpCheck a token without exp is accepted too', async () => {
    const world = await jwtWorld('RS256', { vulnerable: { skipExpCheck: true } });
    const forever = await signWithWorldKey(world, without(aliceClaims(world), 'exp'));
    expect((await presentAsMallory(world, forever)).status).toBe(200);
  });
});

describe('JWT-06: the issuer must be the shop', () => {
  it('JWT-06: a wrong iss, signed with the real key → 401 wrong_issuer', async () => {
    const world = await jwtWorld('ES256');
    const token = await signWithWorldKey(world, aliceClaims(world, { iss: 'https://evil.example' }));
    const me = await presentAsMallory(world, token);
    expectRejected(me, 'wrong_issuer');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ ok: false, code: 'wrong_issuer' })]);
  });

  it('JWT-06: a look-alike iss (trailing slash) → 401 wrong_issuer', async () => {
    const world = await jwtWorld('RS256');
    const token = await signWithWorldKey(world, aliceClaims(world, { iss: `${world.config.jwt.issuer}/` }));
    expectRejected(await presentAsMallory(world, token), 'wrong_issuer');
  });

  it('JWT-06: a missing iss → 401 token_claim_missing', async () => {
    const world = await jwtWorld('HS256');
    expectRejected(await presentAsMallory(world, await signWithWorldKey(world, without(aliceClaims(world), 'iss'))), 'token_claim_missing');
  });

  it('JWT-06: another issuer’s key is never used: its own token with its own kid → 401 unknown_key', async () => {
    const world = await jwtWorld('ES256');
    const evil = await generateKeyPair('ES256');
    const token = await new SignJWT(aliceClaims(world, { ...ADMIN, iss: 'https://evil.example' }))
      .setProtectedHeader({ alg: 'ES256', kid: 'evil-1', typ: 'at+jwt' })
      .sign(evil.privateKey);
    expectRejected(await presentAsMallory(world, token), 'unknown_key');
  });
});

describe('JWT-07: the audience must be the shop API', () => {
  it('JWT-07: a wrong aud, signed with the real key → 401 wrong_audience', async () => {
    const world = await jwtWorld('ES256');
    const token = await signWithWorldKey(world, aliceClaims(world, { aud: 'https://billing.example.com/api' }));
    const me = await presentAsMallory(world, token);
    expectRejected(me, 'wrong_audience');
    expect(verifications(world, me)).toEqual([expect.objectContaining({ ok: false, code: 'wrong_audience' })]);
  });

  it('JWT-07: an aud list without the shop API → 401 wrong_audience', async () => {
    const world = await jwtWorld('RS256');
    const token = await signWithWorldKey(world, aliceClaims(world, { aud: ['https://billing.example.com/api', 'https://shop.example.com'] }));
    expectRejected(await presentAsMallory(world, token), 'wrong_audience');
  });

  it('JWT-07: a missing aud → 401 token_claim_missing', async () => {
    const world = await jwtWorld('EdDSA');
    expectRejected(await presentAsMallory(world, await signWithWorldKey(world, without(aliceClaims(world), 'aud'))), 'token_claim_missing');
  });
});

describe('JWT-08: a refresh token is not an access token', () => {
  it('JWT-08: the refresh token from the login body sent as a Bearer token → 401 wrong_token_type', async () => {
    const world = await jwtWorld('ES256');
    const login = await world.page('alice').login('alice', 'wonderland');
    const { refreshToken, accessToken } = login.body as { refreshToken: string; accessToken: string };
    expect(readToken(refreshToken).header.typ).toBe('refresh+jwt');
    expect(readToken(accessToken).header.typ).toBe('at+jwt');
    // Same issuer, audience, subject and key: only the type tells them apart.
    expect(readToken(refreshToken).payload).toMatchObject({ iss: world.config.jwt.issuer, aud: world.config.jwt.audience, sub: 'u-1001' });

    const me = await presentAsMallory(world, refreshToken);
    expectRejected(me, 'wrong_token_type');
    // jose vouches for the signature, issuer and audience; the access-token lifecycle refuses the type.
    expect(verifications(world, me)).toEqual([expect.objectContaining({ ok: true, verifier: 'jose' })]);
    expect(world.trace.causedBy(me.exchangeId).filter((e) => e.kind === 'lifecycle')).toEqual([
      expect.objectContaining({ machine: 'accessToken', event: 'CHECK', guard: 'notAnAccessToken', from: 'valid', to: 'wrongType' }),
    ]);
  });

  it('JWT-08: the access token sent to /refresh → 401 wrong_token_type', async () => {
    const world = await jwtWorld('RS256');
    const access = await aliceToken(world);
    const refreshed = await new Mallory(world).request('POST', '/refresh', { body: { refreshToken: access } });
    expectRejected(refreshed, 'wrong_token_type');
  });

  it.each([
    ['typ JWT', { typ: 'JWT' }],
    ['no typ', { typ: undefined }],
  ])('JWT-08: a token with %s, signed with the real key → 401 wrong_token_type', async (_, header) => {
    const world = await jwtWorld('ES256');
    const token = await signWithWorldKey(world, aliceClaims(world), header);
    expectRejected(await presentAsMallory(world, token), 'wrong_token_type');
  });
});

describe('JWT-09: HMAC secrets must be long and random', () => {
  const weak = (secret: Uint8Array) => {
    try {
      assertStrongHmacSecret(secret);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(AuthLabError);
      return (error as AuthLabError).code;
    }
  };

  it('JWT-09: jose itself signs HS256 with a 1-byte secret (misconception 13), so the shop must refuse it', async () => {
    const token = await new SignJWT({ sub: 'u-1001' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array([7]));
    expect(token.split('.')).toHaveLength(3);
    expect(weak(new Uint8Array([7]))).toBe('weak_secret');
  });

  it('JWT-09: rejects 31 random bytes and 32 printable password-like bytes; accepts 32 random bytes', () => {
    expect(weak(cryptoRandom.bytes(31))).toBe('weak_secret');
    const passphrase = new TextEncoder().encode('correct-horse-battery-staple-32!');
    expect(passphrase).toHaveLength(32);
    expect(weak(passphrase)).toBe('weak_secret');
    expect(weak(new TextEncoder().encode(GUESSABLE_HMAC_SECRET))).toBe('weak_secret');
    // Random bytes that happen to avoid printable ASCII entirely are certainly not a phrase.
    const random = Uint8Array.from(cryptoRandom.bytes(32), (b) => b | 0x80);
    expect(weak(random)).toBeUndefined();
    expect(weak(cryptoRandom.bytes(32))).toBeUndefined();
  });

  it('JWT-09: the weak_secret error says how many bits the secret had', () => {
    try {
      assertStrongHmacSecret(cryptoRandom.bytes(31));
      expect.unreachable('a 248-bit secret must be refused');
    } catch (error) {
      expect(error).toMatchObject({ code: 'weak_secret', status: 500, detail: { bits: 248 } });
    }
  });

  it('JWT-09: a safe HS256 world signs with 32 random bytes that pass the check', async () => {
    const world = await jwtWorld('HS256');
    const key = world.keys.active();
    expect(key.signKey).toBeInstanceOf(Uint8Array);
    expect(key.signKey as Uint8Array).toHaveLength(32);
    expect(weak(key.signKey as Uint8Array)).toBeUndefined();
  });

  it('JWT-09: with guessableHmacSecret Mallory cracks the secret offline and her re-signed admin token is accepted', async () => {
    const world = await jwtWorld('HS256', { vulnerable: { guessableHmacSecret: true } });
    const token = await aliceToken(world);
    const exchangesBefore = world.trace.ofKind('exchange').length;

    const cracked = await crackHmacSecret(token);
    expect(cracked.secret).toBe(GUESSABLE_HMAC_SECRET);
    expect(cracked.tried).toBe(COMMON_SECRETS.indexOf(GUESSABLE_HMAC_SECRET) + 1);
    // Offline: not one request reached the shop while cracking.
    expect(world.trace.ofKind('exchange')).toHaveLength(exchangesBefore);

    const forged = await signWith(token, new TextEncoder().encode(cracked.secret!), 'HS256', ADMIN);
    const me = await presentAsMallory(world, forged);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: ADMIN_USER });
    expect((await presentAsMallory(world, forged, '/admin/users')).status).toBe(200);
  });

  it('JWT-09: without the switch the word list fails and a token signed with a guessed secret → 401 bad_signature', async () => {
    const world = await jwtWorld('HS256');
    const token = await aliceToken(world);
    expect(await crackHmacSecret(token)).toEqual({ tried: COMMON_SECRETS.length });
    const guessed = await signWith(token, new TextEncoder().encode(GUESSABLE_HMAC_SECRET), 'HS256', ADMIN);
    expectRejected(await presentAsMallory(world, guessed), 'bad_signature');
  });
});

/**
 * Each vulnerable JWT switch breaks only the check it names. One corpus of
 * tokens, valid and invalid, is presented to a safe shop (jose) and to a shop
 * with one switch on (the hand-rolled verifier, or the guessable secret);
 * the two answers may differ only on the rows that concern that switch's own
 * check. Everything else, unknown `kid`s and `typ` spellings included, must
 * be answered exactly as jose answers it.
 */
import { SignJWT, decodeJwt, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import { forgeAlgNone, forgeWithPublicKey, signWith, stripSignature, tamperPayload } from '../../src/sim/attacker/token-forgery';
import type { JwtAlg } from '../../src/sim/config';
import { cryptoRandom, randomId } from '../../src/sim/random';
import { GUESSABLE_HMAC_SECRET } from '../../src/sim/tokens/hmac-secret';
import type { VulnerableSwitch } from '../../src/sim/vulnerable/switches';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';

const shop = useShopServer();

/** What one row of the corpus is: how to make the token in a world, where to send it, which switch's check it is about. */
interface Row {
  name: string;
  make(world: World): Promise<string>;
  /** GET /me with a Bearer token (default), or POST /refresh with it in the body. */
  path?: '/me' | '/refresh';
  /** The safe shop's answer, so the corpus itself is known to test what it says. */
  safe: string;
  /** The switches whose own check this row is about: only there may the flawed shop answer differently. */
  concerns?: readonly VulnerableSwitch[];
  /** Only in worlds of this kind: a public key to abuse, or an HMAC secret to guess. */
  only?: 'asymmetric' | 'hmac';
}

const ADMIN = { sub: 'u-9001', role: 'admin' };

function claims(world: World, overrides: JWTPayload = {}, drop: string[] = []): JWTPayload {
  const now = world.clock.nowSeconds();
  const out: JWTPayload = {
    iss: world.config.jwt.issuer,
    aud: world.config.jwt.audience,
    sub: 'u-1001',
    role: 'customer',
    iat: now,
    exp: now + 300,
    jti: randomId(cryptoRandom, 128),
    ...overrides,
  };
  for (const name of drop) delete out[name];
  return out;
}

/** Signed with the world's real key: only what the row changes is wrong. */
function real(world: World, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = world.keys.active();
  const protectedHeader: Record<string, unknown> = { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header };
  for (const [name, value] of Object.entries(header)) if (value === undefined) delete protectedHeader[name];
  return new SignJWT(payload).setProtectedHeader(protectedHeader as never).sign(key.signKey);
}

const tolerance = (world: World) => world.config.jwt.clockToleranceSec;
const now = (world: World) => world.clock.nowSeconds();

/** Alice's real tokens from a login in this world. */
async function login(world: World): Promise<{ access: string; refresh: string }> {
  const answer = await world.page('alice').login('alice', 'wonderland');
  const body = answer.body as { accessToken: string; refreshToken: string };
  return { access: body.accessToken, refresh: body.refreshToken };
}

async function publicJwk(world: World): Promise<JWK> {
  const jwks = await new Mallory(world).request('GET', '/.well-known/jwks.json');
  return (jwks.body as { keys: JWK[] }).keys[0]!;
}

const CORPUS: readonly Row[] = [
  { name: 'valid', make: (w) => real(w, claims(w)), safe: '200' },
  { name: 'expired, still inside the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) + 1 })), safe: '200' },
  { name: 'expired exactly at the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) })), safe: '401 token_expired', concerns: ['skipExpCheck'] },
  { name: 'expired by 1 s beyond the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) - 1 })), safe: '401 token_expired', concerns: ['skipExpCheck'] },
  { name: 'expired an hour ago', make: (w) => real(w, claims(w, { iat: now(w) - 7200, exp: now(w) - 3600 })), safe: '401 token_expired', concerns: ['skipExpCheck'] },
  { name: 'no exp', make: (w) => real(w, claims(w, {}, ['exp'])), safe: '401 token_claim_missing', concerns: ['skipExpCheck'] },
  { name: 'exp not a number', make: (w) => real(w, claims(w, { exp: 'tomorrow' as never })), safe: '401 token_malformed', concerns: ['skipExpCheck'] },
  { name: 'nbf inside the tolerance', make: (w) => real(w, claims(w, { nbf: now(w) + tolerance(w) })), safe: '200' },
  { name: 'nbf 1 s beyond the tolerance', make: (w) => real(w, claims(w, { nbf: now(w) + tolerance(w) + 1 })), safe: '401 token_not_yet_valid' },
  { name: 'nbf not a number', make: (w) => real(w, claims(w, { nbf: 'soon' as never })), safe: '401 token_malformed' },
  { name: 'no iat', make: (w) => real(w, claims(w, {}, ['iat'])), safe: '401 token_claim_missing' },
  { name: 'no jti', make: (w) => real(w, claims(w, {}, ['jti'])), safe: '401 token_claim_missing' },
  { name: 'no sub', make: (w) => real(w, claims(w, {}, ['sub'])), safe: '401 token_claim_missing' },
  { name: 'no iss', make: (w) => real(w, claims(w, {}, ['iss'])), safe: '401 token_claim_missing' },
  { name: 'no aud', make: (w) => real(w, claims(w, {}, ['aud'])), safe: '401 token_claim_missing' },
  { name: 'wrong iss', make: (w) => real(w, claims(w, { iss: 'https://evil.example' })), safe: '401 wrong_issuer' },
  { name: 'look-alike iss (trailing slash)', make: (w) => real(w, claims(w, { iss: `${w.config.jwt.issuer}/` })), safe: '401 wrong_issuer' },
  { name: 'wrong aud', make: (w) => real(w, claims(w, { aud: 'https://partner.example/api' })), safe: '401 wrong_audience' },
  { name: 'aud list with the shop API', make: (w) => real(w, claims(w, { aud: ['https://partner.example/api', w.config.jwt.audience] })), safe: '200' },
  { name: 'typ JWT', make: (w) => real(w, claims(w), { typ: 'JWT' }), safe: '401 wrong_token_type' },
  { name: 'no typ', make: (w) => real(w, claims(w), { typ: undefined }), safe: '401 wrong_token_type' },
  { name: 'typ application/at+jwt', make: (w) => real(w, claims(w), { typ: 'application/at+jwt' }), safe: '200' },
  { name: 'typ AT+JWT', make: (w) => real(w, claims(w), { typ: 'AT+JWT' }), safe: '200' },
  { name: 'unknown kid, signed with the real key', make: (w) => real(w, claims(w), { kid: 'retired-long-ago' }), safe: '401 unknown_key' },
  { name: 'no kid, signed with the real key', make: (w) => real(w, claims(w), { kid: undefined }), safe: '401 unknown_key' },
  {
    name: 'unknown kid, signed with a foreign key',
    async make(w) {
      const alg = w.keys.active().alg;
      if (alg === 'HS256') return new SignJWT(claims(w, ADMIN)).setProtectedHeader({ alg, kid: 'mallory-1', typ: 'at+jwt' }).sign(cryptoRandom.bytes(32));
      const { privateKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : alg);
      return new SignJWT(claims(w, ADMIN)).setProtectedHeader({ alg, kid: 'mallory-1', typ: 'at+jwt' }).sign(privateKey);
    },
    safe: '401 unknown_key',
  },
  ...['none', 'None', 'NONE', 'nOnE'].map((alg): Row => ({
    name: `alg ${alg}, unsigned`,
    make: async (w) => forgeAlgNone(await real(w, claims(w)), ADMIN, alg),
    safe: '401 alg_not_allowed',
    concerns: ['acceptAlgNone'],
  })),
  {
    name: 'HS256 MACed with the public key',
    make: async (w) => forgeWithPublicKey(await real(w, claims(w)), await publicJwk(w), ADMIN),
    safe: '401 alg_not_allowed',
    concerns: ['hmacKeyConfusion'],
    only: 'asymmetric',
  },
  {
    name: 'HS256 MACed with a random secret',
    make: async (w) => signWith(await real(w, claims(w)), cryptoRandom.bytes(32), 'HS256', ADMIN),
    // In an asymmetric shop the flaw takes every HS256 token to its public-key check.
    safe: '401 alg_not_allowed',
    concerns: ['hmacKeyConfusion'],
    only: 'asymmetric',
  },
  {
    name: 'MACed with the word-list secret',
    make: async (w) => signWith(await real(w, claims(w)), new TextEncoder().encode(GUESSABLE_HMAC_SECRET), 'HS256', ADMIN),
    safe: '401 bad_signature',
    concerns: ['guessableHmacSecret'],
    only: 'hmac',
  },
  {
    name: 'another algorithm, foreign key, real kid',
    async make(w) {
      const other = w.keys.active().alg === 'RS256' ? 'ES256' : 'RS256';
      const { privateKey } = await generateKeyPair(other);
      return new SignJWT(claims(w, ADMIN)).setProtectedHeader({ alg: other, kid: w.keys.active().kid, typ: 'at+jwt' }).sign(privateKey);
    },
    safe: '401 alg_not_allowed',
  },
  { name: 'signature stripped', make: async (w) => stripSignature(await real(w, claims(w))), safe: '401 bad_signature' },
  { name: 'payload tampered to the admin', make: async (w) => tamperPayload(await real(w, claims(w)), ADMIN), safe: '401 bad_signature' },
  { name: 'two segments', make: async (w) => (await real(w, claims(w))).split('.').slice(0, 2).join('.'), safe: '401 token_malformed' },
  { name: 'payload not JSON, signed', make: (w) => signRaw(w, 'not json'), safe: '401 token_malformed' },
  { name: "Alice's refresh token as an access token", make: async (w) => (await login(w)).refresh, safe: '401 wrong_token_type' },
  { name: "Alice's access token at /refresh", make: async (w) => (await login(w)).access, path: '/refresh', safe: '401 wrong_token_type' },
  {
    name: 'refresh token with typ application/refresh+jwt, at /refresh',
    async make(w) {
      const { refresh } = await login(w);
      return real(w, decodeJwt(refresh), { typ: 'application/refresh+jwt' });
    },
    path: '/refresh',
    safe: '200',
  },
];

/** A JWS over arbitrary payload bytes, with the world's real key. */
async function signRaw(world: World, payload: string): Promise<string> {
  const { CompactSign } = await import('jose');
  const key = world.keys.active();
  return new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' }).sign(key.signKey);
}

async function answer(world: World, row: Row): Promise<string> {
  const token = await row.make(world);
  const mallory = new Mallory(world);
  const response = row.path === '/refresh'
    ? await mallory.request('POST', '/refresh', { body: { refreshToken: token } })
    : await mallory.request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200 ? '200' : `${response.status} ${errorCode(response.body)}`;
}

function jwtWorld(alg: JwtAlg, vulnerable: Partial<Record<VulnerableSwitch, boolean>> = {}): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg, storage: 'localStorage', revocation: 'denylist' }, vulnerable });
}

const SWITCHES: readonly (readonly [VulnerableSwitch, JwtAlg])[] = [
  ['acceptAlgNone', 'ES256'],
  ['acceptAlgNone', 'HS256'],
  ['hmacKeyConfusion', 'RS256'],
  ['hmacKeyConfusion', 'EdDSA'],
  ['skipExpCheck', 'ES256'],
  ['skipExpCheck', 'HS256'],
  ['guessableHmacSecret', 'HS256'],
];

describe('each vulnerable JWT switch breaks only the check it names', () => {
  it.each(SWITCHES)('%s (%s world): the same corpus answers as jose does, except on its own check', async (name, alg) => {
    const safe = await jwtWorld(alg);
    const flawed = await jwtWorld(alg, { [name]: true });
    const rows = CORPUS.filter((row) => !row.only || row.only === (alg === 'HS256' ? 'hmac' : 'asymmetric'));
    const table: { row: string; jose: string; flawed: string; concerns: boolean }[] = [];
    for (const row of rows) {
      table.push({ row: row.name, jose: await answer(safe, row), flawed: await answer(flawed, row), concerns: !!row.concerns?.includes(name) });
    }
    // The corpus tests what it says it tests: jose's answers are the expected ones.
    expect.soft(table.map((t) => `${t.row}: ${t.jose}`)).toEqual(rows.map((r) => `${r.name}: ${r.safe}`));
    // Outside the switch's own check, the flawed shop answers exactly as jose does.
    expect.soft(table.filter((t) => !t.concerns && t.flawed !== t.jose).map((t) => `${t.row}: jose ${t.jose}, flawed ${t.flawed}`)).toEqual([]);
    // And the switch really is a flaw: some token of its own check gets in.
    expect(table.filter((t) => t.concerns && t.flawed === '200' && t.jose !== '200').length, `${name} lets nothing in`).toBeGreaterThan(0);
  });
});

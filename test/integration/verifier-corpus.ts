/**
 * The tokens of the verifier parity table (verifier-switch-parity.test.ts):
 * valid and invalid, each with jose's answer and, for the rows about a
 * vulnerable switch's own check, the flawed shop's exact answer with that
 * switch (or a pair of switches) on. Rows put key material in the header
 * (an embedded `jwk`, `jku`, `x5u`, hostile `kid`s), where a verifier that
 * trusts the header goes wrong, and combine a flaw with a broken claim, so a
 * flawed verifier that skips every claim check for the tokens it lets in
 * fails the table.
 */
import { CompactSign, SignJWT, decodeJwt, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { Mallory } from '../../src/sim/attacker/mallory';
import { forgeAlgNone, forgeWithPublicKey, signWith, stripSignature, tamperPayload } from '../../src/sim/attacker/token-forgery';
import { cryptoRandom, randomId, toBase64Url } from '../../src/sim/random';
import { GUESSABLE_HMAC_SECRET } from '../../src/sim/tokens/hmac-secret';
import type { VulnerableSwitch } from '../../src/sim/vulnerable/switches';
import type { World } from '../../src/sim/world';

/** One switch, or two on together (`acceptAlgNone+skipExpCheck`). */
export type Flaw = VulnerableSwitch | `${VulnerableSwitch}+${VulnerableSwitch}`;

/** One row of the corpus: how to make the token in a world, where to send it, and what each shop must answer. */
export interface Row {
  name: string;
  make(world: World): Promise<string>;
  /** GET /me with a Bearer token (default), or POST /refresh with it in the body. */
  path?: '/me' | '/refresh';
  /** jose's answer (the safe shop), so the corpus itself is known to test what it says. */
  safe: string;
  /**
   * The flawed shop's exact answer where a switch's own check is concerned.
   * A world with two switches on takes the entry for the pair, else the one
   * entry of either switch; a world whose switches the row does not name
   * must answer exactly as jose does.
   */
  flawed?: Partial<Record<Flaw, string>>;
  /** Only in worlds of this kind: a public key to abuse, or an HMAC secret to guess. */
  only?: 'asymmetric' | 'hmac';
}

/** What the flawed shop with `switches` on must answer to `row`. */
export function expectedFlawed(row: Row, switches: readonly VulnerableSwitch[]): string {
  const pair = row.flawed?.[switches.join('+') as Flaw];
  if (pair) return pair;
  const singles = switches.flatMap((s) => (row.flawed?.[s] ? [row.flawed[s]] : []));
  if (singles.length > 1) throw new Error(`row "${row.name}" names several of ${switches.join(', ')}: give the pair's answer`);
  return singles[0] ?? row.safe;
}

const ADMIN = { sub: 'u-9001', role: 'admin' };
const encoder = new TextEncoder();

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

/** Signed with the world's real key: only what the row changes is wrong. `undefined` in `header` removes a field. */
function real(world: World, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = world.keys.active();
  return signed(payload, { alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }, key.signKey);
}

function signed(payload: JWTPayload, header: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0]): Promise<string> {
  const protectedHeader = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader(protectedHeader as never).sign(key);
}

/** Mallory's own key of the world's algorithm (an HMAC secret in an HS256 world) and its public JWK, for headers that carry key material. */
async function foreignKey(world: World): Promise<{ alg: string; key: Parameters<SignJWT['sign']>[0]; jwk: JWK }> {
  const alg = world.keys.active().alg;
  if (alg === 'HS256') {
    const secret = cryptoRandom.bytes(32);
    return { alg, key: secret, jwk: { kty: 'oct', k: toBase64Url(secret), kid: 'mallory-1' } };
  }
  const { privateKey, publicKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : alg, { extractable: true });
  return { alg, key: privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'mallory-1', alg } };
}

/** Signed with Mallory's own key, her header saying where to find it. */
async function withForeignKey(world: World, header: (jwk: JWK) => Record<string, unknown>): Promise<string> {
  const { alg, key, jwk } = await foreignKey(world);
  return signed(claims(world, ADMIN), { alg, typ: 'at+jwt', ...header(jwk) }, key);
}

/** HS256 over the claims with a secret of Mallory's choosing, whatever the world's algorithm. */
function mac(world: World, secret: Uint8Array, header: Record<string, unknown>): Promise<string> {
  return signed(claims(world, ADMIN), { alg: 'HS256', typ: 'at+jwt', ...header }, secret);
}

const tolerance = (world: World) => world.config.jwt.clockToleranceSec;
const now = (world: World) => world.clock.nowSeconds();
const anHourAgo = (world: World): JWTPayload => ({ iat: now(world) - 7200, exp: now(world) - 3600 });

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

/** A JWS over arbitrary payload bytes, with the world's real key. */
function signRaw(world: World, payload: string): Promise<string> {
  const key = world.keys.active();
  return new CompactSign(encoder.encode(payload)).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' }).sign(key.signKey);
}

/** The shop's own tokens with one claim broken, unsigned with `alg: none`: the flaw skips the signature, never the claims. */
const algNoneRows = (name: string, payload: (w: World) => JWTPayload, broken: string, pairs: Partial<Record<Flaw, string>> = {}): Row => ({
  name: `alg none, ${name}`,
  make: async (w) => forgeAlgNone(await real(w, payload(w)), ADMIN),
  safe: '401 alg_not_allowed',
  flawed: { acceptAlgNone: broken, ...pairs },
});

/** HS256 MACed with the world's public key, one claim broken: the confusion replaces the key, never the claim checks. */
const confusionRow = (name: string, payload: (w: World) => JWTPayload, broken: string, pairs: Partial<Record<Flaw, string>> = {}, header: Record<string, unknown> = {}): Row => ({
  name: `HS256 MACed with the public key, ${name}`,
  make: async (w) => forgeWithPublicKey(await real(w, payload(w), header), await publicJwk(w), ADMIN),
  safe: '401 alg_not_allowed',
  flawed: { hmacKeyConfusion: broken, ...pairs },
  only: 'asymmetric',
});

const HOSTILE_KIDS: readonly (readonly [string, string, Uint8Array])[] = [
  ['naming /dev/null, MACed with a zero byte', '../../../../../../dev/null', new Uint8Array(1)],
  ['injecting its secret into a key lookup', "x' UNION SELECT 'mallory' --", encoder.encode('mallory')],
];

const EXPIRED: Partial<Record<Flaw, string>> = { skipExpCheck: '200' };

export const CORPUS: readonly Row[] = [
  { name: 'valid', make: (w) => real(w, claims(w)), safe: '200' },
  { name: 'expired, still inside the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) + 1 })), safe: '200' },
  { name: 'expired exactly at the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) })), safe: '401 token_expired', flawed: EXPIRED },
  { name: 'expired by 1 s beyond the tolerance', make: (w) => real(w, claims(w, { exp: now(w) - tolerance(w) - 1 })), safe: '401 token_expired', flawed: EXPIRED },
  { name: 'expired an hour ago', make: (w) => real(w, claims(w, anHourAgo(w))), safe: '401 token_expired', flawed: EXPIRED },
  { name: 'no exp', make: (w) => real(w, claims(w, {}, ['exp'])), safe: '401 token_claim_missing', flawed: EXPIRED },
  { name: 'exp not a number', make: (w) => real(w, claims(w, { exp: 'tomorrow' as never })), safe: '401 token_malformed', flawed: EXPIRED },
  // jose checks aud before exp, so "no exp" is what shows that skipping exp skips nothing else.
  { name: 'no exp and wrong aud', make: (w) => real(w, claims(w, { aud: 'https://partner.example/api' }, ['exp'])), safe: '401 token_claim_missing', flawed: { skipExpCheck: '401 wrong_audience' } },
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
  { name: 'unknown kid, signed with a foreign key', make: (w) => withForeignKey(w, () => ({ kid: 'mallory-1' })), safe: '401 unknown_key' },

  // Key material in the header: the shop takes keys only from its own set, by kid (JWT-10).
  { name: 'a foreign key embedded as jwk, with the real kid', make: (w) => withForeignKey(w, (jwk) => ({ kid: w.keys.active().kid, jwk })), safe: '401 bad_signature' },
  { name: 'a foreign key embedded as jwk, with its own kid', make: (w) => withForeignKey(w, (jwk) => ({ kid: jwk.kid, jwk })), safe: '401 unknown_key' },
  { name: 'jku naming evil.example\'s key set, its kid', make: (w) => withForeignKey(w, (jwk) => ({ kid: jwk.kid, jku: 'https://evil.example/.well-known/jwks.json' })), safe: '401 unknown_key' },
  { name: 'jku naming evil.example\'s key set, the real kid', make: (w) => withForeignKey(w, () => ({ kid: w.keys.active().kid, jku: 'https://evil.example/.well-known/jwks.json' })), safe: '401 bad_signature' },
  { name: 'x5u naming evil.example\'s certificate, its kid', make: (w) => withForeignKey(w, (jwk) => ({ kid: jwk.kid, x5u: 'https://evil.example/mallory.pem' })), safe: '401 unknown_key' },
  // Hostile kids, MACed with the key they would make a careless lookup return. An asymmetric shop refuses HS256 before any
  // lookup; with hmacKeyConfusion on it still looks the kid up, and finds nothing.
  ...HOSTILE_KIDS.flatMap(([what, kid, secret]): Row[] => [
    { name: `hostile kid ${what}`, make: (w) => mac(w, secret, { kid }), safe: '401 unknown_key', only: 'hmac' },
    { name: `hostile kid ${what}`, make: (w) => mac(w, secret, { kid }), safe: '401 alg_not_allowed', flawed: { hmacKeyConfusion: '401 unknown_key' }, only: 'asymmetric' },
  ]),
  { name: 'kid that is not text', make: (w) => real(w, claims(w), { kid: 1 }), safe: '401 unknown_key' },

  ...['none', 'None', 'NONE', 'nOnE'].map((alg): Row => ({
    name: `alg ${alg}, unsigned`,
    make: async (w) => forgeAlgNone(await real(w, claims(w)), ADMIN, alg),
    safe: '401 alg_not_allowed',
    flawed: { acceptAlgNone: '200' },
  })),
  algNoneRows('expired an hour ago', (w) => claims(w, anHourAgo(w)), '401 token_expired', { 'acceptAlgNone+skipExpCheck': '200' }),
  algNoneRows('wrong aud', (w) => claims(w, { aud: 'https://partner.example/api' }), '401 wrong_audience'),
  algNoneRows('wrong iss', (w) => claims(w, { iss: 'https://evil.example' }), '401 wrong_issuer'),
  algNoneRows('no jti', (w) => claims(w, {}, ['jti']), '401 token_claim_missing'),
  algNoneRows('nbf in an hour', (w) => claims(w, { nbf: now(w) + 3600 }), '401 token_not_yet_valid'),
  { name: 'alg none, typ JWT', make: async (w) => forgeAlgNone(await real(w, claims(w), { typ: 'JWT' }), ADMIN), safe: '401 alg_not_allowed', flawed: { acceptAlgNone: '401 wrong_token_type' } },

  confusionRow('valid claims', (w) => claims(w), '200'),
  confusionRow('wrong aud', (w) => claims(w, { aud: 'https://partner.example/api' }), '401 wrong_audience'),
  confusionRow('expired an hour ago', (w) => claims(w, anHourAgo(w)), '401 token_expired', { 'hmacKeyConfusion+skipExpCheck': '200' }),
  confusionRow('no jti', (w) => claims(w, {}, ['jti']), '401 token_claim_missing'),
  confusionRow('unknown kid', (w) => claims(w), '401 unknown_key', {}, { kid: 'retired-long-ago' }),
  {
    name: 'HS256 MACed with a random secret',
    make: async (w) => signWith(await real(w, claims(w)), cryptoRandom.bytes(32), 'HS256', ADMIN),
    // In an asymmetric shop the flaw takes every HS256 token to its public-key check.
    safe: '401 alg_not_allowed',
    flawed: { hmacKeyConfusion: '401 bad_signature' },
    only: 'asymmetric',
  },
  {
    name: 'HS256 MACed with a secret embedded as its jwk, the real kid',
    async make(w) {
      const secret = cryptoRandom.bytes(32);
      return mac(w, secret, { kid: w.keys.active().kid, jwk: { kty: 'oct', k: toBase64Url(secret) } });
    },
    safe: '401 alg_not_allowed',
    flawed: { hmacKeyConfusion: '401 bad_signature' },
    only: 'asymmetric',
  },
  {
    name: 'MACed with the word-list secret',
    make: async (w) => signWith(await real(w, claims(w)), encoder.encode(GUESSABLE_HMAC_SECRET), 'HS256', ADMIN),
    safe: '401 bad_signature',
    flawed: { guessableHmacSecret: '200' },
    only: 'hmac',
  },
  {
    name: 'another algorithm, foreign key, real kid',
    async make(w) {
      const other = w.keys.active().alg === 'RS256' ? 'ES256' : 'RS256';
      const { privateKey } = await generateKeyPair(other);
      return signed(claims(w, ADMIN), { alg: other, kid: w.keys.active().kid, typ: 'at+jwt' }, privateKey);
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

/**
 * What a JWT and the shop's JWKS reveal to anyone who holds them. A signed
 * JWT is only base64url-encoded (misconception 1), so it must carry no
 * secrets or personal data; the JWKS must carry only public keys, each bound
 * to one algorithm. Plus the RFC 7515 Appendix A.1 example, to show what
 * "verifies" means on a published test vector.
 */
import { base64url, compactVerify, decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { JwtAlg } from '../../src/sim/config';
import { decodeToken } from '../../src/sim/tokens/decode';
import { mapVerificationError } from '../../src/sim/tokens/jose-errors';
import type { World } from '../../src/sim/world';
import { header, useShopServer } from './shop-harness';

const shop = useShopServer();

function jwtWorld(alg: JwtAlg): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg, storage: 'localStorage', revocation: 'denylist' } });
}

async function fetchJwks(world: World) {
  const response = await new Mallory(world).request('GET', '/.well-known/jwks.json');
  expect(response.status).toBe(200);
  return { response, keys: (response.body as { keys: JWK[] }).keys };
}

/** Members that only private or symmetric JWKs have (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

describe('JWT-11: decoding an issued token reveals no secrets or PII', () => {
  it.each(['HS256', 'RS256', 'ES256', 'EdDSA'] as const)('JWT-11: a %s access token holds only iss aud sub iat exp jti role', async (alg) => {
    const world = await jwtWorld(alg);
    const login = await world.page('alice').login('alice', 'wonderland');
    expect(login.status).toBe(200);
    const token = world.page('alice').accessToken!;

    // Anyone can read it: no key is needed (misconception 1).
    const decoded = decodeToken(token);
    expect(decoded.ok).toBe(true);
    const payload = decodeJwt(token);
    expect(decoded.ok && decoded.payload).toEqual(payload);
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'role', 'sub']);
    expect(Object.keys(decodeProtectedHeader(token)).sort()).toEqual(['alg', 'kid', 'typ']);

    // sub is an opaque id, not the username or an email address.
    expect(payload.sub).toBe('u-1001');
    expect(payload.role).toBe('customer');

    const row = world.db.users.get('u-1001')!;
    const readable = JSON.stringify({ header: decodeProtectedHeader(token), payload });
    for (const secret of ['alice', 'wonderland', row.passwordHash, row.salt, '@']) {
      expect(readable).not.toContain(secret);
    }
    // The login response itself names Alice; the token does not need to.
    expect(login.body).toMatchObject({ user: { username: 'alice' } });
  });

  it('JWT-11: the refresh token is as bare: iss aud sub iat exp jti and its family id', async () => {
    const world = await jwtWorld('ES256');
    const login = await world.page('alice').login('alice', 'wonderland');
    const { refreshToken } = login.body as { refreshToken: string };
    const payload = decodeJwt(refreshToken);
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'fam', 'iat', 'iss', 'jti', 'sub']);
    expect(JSON.stringify(payload)).not.toMatch(/alice|wonderland/);
  });

  it('JWT-11: the admin’s token says "admin" only through role, next to an opaque sub', async () => {
    const world = await jwtWorld('RS256');
    expect((await world.page('admin').login('admin', 'console')).status).toBe(200);
    const payload = decodeJwt(world.page('admin').accessToken!);
    expect(payload).toMatchObject({ sub: 'u-9001', role: 'admin' });
    expect(JSON.stringify(payload)).not.toContain('console');
  });
});

describe('JWT-12: the JWKS holds only public keys, each with one alg', () => {
  it.each([
    ['RS256', 'RSA', ['alg', 'e', 'kid', 'kty', 'n', 'use']],
    ['ES256', 'EC', ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']],
    ['EdDSA', 'OKP', ['alg', 'crv', 'kid', 'kty', 'use', 'x']],
  ] as const)('JWT-12: %s world publishes one public %s key with a kid and one alg', async (alg, kty, members) => {
    const world = await jwtWorld(alg);
    const { response, keys } = await fetchJwks(world);
    expect(keys).toHaveLength(1);
    const [jwk] = keys as [JWK];
    expect(Object.keys(jwk).sort()).toEqual([...members]);
    for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
    expect(jwk).toMatchObject({ kty, alg, kid: world.keys.active().kid, use: 'sig' });
    expect(jwk.alg).toBeTypeOf('string');
    // The key really is public, and its kid is the one issued tokens name.
    const key = await importJWK(jwk);
    expect((key as CryptoKey).type).toBe('public');
    await world.page('alice').login('alice', 'wonderland');
    expect(decodeProtectedHeader(world.page('alice').accessToken!)).toMatchObject({ alg, kid: jwk.kid });
    expect(header(response.headers, 'cache-control')).toEqual(['public, max-age=600']);
  });

  it('JWT-12: after a key rotation both keys are public, with distinct kids and one alg each', async () => {
    const world = await jwtWorld('ES256');
    const admin = world.page('admin');
    expect((await admin.login('admin', 'console')).status).toBe(200);
    expect((await admin.call('POST', '/admin/keys/rotate', {})).status).toBe(200);
    const { keys } = await fetchJwks(world);
    expect(keys).toHaveLength(2);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(2);
    for (const jwk of keys) {
      expect(jwk.alg).toBe('ES256');
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
    }
  });

  it('JWT-12: an HS256 world publishes no keys, and its secret appears nowhere in the answer', async () => {
    const world = await jwtWorld('HS256');
    const { response, keys } = await fetchJwks(world);
    expect(keys).toEqual([]);
    const secret = base64url.encode(world.keys.active().signKey as Uint8Array);
    expect(JSON.stringify(response.body)).not.toContain(secret);
  });
});

describe('RFC 7515 Appendix A.1: the published HS256 example', () => {
  // RFC 7515 A.1.1, the compact serialization exactly as published.
  const RFC_TOKEN =
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const RFC_KEY: JWK = {
    kty: 'oct',
    k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
  };
  const decoder = new TextDecoder();

  it('JWT-04: verifies with compactVerify and the published key, byte for byte', async () => {
    const key = await importJWK(RFC_KEY, 'HS256');
    const { payload, protectedHeader } = await compactVerify(RFC_TOKEN, key, { algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'HS256' });
    // The JSON has CR LF and spaces inside; the signature covers those exact bytes.
    expect(decoder.decode(base64url.decode(RFC_TOKEN.split('.')[0]!))).toBe('{"typ":"JWT",\r\n "alg":"HS256"}');
    expect(decoder.decode(payload)).toBe('{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}');
  });

  it('JWT-04: changing one payload byte makes verification fail (bad_signature)', async () => {
    const key = await importJWK(RFC_KEY, 'HS256');
    const [head, body, signature] = RFC_TOKEN.split('.') as [string, string, string];
    const bytes = base64url.decode(body);
    const at = decoder.decode(bytes).indexOf('joe') + 2;
    bytes[at] = 'f'.charCodeAt(0); // "joe" → "jof"
    const tampered = `${head}.${base64url.encode(bytes)}.${signature}`;
    expect(decoder.decode(base64url.decode(tampered.split('.')[1]!))).toContain('"iss":"jof"');

    const failure = await compactVerify(tampered, key, { algorithms: ['HS256'] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(errors.JWSSignatureVerificationFailed);
    expect(failure).toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    expect(mapVerificationError(failure)).toMatchObject({ code: 'bad_signature', status: 401 });
  });

  it('JWT-05: a valid signature is not a valid token: the example expired in 2011 (misconception 7)', async () => {
    const key = await importJWK(RFC_KEY, 'HS256');
    const failure = await jwtVerify(RFC_TOKEN, key, { algorithms: ['HS256'], currentDate: new Date(Date.UTC(2026, 2, 2)) }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'ERR_JWT_EXPIRED', claim: 'exp' });
    expect(mapVerificationError(failure)).toMatchObject({ code: 'token_expired', status: 401 });
    // One second before its exp the same token verifies, custom claim included.
    const { payload } = await jwtVerify(RFC_TOKEN, key, { algorithms: ['HS256'], currentDate: new Date((1300819380 - 1) * 1000) });
    expect(payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
  });
});

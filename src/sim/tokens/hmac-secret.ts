/**
 * HS256 secrets must be long and random. jose signs with a 1-byte secret
 * without complaint, so the shop enforces this itself (JWT-09, RFC 8725 §3.5).
 */
import { AuthLabError } from '../errors';

export const MIN_HMAC_SECRET_BYTES = 32;

/** The weak secret the `guessableHmacSecret` switch uses; it is in Mallory's word list. */
export const GUESSABLE_HMAC_SECRET = 'supersecret';

/** True when every byte is printable ASCII: a human-chosen phrase, not random bytes. */
function looksLikePassword(secret: Uint8Array): boolean {
  return secret.every((b) => b >= 0x20 && b <= 0x7e);
}

/** Throws `weak_secret` for a short or password-like HMAC secret. */
export function assertStrongHmacSecret(secret: Uint8Array): void {
  if (secret.length < MIN_HMAC_SECRET_BYTES) {
    throw new AuthLabError(
      'weak_secret',
      `HS256 secret has ${secret.length * 8} bits; at least ${MIN_HMAC_SECRET_BYTES * 8} random bits are required`,
      { bits: secret.length * 8 },
    );
  }
  if (looksLikePassword(secret)) {
    throw new AuthLabError('weak_secret', 'HS256 secret looks like a password; use random bytes from a CSPRNG', {
      bits: secret.length * 8,
    });
  }
}

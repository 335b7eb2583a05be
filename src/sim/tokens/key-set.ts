/**
 * The token service's keys. Each key has a `kid` and exactly one `alg`
 * (JWT-12); the JWKS publishes only public keys. Rotation adds a new signing
 * key and keeps older ones for verification until their tokens expire.
 */
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { JwtAlg } from '../config';
import type { RandomSource } from '../random';
import { GUESSABLE_HMAC_SECRET, assertStrongHmacSecret } from './hmac-secret';

export interface SigningKey {
  kid: string;
  alg: JwtAlg;
  signKey: CryptoKey | Uint8Array;
  verifyKey: CryptoKey | Uint8Array;
  /** Public JWK for asymmetric keys; HMAC secrets are never published. */
  publicJwk?: JWK;
  createdAt: number;
  retiredAt?: number;
}

export interface KeyOptions {
  alg: JwtAlg;
  random: RandomSource;
  now: number;
  /** Vulnerable switch: use a word-list HMAC secret. */
  guessableSecret: boolean;
}

async function makeKey(kid: string, options: KeyOptions): Promise<SigningKey> {
  const { alg, now } = options;
  if (alg === 'HS256') {
    const secret = options.guessableSecret ? new TextEncoder().encode(GUESSABLE_HMAC_SECRET) : options.random.bytes(32);
    if (!options.guessableSecret) assertStrongHmacSecret(secret);
    return { kid, alg, signKey: secret, verifyKey: secret, createdAt: now };
  }
  const pair = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, signKey: pair.privateKey, verifyKey: pair.publicKey, publicJwk, createdAt: now };
}

export class KeySet {
  readonly keys: SigningKey[] = [];
  #serial = 0;

  static async create(options: KeyOptions): Promise<KeySet> {
    const set = new KeySet();
    await set.rotate(options);
    return set;
  }

  /** Time travel: the key list and serial at this moment (keys themselves never change). */
  snapshot(): { keys: SigningKey[]; retired: (number | undefined)[]; serial: number } {
    return { keys: [...this.keys], retired: this.keys.map((k) => k.retiredAt), serial: this.#serial };
  }

  restore(saved: { keys: SigningKey[]; retired: (number | undefined)[]; serial: number }): void {
    this.keys.splice(0, this.keys.length, ...saved.keys);
    saved.keys.forEach((key, i) => {
      const retiredAt = saved.retired[i];
      if (retiredAt === undefined) delete key.retiredAt;
      else key.retiredAt = retiredAt;
    });
    this.#serial = saved.serial;
  }

  /** The key new tokens are signed with. */
  active(): SigningKey {
    const key = this.keys.findLast((k) => k.retiredAt === undefined);
    if (!key) throw new Error('KeySet has no active key');
    return key;
  }

  find(kid: string | undefined): SigningKey | undefined {
    return kid === undefined ? undefined : this.keys.find((k) => k.kid === kid);
  }

  /** Adds a new signing key; the previous one keeps verifying (KEY-02 overlap). */
  async rotate(options: KeyOptions): Promise<SigningKey> {
    this.#serial += 1;
    const key = await makeKey(`${options.alg.toLowerCase()}-${this.#serial}`, options);
    for (const old of this.keys) old.retiredAt ??= options.now;
    this.keys.push(key);
    return key;
  }

  /** The public JWKS: public keys only, each with its one `alg`. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.flatMap((k) => (k.publicJwk ? [k.publicJwk] : [])) };
  }
}

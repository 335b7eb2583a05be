/**
 * The token service's keys. Each key has a `kid` and exactly one `alg`
 * (JWT-12); the JWKS publishes only public keys. A key's life: published
 * (in the JWKS, signing nothing yet, so verifiers that cache the JWKS can
 * pick it up), active (signs new tokens), retired (still verifies older
 * tokens), removed (gone from the set and the JWKS: compromised or done).
 * `rotate` publishes and activates in one step, which breaks verifiers
 * holding a cached JWKS until they refetch (KEY-02).
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
  /** When it started signing; unset while only published. */
  activatedAt?: number;
  retiredAt?: number;
}

/** What can change on a key after it is made, for time travel. */
type KeyTimes = Pick<SigningKey, 'activatedAt' | 'retiredAt'>;

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

  /** Time travel: the key list and serial at this moment (key material never changes; only its times). */
  snapshot(): { keys: SigningKey[]; times: KeyTimes[]; serial: number } {
    return { keys: [...this.keys], times: this.keys.map(({ activatedAt, retiredAt }) => ({ activatedAt, retiredAt })), serial: this.#serial };
  }

  restore(saved: { keys: SigningKey[]; times: KeyTimes[]; serial: number }): void {
    this.keys.splice(0, this.keys.length, ...saved.keys);
    saved.keys.forEach((key, i) => {
      const times = saved.times[i] ?? {};
      for (const field of ['activatedAt', 'retiredAt'] as const) {
        const value = times[field];
        if (value === undefined) delete key[field];
        else key[field] = value;
      }
    });
    this.#serial = saved.serial;
  }

  /** The key new tokens are signed with. */
  active(): SigningKey {
    const key = this.keys.findLast((k) => k.activatedAt !== undefined && k.retiredAt === undefined);
    if (!key) throw new Error('KeySet has no active key');
    return key;
  }

  /** Keys published but not signing yet. */
  pending(): SigningKey[] {
    return this.keys.filter((k) => k.activatedAt === undefined);
  }

  find(kid: string | undefined): SigningKey | undefined {
    return kid === undefined ? undefined : this.keys.find((k) => k.kid === kid);
  }

  /** Adds a key to the set and the JWKS without signing with it yet (step 1 of a safe rotation). */
  async publish(options: KeyOptions): Promise<SigningKey> {
    this.#serial += 1;
    const key = await makeKey(`${options.alg.toLowerCase()}-${this.#serial}`, options);
    this.keys.push(key);
    return key;
  }

  /** Makes the newest published key the signing key; the previous one keeps verifying (step 2). */
  activate(now: number): SigningKey | undefined {
    const next = this.pending().at(-1);
    if (!next) return undefined;
    for (const old of this.keys) if (old.activatedAt !== undefined) old.retiredAt ??= now;
    next.activatedAt = now;
    return next;
  }

  /** Publishes and activates at once: simple, but verifiers with a cached JWKS miss the new key until they refetch. */
  async rotate(options: KeyOptions): Promise<SigningKey> {
    await this.publish(options);
    return this.activate(options.now)!;
  }

  /** Removes a retired or pending key everywhere: tokens it signed stop verifying at the shop at once (KEY-03). */
  remove(kid: string): SigningKey | undefined {
    const index = this.keys.findIndex((k) => k.kid === kid);
    const key = this.keys[index];
    if (!key || key === this.active()) return undefined;
    this.keys.splice(index, 1);
    return key;
  }

  /** The public JWKS: public keys only, each with its one `alg`. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.flatMap((k) => (k.publicJwk ? [k.publicJwk] : [])) };
  }
}

/**
 * The token service's keys. Each key has a `kid` and exactly one `alg`
 * (JWT-12); the JWKS publishes only public keys. A key's life: published
 * (in the JWKS, signing nothing yet, so verifiers that cache the JWKS can
 * pick it up), active (signs new tokens), retired (still verifies older
 * tokens), removed (gone from the set and the JWKS: compromised or done).
 * `rotate` publishes and activates in one step, which breaks verifiers
 * holding a cached JWKS until they refetch (KEY-02).
 *
 * Keys are immutable: activating or retiring one replaces it with a changed
 * copy, so a saved key set is just the list of keys it held.
 */
import { exportJWK, type CryptoKey, type JWK } from 'jose';
import type { JwtAlg } from '../config';
import type { RandomSource } from '../random';
import { check, type Restorable } from '../restorable';
import { GUESSABLE_HMAC_SECRET, assertStrongHmacSecret } from './hmac-secret';
import { signingPairFrom } from './key-material';

export interface SigningKey {
  readonly kid: string;
  readonly alg: JwtAlg;
  readonly signKey: CryptoKey | Uint8Array;
  readonly verifyKey: CryptoKey | Uint8Array;
  /** Public JWK for asymmetric keys; HMAC secrets are never published. */
  readonly publicJwk?: Readonly<JWK>;
  readonly createdAt: number;
  /** When it started signing; unset while only published. */
  readonly activatedAt?: number;
  readonly retiredAt?: number;
}

/** A key set at one moment: its keys (immutable, shared) and the serial behind the next kid. */
export interface SavedKeySet {
  readonly keys: readonly SigningKey[];
  readonly serial: number;
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
    return Object.freeze({ kid, alg, signKey: secret, verifyKey: secret, createdAt: now });
  }
  const pair = await signingPairFrom(alg, options.random);
  const publicJwk = Object.freeze({ ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' });
  return Object.freeze({ kid, alg, signKey: pair.privateKey, verifyKey: pair.publicKey, publicJwk, createdAt: now });
}

export class KeySet implements Restorable<SavedKeySet> {
  readonly keys: SigningKey[] = [];
  #serial = 0;

  static async create(options: KeyOptions): Promise<KeySet> {
    const set = new KeySet();
    await set.rotate(options);
    return set;
  }

  save(): SavedKeySet {
    return Object.freeze({ keys: Object.freeze([...this.keys]), serial: this.#serial });
  }

  restore(saved: SavedKeySet): void {
    check(Array.isArray(saved?.keys) && Number.isInteger(saved.serial), 'the saved key set has no list of keys');
    for (const key of saved.keys) check(typeof key?.kid === 'string' && key.signKey && key.verifyKey, 'a saved key has no kid or no key material');
    check(saved.keys.some((k) => k.activatedAt !== undefined && k.retiredAt === undefined), 'the saved key set has no signing key');
    this.keys.splice(0, this.keys.length, ...saved.keys);
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
    const activated = Object.freeze({ ...next, activatedAt: now });
    this.keys.forEach((key, i) => {
      if (key === next) this.keys[i] = activated;
      else if (key.activatedAt !== undefined && key.retiredAt === undefined) this.keys[i] = Object.freeze({ ...key, retiredAt: now });
    });
    return activated;
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

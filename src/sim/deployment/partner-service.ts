/**
 * A second service, `partner.example`, that only has to *verify* the shop's
 * access tokens, holding exactly the key material that takes (SCALE-05):
 * with HS256 that is the shop's secret itself, which can sign as well as
 * verify, so a compromise of this service lets it mint any token the shop
 * accepts; with RS256/ES256/EdDSA it holds only the public JWKS, which can
 * verify and nothing more. Scaling out with a shared HMAC secret spreads the
 * power to issue tokens to every service that checks them.
 *
 * With a JWKS the service verifies with jose's own `jwtVerify` and
 * `createRemoteJWKSet`, fetching `GET /.well-known/jwks.json` from the shop
 * over the simulated network (each fetch is an exchange in the trace). jose
 * decides: it keeps the set for `cacheMaxAge` (10 min), and a `kid` it does
 * not hold triggers one refetch, at most once per `cooldownDuration` (30 s),
 * so a flood of made-up kids cannot flood the issuer (KEY-01). That cache is
 * why a new key must be published before it signs (KEY-02), and why a removed
 * key keeps verifying here until the cache expires (KEY-03). Its clock is the
 * world's virtual clock (see remote-jwks.ts).
 */
import { SignJWT, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { forgeWithPublicKey } from '../attacker/token-forgery';
import { PARTNER_ORIGIN, SHOP_ORIGIN } from '../config';
import { peekHeader } from '../tokens/decode';
import { ACCESS_TYP } from '../tokens/token-type';
import { verifyOptions } from '../tokens/verify-options';
import type { Trace } from '../trace';
import type { WorldServices } from '../services';
import { VirtualRemoteJwks, WallClockOverrun, type VirtualJwksCache } from './remote-jwks';
import type { ServiceClient } from './service-client';

export { JWKS_CACHE_MAX_AGE_MS, JWKS_COOLDOWN_MS } from './remote-jwks';

/** The trace's name for the service, as a client and as a verifier. */
export const PARTNER_NAME = 'partner';
export const JWKS_URL = `${SHOP_ORIGIN}/.well-known/jwks.json`;
/** A server's fetch names itself; jose would send `jose/v6…` from Node, nothing from a browser tab. */
const USER_AGENT = 'partner.example (jose createRemoteJWKSet)';

type Material = { kind: 'hmac-secret'; kid: string; secret: Uint8Array } | { kind: 'public-jwks' };

/** What the service holds at one moment, for time travel. */
export interface PartnerSnapshot {
  material: Material;
  cache: VirtualJwksCache | undefined;
}

/** What a partner needs of its world: config, clock, trace, keys (for provisioning) and an HTTP client. */
export interface PartnerWorld extends WorldServices {
  serviceClient(name: string, origin: string): ServiceClient;
}

/** `partner.example`; a world holds one as `world.partner`. */
export class PartnerService {
  readonly #world: PartnerWorld;
  readonly #client: ServiceClient;
  readonly #remote: VirtualRemoteJwks;
  material: Material;

  private constructor(world: PartnerWorld, material: Material) {
    this.#world = world;
    this.material = material;
    this.#client = world.serviceClient(PARTNER_NAME, PARTNER_ORIGIN);
    this.#remote = new VirtualRemoteJwks({ url: new URL(JWKS_URL), fetch: this.#client.fetch, now: () => world.clock.now(), headers: { 'User-Agent': USER_AGENT } });
  }

  /**
   * Provisions the service the way it must be for it to verify: the secret
   * for HS256, else the address of the shop's JWKS (fetched on first use, as
   * jose's remote set does).
   */
  static provision(world: PartnerWorld): PartnerService {
    const key = world.keys.active();
    if (key.alg === 'HS256') return new PartnerService(world, { kind: 'hmac-secret', kid: key.kid, secret: key.verifyKey as Uint8Array });
    return new PartnerService(world, { kind: 'public-jwks' });
  }

  /** The JWKS as jose cached it, with when (virtual ms) it was fetched; undefined before the first fetch. */
  get jwksCache(): VirtualJwksCache | undefined {
    return this.#remote.cache;
  }

  /** The cached public keys; none before the first fetch. */
  cachedJwks(): JSONWebKeySet {
    return this.#remote.cache?.jwks ?? { keys: [] };
  }

  /** jose's `fresh` and `coolingDown` for the cache now (display only: jose decides again on each verification). */
  cacheState(): { fresh: boolean; coolingDown: boolean } {
    return this.#remote.state();
  }

  /** How many times the service has requested the JWKS (each one an exchange in the trace). */
  get jwksFetches(): number {
    return this.#world.trace.ofKind('exchange').filter((e) => e.client === 'service' && e.browser === PARTNER_NAME && e.request.url === JWKS_URL).length;
  }

  /**
   * Checks a shop token as the shop would, with the shop's own jose options
   * (verify-options.ts): pinned alg, iss, aud, typ, the required claims (`exp`
   * among them: jose checks it only when present) and the shop's clock
   * tolerance, on the virtual clock. Records the verdict as a signature check
   * at `partner`. Throws jose's errors.
   */
  async verify(token: string): Promise<JWTPayload> {
    const { trace } = this.#world;
    const options = verifyOptions(this.#world, ACCESS_TYP);
    const header = peekHeader(token);
    try {
      const payload = this.material.kind === 'hmac-secret' ? (await jwtVerify(token, this.material.secret, options)).payload : await this.#verifyWithJwks(token, options);
      recordCheck(trace, header);
      return payload;
    } catch (error) {
      recordCheck(trace, header, error);
      throw error;
    }
  }

  async #verifyWithJwks(token: string, options: JWTVerifyOptions): Promise<JWTPayload> {
    const lease = this.#remote.lease();
    try {
      return (await jwtVerify(token, lease.getKey, options)).payload;
    } finally {
      lease.release();
    }
  }

  /**
   * The service turns rogue (or is breached) and issues itself an admin token
   * with everything it holds. `like` is any shop token, for its claims' shape.
   */
  async mintAdminToken(like: string): Promise<string> {
    const { config, clock } = this.#world;
    const now = clock.nowSeconds();
    const claims = { iss: config.jwt.issuer, aud: config.jwt.audience, sub: 'u-9001', role: 'admin', iat: now, exp: now + 300, jti: `partner-${now}` };
    if (this.material.kind === 'hmac-secret') {
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: this.material.kid, typ: ACCESS_TYP }).sign(this.material.secret);
    }
    // A public key cannot sign; the best it can try is the HS256-with-public-key trick (JWT-03).
    const jwk = this.cachedJwks().keys.at(-1);
    if (!jwk) throw new Error('the partner holds no public key yet: it fetches the JWKS on its first verification');
    return forgeWithPublicKey(like, jwk, claims);
  }

  save(): PartnerSnapshot {
    return { material: this.material, cache: this.#remote.cache };
  }

  /** A partner as it was at `saved` (the cache object is never mutated, only replaced, so sharing it is safe). */
  static restore(world: PartnerWorld, saved: PartnerSnapshot): PartnerService {
    const partner = new PartnerService(world, saved.material);
    partner.#remote.cache = saved.cache;
    return partner;
  }
}

/** jose's error code (or the frame's, for a verification that outlasted it), or the error's name for a plain TypeError. */
function joseCode(error: unknown): string {
  if (error instanceof errors.JOSEError || error instanceof WallClockOverrun) return error.code;
  return error instanceof Error ? error.name : 'Error';
}

function recordCheck(trace: Trace, header: { alg: string; kid?: string }, error?: unknown): void {
  trace.record({
    kind: 'crypto',
    node: PARTNER_NAME,
    op: 'verify',
    ...header,
    ok: error === undefined,
    ...(error === undefined ? {} : { code: joseCode(error) }),
    verifier: 'jose',
  });
}

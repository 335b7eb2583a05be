/**
 * A second service (say, reporting) that only has to *verify* the shop's
 * access tokens, holding exactly the key material that takes (SCALE-05):
 * with HS256 that is the shop's secret itself, which can sign as well as
 * verify, so a compromise of this service lets it mint any token the shop
 * accepts; with RS256/ES256/EdDSA it holds only the public JWKS, which can
 * verify and nothing more. Scaling out with a shared HMAC secret spreads the
 * power to issue tokens to every service that checks them.
 *
 * With a JWKS the service behaves like jose's `createRemoteJWKSet`: it keeps
 * the fetched set for `cacheMaxAgeMs` (10 min), and a `kid` it does not know
 * triggers one refetch, at most once per `cooldownMs` (30 s), so a flood of
 * made-up kids cannot flood the issuer (KEY-01). That cache is why a new key
 * must be published before it signs (KEY-02), and why a removed key keeps
 * verifying here until the cache expires (KEY-03). Time is the world's
 * virtual clock.
 */
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { forgeWithPublicKey } from '../attacker/token-forgery';
import { ACCESS_TYP } from '../tokens/token-service';
import type { World } from '../world';

type Material = { kind: 'hmac-secret'; kid: string; secret: Uint8Array } | { kind: 'public-jwks'; jwks: { keys: JWK[] }; fetchedAt: number };

/** jose's defaults for `createRemoteJWKSet`. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
export const JWKS_COOLDOWN_MS = 30_000;

export class PartnerService {
  readonly #world: World;
  material: Material;
  /** How often the service has fetched the JWKS from the shop. */
  jwksFetches = 0;

  private constructor(world: World, material: Material) {
    this.#world = world;
    this.material = material;
  }

  /** Provisions the service the way it must be for it to verify: the secret for HS256, else the published JWKS. */
  static provision(world: World): PartnerService {
    const key = world.keys.active();
    if (key.alg === 'HS256') return new PartnerService(world, { kind: 'hmac-secret', kid: key.kid, secret: key.verifyKey as Uint8Array });
    const service = new PartnerService(world, { kind: 'public-jwks', jwks: { keys: [] }, fetchedAt: Number.NEGATIVE_INFINITY });
    service.#fetchJwks('initial load');
    return service;
  }

  #fetchJwks(why: string): void {
    const jwks = this.#world.keys.jwks();
    this.material = { kind: 'public-jwks', jwks, fetchedAt: this.#world.clock.now() };
    this.jwksFetches += 1;
    this.#world.trace.record({ kind: 'deployment', action: 'jwks-fetched', node: 'partner', detail: `${why}: ${jwks.keys.map((k) => k.kid).join(', ')}` });
  }

  /** The cached JWKS, refetched when stale or when `kid` is unknown and the cooldown has passed. */
  #jwksFor(kid: string | undefined): { keys: JWK[] } {
    if (this.material.kind !== 'public-jwks') throw new Error('this service verifies with a shared secret');
    const now = this.#world.clock.now();
    if (now - this.material.fetchedAt > JWKS_CACHE_MAX_AGE_MS) this.#fetchJwks('cache expired');
    else if (!this.material.jwks.keys.some((k) => k.kid === kid) && now - this.material.fetchedAt > JWKS_COOLDOWN_MS) this.#fetchJwks(`unknown kid ${String(kid)}`);
    return (this.material as Extract<Material, { kind: 'public-jwks' }>).jwks;
  }

  /** Checks a shop token as the shop would (pinned alg, iss, aud, typ). Throws jose's errors. */
  async verify(token: string): Promise<JWTPayload> {
    const { config, clock } = this.#world;
    const options = { algorithms: [config.jwt.alg], issuer: config.jwt.issuer, audience: config.jwt.audience, typ: ACCESS_TYP, currentDate: clock.date() };
    if (this.material.kind === 'hmac-secret') return (await jwtVerify(token, this.material.secret, options)).payload;
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      kid = undefined;
    }
    return (await jwtVerify(token, createLocalJWKSet(this.#jwksFor(kid)), options)).payload;
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
    const jwk = this.material.jwks.keys.at(-1);
    if (!jwk) throw new Error('the JWKS is empty');
    return forgeWithPublicKey(like, jwk, claims);
  }
}

/**
 * A second service (say, reporting) that only has to *verify* the shop's
 * access tokens, holding exactly the key material that takes (SCALE-05):
 * with HS256 that is the shop's secret itself, which can sign as well as
 * verify, so a compromise of this service lets it mint any token the shop
 * accepts; with RS256/ES256/EdDSA it holds only the public JWKS, which can
 * verify and nothing more. Scaling out with a shared HMAC secret spreads the
 * power to issue tokens to every service that checks them.
 */
import { SignJWT, createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { forgeWithPublicKey } from '../attacker/token-forgery';
import { ACCESS_TYP } from '../tokens/token-service';
import type { World } from '../world';

type Material = { kind: 'hmac-secret'; kid: string; secret: Uint8Array } | { kind: 'public-jwks'; jwks: { keys: JWK[] } };

export class PartnerService {
  readonly #world: World;
  readonly material: Material;

  private constructor(world: World, material: Material) {
    this.#world = world;
    this.material = material;
  }

  /** Provisions the service the way it must be for it to verify: the secret for HS256, else the published JWKS. */
  static provision(world: World): PartnerService {
    const key = world.keys.active();
    if (key.alg === 'HS256') return new PartnerService(world, { kind: 'hmac-secret', kid: key.kid, secret: key.verifyKey as Uint8Array });
    return new PartnerService(world, { kind: 'public-jwks', jwks: world.keys.jwks() });
  }

  /** Checks a shop token as the shop would (pinned alg, iss, aud, typ). */
  async verify(token: string): Promise<JWTPayload> {
    const { config, clock } = this.#world;
    const options = { algorithms: [config.jwt.alg], issuer: config.jwt.issuer, audience: config.jwt.audience, typ: ACCESS_TYP, currentDate: clock.date() };
    const { payload } =
      this.material.kind === 'hmac-secret'
        ? await jwtVerify(token, this.material.secret, options)
        : await jwtVerify(token, createLocalJWKSet(this.material.jwks), options);
    return payload;
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

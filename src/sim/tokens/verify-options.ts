/**
 * What the shop asks of a token verifier, defined once so that jose (the
 * safe path) and the hand-rolled verifier behind the vulnerable switches
 * are asked exactly the same: keys only from the shop's own set, by `kid`
 * (JWT-10); the algorithm pinned (JWT-01/02/03); issuer (JWT-06), audience
 * (JWT-07), the required claims (JWT-05) and, when given, the type (JWT-08),
 * on the virtual clock with a few seconds of tolerance.
 */
import type { JWTHeaderParameters, JWTVerifyOptions } from 'jose';
import { AuthLabError } from '../errors';
import type { WorldServices } from '../services';
import type { KeySet, SigningKey } from './key-set';
import type { TokenTyp } from './token-type';

/** The claims every shop token must carry; `exp` too, because jose checks it only when present. */
export const REQUIRED_CLAIMS = ['exp', 'iat', 'jti', 'sub'] as const;

/** The verification key the header's `kid` names in the shop's key set; anything else is `unknown_key`. */
export function keyByKid(keys: KeySet): (header: JWTHeaderParameters) => SigningKey['verifyKey'] {
  return (header) => {
    const key = keys.find(typeof header.kid === 'string' ? header.kid : undefined);
    if (!key) throw new AuthLabError('unknown_key', `No key with kid "${String(header.kid)}"`);
    return key.verifyKey;
  };
}

/**
 * jose's options for the shop. Without `typ`, jose does not look at the
 * type (the access-token lifecycle machine decides it); it always checks
 * `nbf` and `exp` when present, which it cannot be told not to.
 */
export function verifyOptions(world: WorldServices, typ?: TokenTyp, requiredClaims: readonly string[] = REQUIRED_CLAIMS): JWTVerifyOptions {
  const { jwt } = world.config;
  return {
    // The server's allowlist decides, never the token header.
    algorithms: [world.keys.active().alg],
    issuer: jwt.issuer,
    audience: jwt.audience,
    ...(typ ? { typ } : {}),
    requiredClaims: [...requiredClaims],
    currentDate: world.clock.date(),
    clockTolerance: jwt.clockToleranceSec,
  };
}

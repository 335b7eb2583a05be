/**
 * Issues and verifies the shop's JWTs. The safe path is jose with every
 * check pinned: algorithm allowlist (JWT-01/02/03), issuer (JWT-06),
 * audience (JWT-07), type (JWT-08), required exp/iat/jti/sub (JWT-05), the
 * virtual clock as `currentDate` and a few seconds of tolerance.
 */
import { SignJWT, jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { AuthLabError } from '../errors';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import { naiveVerify } from '../vulnerable/naive-jwt-verifier';
import { needsNaiveVerifier } from '../vulnerable/switches';
import { decodeSegment } from './decode';
import { mapVerificationError } from './jose-errors';

export const ACCESS_TYP = 'at+jwt';
export const REFRESH_TYP = 'refresh+jwt';
export type TokenTyp = typeof ACCESS_TYP | typeof REFRESH_TYP;

export interface TokenClaims extends JWTPayload {
  sub: string;
  jti: string;
  iat: number;
  exp: number;
  /** Authorisation role; the only non-standard claim besides `fam`. No PII (JWT-11). */
  role?: string;
  /** Refresh-token family id. */
  fam?: string;
  /** SHA-256 (hex) of the fingerprint cookie this access token is bound to (XSS-03). */
  fgp?: string;
}

export interface IssuedToken {
  token: string;
  jti: string;
  /** Expiry in virtual ms. */
  expiresAt: number;
}

export async function signToken(
  ctx: RequestContext,
  subject: { sub: string; role?: string; fam?: string; fgp?: string },
  typ: TokenTyp,
  ttlMs: number,
  /** Earliest `iat` allowed (the user's not-before), in seconds; at most 1 s ahead of now. */
  minIat = 0,
): Promise<IssuedToken> {
  const { keys, random, config, trace } = ctx.world;
  const key = keys.active();
  const jti = randomId(random, 128);
  const iat = Math.max(Math.floor(ctx.now / 1000), minIat);
  const exp = iat + Math.floor(ttlMs / 1000);
  const extra: Record<string, string> = {};
  if (subject.role) extra.role = subject.role;
  if (subject.fam) extra.fam = subject.fam;
  if (subject.fgp) extra.fgp = subject.fgp;
  const token = await new SignJWT(extra)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ })
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setSubject(subject.sub)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.signKey);
  ctx.node.counters.signaturesIssued += 1;
  trace.record({ kind: 'crypto', exchangeId: ctx.exchangeId, node: ctx.node.id, op: 'sign', alg: key.alg, kid: key.kid, ok: true, verifier: 'jose' });
  return { token, jti, expiresAt: exp * 1000 };
}

async function joseVerify(ctx: RequestContext, token: string, typ: TokenTyp): Promise<TokenClaims> {
  const { keys, config } = ctx.world;
  const { payload } = await jwtVerify(
    token,
    (header: JWTHeaderParameters) => {
      const key = keys.find(header.kid);
      if (!key) throw new AuthLabError('unknown_key', `No key with kid "${String(header.kid)}"`);
      return key.verifyKey;
    },
    {
      // The server's allowlist decides, never the token header.
      algorithms: [keys.active().alg],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      typ,
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      currentDate: ctx.world.clock.date(),
      clockTolerance: config.jwt.clockToleranceSec,
    },
  );
  return payload as TokenClaims;
}

/** Verifies a token of the given type or throws an AuthLabError (always 401). */
export async function verifyToken(ctx: RequestContext, token: string, typ: TokenTyp): Promise<TokenClaims> {
  const naive = needsNaiveVerifier(ctx.config.vulnerable);
  ctx.node.counters.signatureChecks += 1;
  const alg = peekAlg(token);
  try {
    const claims = naive ? await naiveVerify(ctx.world, token, typ) : await joseVerify(ctx, token, typ);
    ctx.world.trace.record({ kind: 'crypto', exchangeId: ctx.exchangeId, node: ctx.node.id, op: 'verify', alg, ok: true, verifier: naive ? 'naive' : 'jose' });
    return claims;
  } catch (error) {
    const mapped = mapVerificationError(error);
    ctx.world.trace.record({ kind: 'crypto', exchangeId: ctx.exchangeId, node: ctx.node.id, op: 'verify', alg, ok: false, code: mapped.code, verifier: naive ? 'naive' : 'jose' });
    throw mapped;
  }
}

/** The header's alg for the trace only; never used to choose how to verify. */
function peekAlg(token: string): string {
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(decodeSegment(token.split('.')[0] ?? '')));
    return typeof header === 'object' && header && 'alg' in header ? String(header.alg) : '?';
  } catch {
    return '?';
  }
}

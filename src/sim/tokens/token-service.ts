/**
 * Issues and verifies the shop's JWTs. The safe path is jose with every
 * check pinned (verify-options.ts): algorithm allowlist (JWT-01/02/03),
 * issuer (JWT-06), audience (JWT-07), required exp/iat/jti/sub (JWT-05), the
 * virtual clock as `currentDate` and a few seconds of tolerance. Refresh
 * tokens are verified whole, type (JWT-08) included; for access tokens the
 * type and time rules are the access-token lifecycle machine's
 * (src/sim/lifecycle), which the server consults next.
 */
import { SignJWT, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import { naiveVerify } from '../vulnerable/naive-jwt-verifier';
import { needsNaiveVerifier } from '../vulnerable/switches';
import { peekHeader } from './decode';
import { mapVerificationError } from './jose-errors';
import { ACCESS_TYP, REFRESH_TYP, type TokenTyp } from './token-type';
import { keyByKid, verifyOptions } from './verify-options';

export { ACCESS_TYP, REFRESH_TYP, type TokenTyp };

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

/** What a verifier vouched for: the signature, algorithm, key, issuer, audience and required claims. */
export interface VerifiedAccessToken {
  claims: TokenClaims;
  header: Record<string, unknown>;
  /**
   * The verifier's own verdict on `nbf` and `exp`: jose checks both whenever
   * they are present and cannot be told not to. The access-token lifecycle
   * machine decides them from the claims; the two must agree.
   */
  time: 'ok' | 'notYetValid' | 'expired';
}

/** jose on the safe path, the hand-rolled verifier while one of its switches is on. */
function runVerifier(ctx: RequestContext, token: string, typ: TokenTyp | undefined) {
  return needsNaiveVerifier(ctx.config.vulnerable)
    ? naiveVerify(ctx.world, token, typ)
    : jwtVerify(token, keyByKid(ctx.world.keys), verifyOptions(ctx.world, typ));
}

function traceVerify(ctx: RequestContext, token: string, outcome: { ok: true } | { ok: false; code: string }): void {
  const verifier = needsNaiveVerifier(ctx.config.vulnerable) ? 'naive' : 'jose';
  ctx.world.trace.record({ kind: 'crypto', exchangeId: ctx.exchangeId, node: ctx.node.id, op: 'verify', ...peekHeader(token), ...outcome, verifier });
}

/** Verifies a token of the given type, `typ`, `nbf` and `exp` included, or throws an AuthLabError (always 401). */
export async function verifyToken(ctx: RequestContext, token: string, typ: TokenTyp): Promise<TokenClaims> {
  ctx.node.counters.signatureChecks += 1;
  try {
    const { payload } = await runVerifier(ctx, token, typ);
    traceVerify(ctx, token, { ok: true });
    return payload as TokenClaims;
  } catch (error) {
    const mapped = mapVerificationError(error);
    traceVerify(ctx, token, { ok: false, code: mapped.code });
    throw mapped;
  }
}

/**
 * Verifies an access token for the lifecycle machine to judge. The verifier
 * is not asked about `typ` (the machine decides it); its `nbf`/`exp`
 * verdict is handed on instead of thrown, with the claims, which jose only
 * checks after the signature, issuer and audience have passed. Any other
 * failure throws an AuthLabError (always 401).
 */
export async function verifyAccessToken(ctx: RequestContext, token: string): Promise<VerifiedAccessToken> {
  ctx.node.counters.signatureChecks += 1;
  try {
    const { payload, protectedHeader } = await runVerifier(ctx, token, undefined);
    traceVerify(ctx, token, { ok: true });
    return { claims: payload as TokenClaims, header: protectedHeader as Record<string, unknown>, time: 'ok' };
  } catch (error) {
    const mapped = mapVerificationError(error);
    traceVerify(ctx, token, { ok: false, code: mapped.code });
    const time = timeVerdictOf(error);
    if (!time) throw mapped;
    return { claims: decodeJwt(token) as TokenClaims, header: decodeProtectedHeader(token) as Record<string, unknown>, time };
  }
}

/** jose's `nbf`/`exp` failures (its other claim failures are not about time). */
function timeVerdictOf(error: unknown): VerifiedAccessToken['time'] | undefined {
  const e = error as { code?: unknown; claim?: unknown; reason?: unknown };
  if (e.code === 'ERR_JWT_EXPIRED' && e.claim === 'exp') return 'expired';
  if (e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && e.claim === 'nbf' && e.reason === 'check_failed') return 'notYetValid';
  return undefined;
}

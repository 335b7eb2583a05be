/**
 * Token auth: a short-lived access token checked by signature alone, plus a
 * refresh token whose family the server remembers. Revocation is opt-in and
 * each mode brings back a lookup: the denylist (REVOKE-01) or the user's
 * not-before time (REVOKE-03). With 'none', logout cannot stop a copied token.
 */
import { AuthLabError } from '../errors';
import { randomId } from '../random';
import type { RequestContext } from '../deployment/request-context';
import type { RefreshFamily, UserRow } from '../deployment/records';
import { consult, peek } from '../lifecycle/consult';
import { TIME_AND_TYPE_STATES, accessTokenLifecycle, type AccessTokenCheck } from '../lifecycle/access-token-lifecycle.machine';
import { ACCESS_TYP, REFRESH_TYP, signToken, verifyAccessToken, type TokenClaims, type VerifiedAccessToken } from '../tokens/token-service';
import { expSeenByServer } from '../vulnerable/skip-exp-check';
import { assertSameOriginWrite } from './csrf';
import { bodyField, parseCookieHeader, type ShopRequest } from './http';
import { endFamilyOf, rotateFamily } from './refresh-families';
import { FINGERPRINT_COOKIE, assertFingerprint, newFingerprint } from './token-fingerprint';
import { findUserById } from './users';

export const ACCESS_COOKIE = '__Host-access';
/**
 * Path=/ (hence `__Host-`), not Path=/refresh: logout must receive it too, to
 * end the family on the server. SameSite=Strict and HttpOnly keep it to the
 * shop's own requests, and only /refresh and /logout read it.
 */
export const REFRESH_COOKIE = '__Host-refresh';

export interface JwtPrincipal {
  userId: string;
  role: string;
  claims: TokenClaims;
  /** The user row, when the revocation check already read it (not-before). */
  user?: UserRow;
}

function accessTokenOf(ctx: RequestContext, request: ShopRequest): string | undefined {
  if (ctx.config.jwt.storage === 'cookie') {
    const fromCookie = parseCookieHeader(request.headers.get('cookie')).get(ACCESS_COOKIE);
    // A cookie is ambient authority: it needs the same CSRF defence as sessions (CSRF-10).
    if (fromCookie) assertSameOriginWrite(ctx, request);
    return fromCookie || undefined;
  }
  const auth = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  return match?.[1];
}

/** The machine's event for a token the verifier vouched for; revocation facts are added once looked up. */
function checkOf(ctx: RequestContext, verified: VerifiedAccessToken): AccessTokenCheck {
  const { claims, header } = verified;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  const exp = expSeenByServer(ctx.config.vulnerable, claims.exp);
  return {
    type: 'CHECK',
    token: { typ: header.typ, iat: claims.iat, ...(exp === undefined ? {} : { exp }), ...(nbf === undefined ? {} : { nbf }) },
    nowSec: ctx.world.clock.nowSeconds(),
    toleranceSec: ctx.config.jwt.clockToleranceSec,
    revocation: ctx.config.jwt.revocation,
  };
}

/** Each revocation mode costs exactly the lookup it needs; `none` costs nothing and can deny nothing. */
function lookUpRevocation(ctx: RequestContext, claims: TokenClaims): { facts: Partial<AccessTokenCheck>; user?: UserRow } {
  const { revocation } = ctx.config.jwt;
  if (revocation === 'denylist') return { facts: { onDenylist: !!ctx.read('denylist', ctx.world.db.denylist, claims.jti) } };
  if (revocation === 'not-before') {
    const user = findUserById(ctx, claims.sub);
    return { facts: { account: user ? { tokensNotBeforeSec: user.tokensNotBeforeSec, disabled: user.disabled } : null }, ...(user ? { user } : {}) };
  }
  return { facts: {} };
}

/** jose checks nbf and exp by the same rule as the machine: a difference is a bug, never a silent pass or refusal. */
function assertSameTimeVerdict(verified: VerifiedAccessToken, machineSays: string): void {
  const machineTime = machineSays === 'expired' || machineSays === 'notYetValid' ? machineSays : 'ok';
  if (verified.time !== machineTime) {
    throw new AuthLabError('internal', `jose and the access-token lifecycle disagree: jose says ${verified.time}, the machine says ${machineSays}`);
  }
}

const REFUSALS: Readonly<Record<string, (guard: string | undefined) => AuthLabError>> = {
  notYetValid: () => new AuthLabError('token_not_yet_valid', 'This token is not valid yet (its nbf is in the future, beyond the clock tolerance)'),
  expired: () => new AuthLabError('token_expired', 'Token expired (its exp has passed, beyond the clock tolerance)'),
  wrongType: () => new AuthLabError('wrong_token_type', `This is not an access token (typ must be ${ACCESS_TYP})`),
  denied: (guard) =>
    guard === 'onDenylist'
      ? new AuthLabError('token_revoked', 'This token was revoked (its jti is on the denylist)')
      : guard === 'accountDisabled'
        ? new AuthLabError('token_revoked', 'This account is disabled or gone; its tokens are no longer accepted')
        : new AuthLabError('token_revoked', 'Tokens issued before the last password change or revocation are no longer accepted'),
};

/**
 * Checks the access token: the verifier (jose) vouches for signature,
 * algorithm, key, issuer and audience; then the access-token lifecycle
 * machine decides from the token's claims, the clock and the revocation
 * mode in force whether it may be used, and the server does what the
 * machine says (REVOKE-01, REVOKE-03, JWT-05, JWT-08).
 */
export async function authenticateJwt(ctx: RequestContext, request: ShopRequest): Promise<JwtPrincipal> {
  const token = accessTokenOf(ctx, request);
  if (!token) throw new AuthLabError('token_missing', 'No access token was sent');
  const verified = await verifyAccessToken(ctx, token);
  const { claims } = verified;
  let check = checkOf(ctx, verified);
  // The time and type rules come first and need no store: when one of them ends the token, no lookup is paid for.
  const early = peek(accessTokenLifecycle, 'valid', {}, check);
  let user: UserRow | undefined;
  if (!TIME_AND_TYPE_STATES.has(early.to)) {
    await assertFingerprint(ctx, request, claims);
    const looked = lookUpRevocation(ctx, claims);
    check = { ...check, ...looked.facts };
    user = looked.user;
  }
  const verdict = consult(ctx, accessTokenLifecycle, claims.jti, 'valid', {}, check);
  assertSameTimeVerdict(verified, verdict.to);
  const refusal = REFUSALS[verdict.to];
  if (refusal) throw refusal(verdict.guard);
  return { userId: claims.sub, role: claims.role ?? 'customer', claims, ...(user ? { user } : {}) };
}

function refreshCookie(token: string, maxAgeSec: number): string {
  return `${REFRESH_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSec}`;
}

function accessCookie(token: string, maxAgeSec: number): string {
  return `${ACCESS_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAgeSec}`;
}

export interface TokenGrant {
  body: Record<string, unknown>;
  setCookies: string[];
}

/** Issues an access token and a refresh token of `family`, delivered as the storage mode says. */
async function grant(ctx: RequestContext, user: UserRow, family: RefreshFamily): Promise<TokenGrant> {
  const { jwt } = ctx.config;
  // Never issue a token that the user's not-before would already reject.
  const notBefore = user.tokensNotBeforeSec;
  const fingerprint = jwt.fingerprint ? await newFingerprint(ctx) : undefined;
  const access = await signToken(ctx, { sub: user.id, role: user.role, ...(fingerprint ? { fgp: fingerprint.claim } : {}) }, ACCESS_TYP, jwt.accessTtlMs, notBefore);
  // The family's absolute lifetime caps every rotated refresh token.
  const refreshTtl = family.createdAt + jwt.refreshTtlMs - ctx.now;
  const refresh = await signToken(ctx, { sub: user.id, fam: family.id }, REFRESH_TYP, refreshTtl, notBefore);
  family.currentJti = refresh.jti;
  family.lastUsedAt = ctx.now;
  ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
  const accessSec = Math.floor(jwt.accessTtlMs / 1000);
  const refreshSec = Math.max(0, Math.floor(refreshTtl / 1000));
  const body: Record<string, unknown> = { accessExpiresAt: access.expiresAt };
  const setCookies: string[] = fingerprint ? [fingerprint.setCookie] : [];
  if (jwt.storage === 'cookie') setCookies.push(accessCookie(access.token, accessSec));
  else body.accessToken = access.token;
  if (jwt.storage === 'localStorage') body.refreshToken = refresh.token;
  else setCookies.push(refreshCookie(refresh.token, refreshSec));
  return { body, setCookies };
}

export async function loginWithTokens(ctx: RequestContext, user: UserRow): Promise<TokenGrant> {
  const family: RefreshFamily = {
    id: randomId(ctx.world.random, 128),
    userId: user.id,
    currentJti: '',
    createdAt: ctx.now,
    lastUsedAt: ctx.now,
    rotations: 0,
    state: 'active',
  };
  return grant(ctx, user, family);
}

function refreshTokenOf(ctx: RequestContext, request: ShopRequest): string | undefined {
  if (ctx.config.jwt.storage === 'localStorage') {
    const value = request.body && typeof request.body === 'object' ? bodyField(request, 'refreshToken') : undefined;
    return typeof value === 'string' && value ? value : undefined;
  }
  assertSameOriginWrite(ctx, request);
  return parseCookieHeader(request.headers.get('cookie')).get(REFRESH_COOKIE) || undefined;
}

/** Rotation: every refresh returns a new refresh token and retires the old one (REFRESH-01). */
export async function refreshTokens(ctx: RequestContext, request: ShopRequest): Promise<TokenGrant> {
  const token = refreshTokenOf(ctx, request);
  if (!token) throw new AuthLabError('token_missing', 'No refresh token was sent');
  const family = await rotateFamily(ctx, token);
  const user = findUserById(ctx, family.userId);
  if (!user || user.disabled) throw new AuthLabError('refresh_invalid', 'The account behind this refresh token is disabled');
  return grant(ctx, user, family);
}

/** Logout: denylist the access token (if that mode is on) and end the refresh family. */
export async function logoutTokens(ctx: RequestContext, request: ShopRequest): Promise<string[]> {
  const { jwt } = ctx.config;
  try {
    const principal = await authenticateJwt(ctx, request);
    if (jwt.revocation === 'denylist') {
      const { jti, exp } = principal.claims;
      ctx.write('denylist', ctx.world.db.denylist, jti, { jti, iss: jwt.issuer, until: exp * 1000 });
    }
  } catch (error) {
    if (!(error instanceof AuthLabError) || error.status !== 401) throw error;
  }
  const refresh = refreshTokenOf(ctx, request);
  if (refresh) await endFamilyOf(ctx, refresh, 'logout');
  const expired = 'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  return [
    `${REFRESH_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; ${expired}`,
    ...(jwt.storage === 'cookie' ? [`${ACCESS_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; ${expired}`] : []),
    ...(jwt.fingerprint ? [`${FINGERPRINT_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; ${expired}`] : []),
  ];
}

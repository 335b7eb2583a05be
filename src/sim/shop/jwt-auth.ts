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
import { ACCESS_TYP, REFRESH_TYP, signToken, verifyToken, type TokenClaims } from '../tokens/token-service';
import { assertSameOriginWrite } from './csrf';
import { bodyField, parseCookieHeader, type ShopRequest } from './http';
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

export async function authenticateJwt(ctx: RequestContext, request: ShopRequest): Promise<JwtPrincipal> {
  const token = accessTokenOf(ctx, request);
  if (!token) throw new AuthLabError('token_missing', 'No access token was sent');
  const claims = await verifyToken(ctx, token, ACCESS_TYP);
  const { revocation } = ctx.config.jwt;
  if (revocation === 'denylist' && ctx.read('denylist', ctx.world.db.denylist, claims.jti)) {
    throw new AuthLabError('token_revoked', 'This token was revoked (its jti is on the denylist)');
  }
  if (revocation === 'not-before') {
    const user = findUserById(ctx, claims.sub);
    if (!user || user.disabled || claims.iat < user.tokensNotBeforeSec) {
      throw new AuthLabError('token_revoked', 'Tokens issued before the last password change or revocation are no longer accepted');
    }
  }
  return { userId: claims.sub, role: claims.role ?? 'customer', claims };
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
  const access = await signToken(ctx, { sub: user.id, role: user.role }, ACCESS_TYP, jwt.accessTtlMs, notBefore);
  // The family's absolute lifetime caps every rotated refresh token.
  const refreshTtl = family.createdAt + jwt.refreshTtlMs - ctx.now;
  const refresh = await signToken(ctx, { sub: user.id, fam: family.id }, REFRESH_TYP, refreshTtl, notBefore);
  family.currentJti = refresh.jti;
  family.lastUsedAt = ctx.now;
  ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
  const accessSec = Math.floor(jwt.accessTtlMs / 1000);
  const refreshSec = Math.max(0, Math.floor(refreshTtl / 1000));
  const body: Record<string, unknown> = { accessExpiresAt: access.expiresAt };
  const setCookies: string[] = [];
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
    revoked: false,
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

/** Verifies a refresh token and returns its family, detecting reuse (REFRESH-02). */
async function usableFamily(ctx: RequestContext, token: string): Promise<RefreshFamily> {
  const claims = await verifyToken(ctx, token, REFRESH_TYP);
  const family = claims.fam ? ctx.read('refresh-families', ctx.world.db.refreshFamilies, claims.fam) : undefined;
  if (!family || family.revoked) {
    throw new AuthLabError('refresh_invalid', `This refresh token's family is ${family ? `revoked (${family.revoked})` : 'unknown'}`);
  }
  if (family.currentJti !== claims.jti) {
    // An old token came back: either the client or a thief replayed it, and
    // the server cannot tell which, so the whole family goes (misconception 12).
    family.revoked = 'reuse-detected';
    ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
    throw new AuthLabError('refresh_reused', 'A used refresh token was replayed; every token of its family is now revoked');
  }
  return family;
}

/** Rotation: every refresh returns a new refresh token and retires the old one (REFRESH-01). */
export async function refreshTokens(ctx: RequestContext, request: ShopRequest): Promise<TokenGrant> {
  const token = refreshTokenOf(ctx, request);
  if (!token) throw new AuthLabError('token_missing', 'No refresh token was sent');
  const family = await usableFamily(ctx, token);
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
  if (refresh) {
    try {
      const family = await usableFamily(ctx, refresh);
      family.revoked = 'logout';
      ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
    } catch (error) {
      if (!(error instanceof AuthLabError)) throw error;
    }
  }
  const expired = 'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  return [`${REFRESH_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; ${expired}`, ...(jwt.storage === 'cookie' ? [`${ACCESS_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; ${expired}`] : [])];
}

/** Ends every refresh family of a user (password change, admin revoke). */
export function revokeFamiliesOf(ctx: RequestContext, userId: string, why: RefreshFamily['revoked']): number {
  let count = 0;
  for (const family of ctx.world.db.refreshFamilies.values()) {
    if (family.userId === userId && !family.revoked) {
      family.revoked = why;
      ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
      count += 1;
    }
  }
  return count;
}

/** Login, logout, who-am-I, token refresh and password change. */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import { assertSameOriginWrite } from './csrf';
import { assertCsrfToken, csrfTokenOf } from './csrf-token';
import { respond, stringField, type ShopRequest, type ShopResponse } from './http';
import { loginWithTokens, logoutTokens, refreshTokens } from './jwt-auth';
import { revokeFamiliesOf } from './refresh-families';
import { activeSession, authenticate, userOf } from './principal';
import { clearSessionSetCookie, endSession, presentedSessionId, sessionForLogin, sessionSetCookie, startGuestSession } from './session-auth';
import { findUserByName, passwordMatches, publicUser, revokeTokensIssuedBefore, setPassword } from './users';

export async function login(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  // Login forms are CSRF targets too (CSRF-08) whenever login sets a cookie:
  // sessions, and tokens unless both live in localStorage (memory mode puts
  // the refresh token in a cookie, so a forged login plants Mallory's).
  if (ctx.config.authStyle === 'session' || ctx.config.jwt.storage !== 'localStorage') assertSameOriginWrite(ctx, request);
  if (ctx.config.authStyle === 'session' && ctx.config.session.csrfTokens) {
    // The login form echoes the token of its pre-login (guest) session: a forged login has none (CSRF-08).
    const id = presentedSessionId(ctx, request);
    assertCsrfToken(ctx, request, id ? ctx.readSession(id) : undefined, 'A login');
  }
  const username = stringField(request, 'username');
  const password = stringField(request, 'password');
  const user = findUserByName(ctx, username);
  // Same answer for unknown user and wrong password: no account enumeration.
  if (!user || user.disabled || !(await passwordMatches(user, password))) {
    throw new AuthLabError('bad_credentials', 'Wrong username or password');
  }
  if (ctx.config.authStyle === 'session') {
    const session = sessionForLogin(ctx, request, user);
    return respond(200, { user: publicUser(user), ...csrfTokenOf(ctx, session) }, { setCookies: [sessionSetCookie(ctx, session.id)] });
  }
  const granted = await loginWithTokens(ctx, user);
  return respond(200, { user: publicUser(user), ...granted.body }, { setCookies: granted.setCookies });
}

export async function logout(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  if (ctx.config.authStyle === 'session') {
    assertSameOriginWrite(ctx, request);
    const id = presentedSessionId(ctx, request);
    if (ctx.config.session.csrfTokens) assertCsrfToken(ctx, request, id ? ctx.readSession(id) : undefined, 'Logout');
    // Server-side invalidation: deleting the cookie alone would not end it (SESS-07).
    if (id) endSession(ctx, id, 'LOG_OUT');
    return respond(200, { loggedOut: true }, { setCookies: [clearSessionSetCookie(ctx)], headers: [['clear-site-data', '"cookies", "storage"']] });
  }
  const setCookies = await logoutTokens(ctx, request);
  return respond(200, { loggedOut: true, revocation: ctx.config.jwt.revocation }, { setCookies });
}

export async function me(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  const user = userOf(ctx, principal);
  if (!user || user.disabled) throw new AuthLabError('not_authenticated', 'This account no longer exists or is disabled');
  return respond(200, { user: publicUser(user), authStyle: ctx.config.authStyle });
}

export async function refresh(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  if (ctx.config.authStyle !== 'jwt') throw new AuthLabError('wrong_auth_style', 'This shop uses sessions; there is nothing to refresh');
  const granted = await refreshTokens(ctx, request);
  return respond(200, granted.body, { setCookies: granted.setCookies });
}

/**
 * Password change: a new session id and every other session ended (SESS-02,
 * SESS-08); for tokens, a new not-before time (REVOKE-03) and every refresh
 * family ended.
 */
export async function changePassword(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  const principal = await authenticate(ctx, request);
  const current = stringField(request, 'currentPassword');
  const next = stringField(request, 'newPassword');
  const user = userOf(ctx, principal);
  if (!user || !(await passwordMatches(user, current))) throw new AuthLabError('bad_credentials', 'Current password is wrong');
  await setPassword(user, next, ctx.world.random);
  revokeTokensIssuedBefore(user, ctx.now);
  // Sessions in other nodes' memory cannot be deleted from here; they end on their next request.
  user.sessionEpoch += 1;
  ctx.write('users', ctx.world.db.users, user.id, user);
  if (ctx.config.authStyle === 'session') {
    let ended = 0;
    for (const row of [...ctx.sessions.values()]) {
      if (row.userId === user.id) {
        // This device's session is replaced by a fresh id; every other one is revoked.
        endSession(ctx, row.id, row.id === principal.session?.id ? 'REGENERATE' : 'REVOKE', row);
        ended += 1;
      }
    }
    const fresh = sessionForLogin(ctx, { ...request, headers: new Map() }, user);
    fresh.cart = principal.session?.cart ?? [];
    return respond(200, { passwordChanged: true, sessionsEnded: ended, ...csrfTokenOf(ctx, fresh) }, { setCookies: [sessionSetCookie(ctx, fresh.id)] });
  }
  const familiesEnded = revokeFamiliesOf(ctx, user.id, 'password-change');
  const granted = await loginWithTokens(ctx, user);
  return respond(200, { passwordChanged: true, familiesEnded, ...granted.body }, { setCookies: granted.setCookies });
}

/**
 * The session's CSRF token for the page (CSRF-01), in the body only. A
 * visitor without a live session gets a fresh guest session, so even the
 * login form has a token to echo.
 */
export async function csrfToken(ctx: RequestContext, request: ShopRequest): Promise<ShopResponse> {
  if (ctx.config.authStyle !== 'session') throw new AuthLabError('wrong_auth_style', 'CSRF tokens protect cookie sessions; this shop uses tokens in headers');
  const { session: existing, dead } = activeSession(ctx, request);
  const session = existing ?? startGuestSession(ctx, dead);
  if (!existing) ctx.writeSession(session);
  return respond(200, { csrfToken: session.csrfToken }, { setCookies: existing ? [] : [sessionSetCookie(ctx, session.id)] });
}

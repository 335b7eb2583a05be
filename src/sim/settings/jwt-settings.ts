/** The JWT shop's settings (one section of the schema in src/sim/config.ts). */
import * as v from 'valibot';
import { DAY, HOUR, MINUTE } from '../clock';
import { SHOP_ORIGIN } from '../origins';
import { IN_HOURS, IN_MINUTES, choice, flag, text, wholeNumber } from './setting-kinds';

export const jwtSettings = v.strictObject({
  alg: choice(['HS256', 'RS256', 'ES256', 'EdDSA'], {
    default: 'ES256',
    label: 'JWT algorithm',
    explain:
      'HS256 signs and verifies with one shared secret; RS256, ES256 and EdDSA sign with a private key and verify with the public key from the JWKS. Changing it makes new keys, so tokens signed before stop verifying.',
  }),
  storage: choice(['memory', 'localStorage', 'cookie'], {
    default: 'memory',
    label: 'Where the page keeps the access token',
    explain:
      'memory: a page variable, gone on reload, with the refresh token in an HttpOnly cookie; localStorage: any script in the page can read both tokens (XSS-02); cookie: both in HttpOnly cookies the browser sends by itself, so writes need CSRF defences (CSRF-10).',
  }),
  revocation: choice(['none', 'denylist', 'not-before'], {
    default: 'denylist',
    label: 'JWT revocation',
    explain:
      "none: nothing stops a copied access token before its exp; denylist: logout lists the token's jti, one lookup per request (REVOKE-01); not-before: a password change or an admin's revocation rejects older tokens, one user lookup per request (REVOKE-03).",
  }),
  accessTtlMs: wholeNumber({
    default: 5 * MINUTE,
    min: 1000,
    max: DAY,
    unit: 'ms',
    display: IN_MINUTES,
    label: 'Access token lifetime',
    explain: 'How long an access token works; a copied one works as long, unless a revocation lookup stops it.',
  }),
  refreshTtlMs: wholeNumber({
    default: DAY,
    min: 1000,
    max: 30 * DAY,
    unit: 'ms',
    display: IN_HOURS,
    label: 'Refresh token family lifetime',
    explain: 'A login with refresh tokens ends this long after it began; rotating the refresh token does not extend it (REFRESH-03).',
  }),
  refreshIdleTtlMs: wholeNumber({
    default: 8 * HOUR,
    min: 1000,
    max: 30 * DAY,
    unit: 'ms',
    display: IN_HOURS,
    label: 'Refresh token idle limit',
    explain: 'A refresh token family unused for this long expires, so a forgotten device stops refreshing (REFRESH-03).',
  }),
  clockToleranceSec: wholeNumber({
    default: 5,
    min: 0,
    // A few seconds is the advice; five minutes is the most any clock skew excuses (and what some libraries default to).
    max: 300,
    unit: 's',
    label: 'Clock tolerance for exp and nbf',
    explain: 'How many seconds past its exp (or before its nbf) a token still passes, for clocks that differ a little; keep it to a few (JWT-05).',
  }),
  fingerprint: flag({
    default: false,
    label: 'Bind access tokens to a fingerprint cookie',
    explain:
      'Each token carries the hash of a random value kept only in an HttpOnly __Host- cookie, so a copied token fails from another browser (XSS-03). A script in the page can still use it there.',
  }),
  issuer: text({
    default: SHOP_ORIGIN,
    place: 'lessons',
    label: 'Token issuer (iss)',
    explain: 'The iss claim the shop writes into every token and every verifier requires (JWT-06).',
  }),
  audience: text({
    default: `${SHOP_ORIGIN}/api`,
    place: 'lessons',
    label: 'Token audience (aud)',
    explain: 'The aud claim the shop writes into every token and every verifier requires (JWT-07).',
  }),
});

/**
 * The deliberately flawed behaviours lessons can turn on, all off by default
 * (one section of the settings schema in src/sim/config.ts).
 *
 * Each switch names the real-world mistake it reproduces. The code paths they
 * enable live in this folder (`src/sim/vulnerable`) and are never reached
 * while the switch is off; the safe path (jose, regeneration, CSRF checks) is
 * what runs otherwise.
 */
import * as v from 'valibot';
import { defaultsOf, flag } from '../settings/setting-kinds';

const off = (label: string, explain: string) => flag({ default: false, label, explain });

export const vulnerableSwitches = v.strictObject({
  noSessionIdRegeneration: off(
    'Keep the session id at login',
    'The session id from before login stays valid after login, so an attacker who planted it is logged in as the victim (SESS-02).',
  ),
  acceptClientSessionId: off(
    'Adopt a session id the browser made up',
    "At login the server keeps a session id the browser sent although it never issued it (permissive mode), so an id Mallory invented becomes Alice's session (SESS-03).",
  ),
  cookieWithoutHttpOnly: off('Session cookie without HttpOnly', 'Page scripts can read the session cookie through document.cookie, so one XSS can copy it (XSS-01, COOKIE-01).'),
  cookieWithoutSecure: off(
    'Session cookie without Secure',
    'The session cookie, no longer __Host- (that prefix requires Secure), is also sent over plain http, where anyone on the network can read it (COOKIE-01).',
  ),
  sameSiteNoneWithoutCsrfDefence: off(
    'SameSite=None without CSRF defence',
    'The session cookie rides on requests from other sites, and the server takes form posts without checking Sec-Fetch-Site, Origin or a CSRF token.',
  ),
  acceptAlgNone: off('Verifier accepts alg: none', 'A hand-rolled verifier trusts the token header and accepts unsigned tokens with alg: none, in any casing (JWT-01).'),
  hmacKeyConfusion: off(
    'Verifier confuses HS256 with the public key',
    "A hand-rolled verifier checks an HS256 token with the server's public key, which anyone can fetch, as the HMAC secret, so anyone can forge tokens (JWT-03).",
  ),
  guessableHmacSecret: off('Guessable HS256 secret', 'With HS256, the signing secret is a common phrase that a word list cracks offline from one token (JWT-09).'),
  skipExpCheck: off('Verifier skips exp', 'A hand-rolled verifier never looks at exp, so expired tokens keep working (JWT-05).'),
});

export type VulnerableSwitches = v.InferOutput<typeof vulnerableSwitches>;
export type VulnerableSwitch = keyof VulnerableSwitches;

export const SAFE_SWITCHES: Readonly<VulnerableSwitches> = Object.freeze(defaultsOf(vulnerableSwitches));

/** Whether the hand-rolled verifier must replace jose for this world. */
export function needsNaiveVerifier(switches: VulnerableSwitches): boolean {
  return switches.acceptAlgNone || switches.hmacKeyConfusion || switches.skipExpCheck;
}

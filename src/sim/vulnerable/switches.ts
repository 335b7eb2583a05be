/**
 * The deliberately flawed behaviours lessons can turn on, all off by default.
 *
 * Each switch names the real-world mistake it reproduces. The code paths they
 * enable live in this folder (`src/sim/vulnerable`) and are never reached
 * while the switch is off; the safe path (jose, regeneration, CSRF checks) is
 * what runs otherwise.
 */
export interface VulnerableSwitches {
  /** Keep the pre-login session id after login (session fixation, SESS-02). */
  noSessionIdRegeneration: boolean;
  /** Adopt a session id the client invented (permissive mode, SESS-03). */
  acceptClientSessionId: boolean;
  /** Session cookie readable by page scripts (XSS-01, COOKIE-01). */
  cookieWithoutHttpOnly: boolean;
  /** Session cookie also sent over plain http (COOKIE-01). */
  cookieWithoutSecure: boolean;
  /** SameSite=None, no Origin/Fetch-Metadata check, and form posts accepted (CSRF). */
  sameSiteNoneWithoutCsrfDefence: boolean;
  /** Hand-rolled verifier that accepts `alg: none` (JWT-01). */
  acceptAlgNone: boolean;
  /** Hand-rolled verifier that checks HS256 with the RS256 public key (JWT-03). */
  hmacKeyConfusion: boolean;
  /** HS256 secret taken from a word list (JWT-09). */
  guessableHmacSecret: boolean;
  /** Hand-rolled verifier that ignores `exp` (JWT-05). */
  skipExpCheck: boolean;
}

export type VulnerableSwitch = keyof VulnerableSwitches;

export const SAFE_SWITCHES: Readonly<VulnerableSwitches> = Object.freeze({
  noSessionIdRegeneration: false,
  acceptClientSessionId: false,
  cookieWithoutHttpOnly: false,
  cookieWithoutSecure: false,
  sameSiteNoneWithoutCsrfDefence: false,
  acceptAlgNone: false,
  hmacKeyConfusion: false,
  guessableHmacSecret: false,
  skipExpCheck: false,
});

/** One sentence per switch: what it breaks. Shown next to each toggle. */
export const SWITCH_EXPLANATIONS: Readonly<Record<VulnerableSwitch, string>> = {
  noSessionIdRegeneration:
    'The session id from before login stays valid after login, so an attacker who planted it is logged in as the victim.',
  acceptClientSessionId:
    'The server adopts any session id the browser sends, even one it never issued.',
  cookieWithoutHttpOnly: 'Page scripts can read the session cookie through document.cookie, so one XSS steals it.',
  cookieWithoutSecure: 'The session cookie is also sent over plain http, where anyone on the network can read it.',
  sameSiteNoneWithoutCsrfDefence:
    'The cookie rides on requests from other sites, and the server takes form posts without checking Origin or Sec-Fetch-Site.',
  acceptAlgNone: 'A hand-rolled verifier trusts the token header and accepts unsigned tokens (alg: none).',
  hmacKeyConfusion:
    'A hand-rolled verifier checks an HS256 token using the RS256 public key as the HMAC secret, so anyone can forge tokens.',
  guessableHmacSecret: 'The HS256 secret is a common phrase that a word list cracks offline.',
  skipExpCheck: 'A hand-rolled verifier never looks at exp, so expired tokens keep working.',
};

/** Whether the hand-rolled verifier must replace jose for this world. */
export function needsNaiveVerifier(switches: VulnerableSwitches): boolean {
  return switches.acceptAlgNone || switches.hmacKeyConfusion || switches.skipExpCheck;
}

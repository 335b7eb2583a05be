/**
 * Explains any string by the token's own checks, the safe verifier's rules:
 * decoded parts, one line per check (algorithm allowlist, key, signature,
 * exp/nbf, iss, aud, typ, required claims) and the first one that fails,
 * with its stable error code. That is not the shop's whole answer: a token
 * that passes every check here can still be refused for what the server
 * knows (the denylist, a not-before time, a disabled account, a fingerprint
 * cookie), and a vulnerable switch changes the verifier. The inspector asks
 * the shop itself for its answer (src/sim/shop/token-inspection.ts).
 * Never throws: garbage gets a precise reason.
 */
import { compactVerify } from 'jose';
import type { JwtConfig } from '../config';
import type { KeySet } from './key-set';
import { decodeToken } from './decode';
import { mapVerificationError } from './jose-errors';
import { ACCESS_TYP, REFRESH_TYP, isTokenType } from './token-type';


export interface TokenCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface TokenExplanation {
  /** The three raw segments, when there are three. */
  segments?: { header: string; payload: string; signature: string };
  header?: Record<string, unknown>;
  payload?: Record<string, unknown>;
  checks: TokenCheck[];
  verdict: { accepted: true; use: 'access' | 'refresh' } | { accepted: false; code: string; reason: string };
}

export interface ExplainContext {
  keys: KeySet;
  jwt: JwtConfig;
  /** Virtual now, ms. */
  now: number;
  /** The use to judge it for: an API call expects an access token (JWT-08). */
  use?: 'access' | 'refresh';
}

function describeTime(seconds: number, nowMs: number): string {
  const diff = Math.round(seconds - nowMs / 1000);
  const abs = Math.abs(diff);
  const text = abs >= 3600 ? `${Math.round(abs / 360) / 10} h` : abs >= 60 ? `${Math.round(abs / 6) / 10} min` : `${abs} s`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

function reject(explanation: Omit<TokenExplanation, 'verdict'>, code: string, reason: string): TokenExplanation {
  return { ...explanation, verdict: { accepted: false, code, reason } };
}

export async function explainToken(token: string, ctx: ExplainContext): Promise<TokenExplanation> {
  const trimmed = token.trim();
  const decoded = decodeToken(trimmed);
  const checks: TokenCheck[] = [];
  if (!decoded.ok) {
    checks.push({ name: 'format', ok: false, detail: decoded.problem });
    return reject({ checks }, 'token_malformed', decoded.problem);
  }
  const [h, p, s] = trimmed.split('.') as [string, string, string];
  const base = { segments: { header: h, payload: p, signature: s }, header: decoded.header, payload: decoded.payload, checks };
  checks.push({ name: 'format', ok: true, detail: 'three base64url parts; header and payload are JSON objects (readable by anyone: not encrypted)' });

  const { header, payload } = decoded;
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const allowed = ctx.keys.active().alg;
  if (alg !== allowed) {
    const why = alg.toLowerCase() === 'none' ? 'it is unsigned (alg "none")' : `its header says "${alg || '(missing)'}"`;
    checks.push({ name: 'algorithm', ok: false, detail: `the server accepts only ${allowed}; ${why}. The header never chooses how to verify.` });
    return reject(base, 'alg_not_allowed', `Algorithm not allowed: ${alg || '(missing)'}`);
  }
  checks.push({ name: 'algorithm', ok: true, detail: `${alg}, the one algorithm the server allows` });

  const key = ctx.keys.find(typeof header.kid === 'string' ? header.kid : undefined);
  if (!key) {
    checks.push({ name: 'key', ok: false, detail: `no key with kid ${JSON.stringify(header.kid ?? null)} in the server's key set` });
    return reject(base, 'unknown_key', 'Unknown signing key');
  }
  checks.push({ name: 'key', ok: true, detail: `kid "${key.kid}"${key.retiredAt === undefined ? ' (current signing key)' : ' (older key, still verifying)'}` });

  try {
    await compactVerify(trimmed, key.verifyKey, { algorithms: [allowed] });
    checks.push({ name: 'signature', ok: true, detail: 'matches header and payload exactly as signed' });
  } catch (error) {
    const mapped = mapVerificationError(error);
    checks.push({ name: 'signature', ok: false, detail: 'does not match: the header or payload changed after signing, or another key signed it' });
    return reject(base, mapped.code, mapped.message);
  }

  const nowSec = ctx.now / 1000;
  const tolerance = ctx.jwt.clockToleranceSec;
  const failures: [string, string][] = [];
  const check = (name: string, ok: boolean, detail: string, code: string) => {
    checks.push({ name, ok, detail });
    if (!ok) failures.push([code, `${name}: ${detail}`]);
  };
  if (typeof payload.exp !== 'number') check('exp', false, 'missing; the server requires it', 'token_claim_missing');
  else check('exp', payload.exp > nowSec - tolerance, `expires ${describeTime(payload.exp, ctx.now)} (tolerance ${tolerance} s)`, 'token_expired');
  if (payload.nbf !== undefined) {
    check('nbf', typeof payload.nbf === 'number' && payload.nbf <= nowSec + tolerance, `valid from ${typeof payload.nbf === 'number' ? describeTime(payload.nbf, ctx.now) : 'an invalid value'}`, 'token_not_yet_valid');
  }
  check('iss', payload.iss === ctx.jwt.issuer, payload.iss === undefined ? 'missing' : `${JSON.stringify(payload.iss)}; expected ${ctx.jwt.issuer}`, payload.iss === undefined ? 'token_claim_missing' : 'wrong_issuer');
  const aud = payload.aud;
  const audOk = aud === ctx.jwt.audience || (Array.isArray(aud) && aud.includes(ctx.jwt.audience));
  check('aud', audOk, aud === undefined ? 'missing' : `${JSON.stringify(aud)}; expected ${ctx.jwt.audience}`, aud === undefined ? 'token_claim_missing' : 'wrong_audience');
  for (const claim of ['iat', 'jti', 'sub']) {
    if (payload[claim] === undefined) check(claim, false, 'missing; the server requires it', 'token_claim_missing');
  }
  const use = ctx.use ?? 'access';
  const expected = use === 'access' ? ACCESS_TYP : REFRESH_TYP;
  const kind = isTokenType(header.typ, ACCESS_TYP) ? 'an access token' : isTokenType(header.typ, REFRESH_TYP) ? 'a refresh token' : `of type ${JSON.stringify(header.typ ?? null)}`;
  check('typ', isTokenType(header.typ, expected), `${kind}; ${use === 'access' ? 'an API call' : '/refresh'} needs ${expected}`, 'wrong_token_type');
  const first = failures[0];
  if (first) return reject(base, first[0], first[1]);
  return { ...base, verdict: { accepted: true, use } };
}

/**
 * Maps every verification failure to 401 with a stable code. jose throws
 * classes with `code`s, but a plain TypeError for some forgeries, so the
 * fallback matters: nothing that fails verification may become a 500.
 */
import { AuthLabError, type ErrorCode } from '../errors';

interface JoseLike {
  code?: unknown;
  /** jose's JWTClaimValidationFailed carries the (signature-checked) payload. */
  payload?: { jti?: unknown };
  claim?: unknown;
  reason?: unknown;
  message?: unknown;
}

const CLAIM_CODES: Record<string, ErrorCode> = {
  iss: 'wrong_issuer',
  aud: 'wrong_audience',
  typ: 'wrong_token_type',
  nbf: 'token_not_yet_valid',
};

export function mapVerificationError(error: unknown): AuthLabError {
  if (error instanceof AuthLabError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as JoseLike;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const claim = typeof e.claim === 'string' ? e.claim : undefined;
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthLabError('token_expired', `Token expired (${message})`, { joseCode: e.code, claim, jti: typeof e.payload?.jti === 'string' ? e.payload.jti : undefined });
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthLabError('alg_not_allowed', `Algorithm not allowed: ${message}`, { joseCode: e.code });
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthLabError('bad_signature', 'Signature does not match the token', { joseCode: e.code });
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new AuthLabError('token_malformed', `Malformed token: ${message}`, { joseCode: e.code });
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      if (e.reason === 'missing') {
        return new AuthLabError('token_claim_missing', `Required claim "${claim}" is missing`, { joseCode: e.code, claim });
      }
      // A claim of the wrong JSON type ("nbf": "soon") is malformed, not merely early or foreign.
      if (e.reason === 'invalid') return new AuthLabError('token_malformed', `Claim "${claim}" is not valid: ${message}`, { joseCode: e.code, claim });
      const code = (claim ? CLAIM_CODES[claim] : undefined) ?? 'token_malformed';
      return new AuthLabError(code, `Claim "${claim}" failed: ${message}`, { joseCode: e.code, claim });
    }
    default:
      return new AuthLabError('bad_signature', `Verification failed: ${message}`, { joseCode: e.code ?? 'TypeError' });
  }
}

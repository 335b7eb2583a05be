/**
 * Every failure the simulated shop can report, with a stable code.
 *
 * Tests, the UI and lessons switch on `code`, never on message text, the way
 * jose's errors carry `ERR_JWT_EXPIRED`. On the wire each becomes
 * `{ error: code, message }` with `status`.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  bad_credentials: 401,
  not_authenticated: 401,
  unknown_session: 401,
  session_expired: 401,
  token_missing: 401,
  token_malformed: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  token_revoked: 401,
  token_unbound: 401,
  token_claim_missing: 401,
  wrong_issuer: 401,
  wrong_audience: 401,
  wrong_token_type: 401,
  alg_not_allowed: 401,
  bad_signature: 401,
  unknown_key: 401,
  refresh_reused: 401,
  refresh_invalid: 401,
  refresh_expired: 401,
  forbidden: 403,
  csrf_rejected: 403,
  not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  node_down: 503,
  weak_secret: 500,
  wrong_auth_style: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A simulated failure that maps to one HTTP status and a stable code. */
export class AuthLabError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra facts for the trace and inspector (e.g. which claim failed). */
  readonly detail: Readonly<Record<string, unknown>>;
  /** Set-Cookie lines the error answer carries (e.g. clearing a dead session cookie). */
  readonly setCookies: readonly string[];

  constructor(code: ErrorCode, message: string, detail: Record<string, unknown> = {}, setCookies: readonly string[] = []) {
    super(message);
    this.name = 'AuthLabError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = detail;
    this.setCookies = setCookies;
  }
}

/** The one JSON error shape on the wire. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
}

export function isAuthLabError(value: unknown): value is AuthLabError {
  return value instanceof AuthLabError;
}

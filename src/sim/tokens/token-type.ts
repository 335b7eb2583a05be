/**
 * The two kinds of token the shop issues, told apart by the `typ` header
 * (JWT-08, RFC 8725 §3.11), and the one rule for comparing `typ` values:
 * jose's own (case-insensitive, `application/` assumed when there is no
 * `/`), so that every place that compares a type (jose, the hand-rolled
 * verifier, the access-token lifecycle, the token explainer) agrees with it.
 */
export const ACCESS_TYP = 'at+jwt';
export const REFRESH_TYP = 'refresh+jwt';
export type TokenTyp = typeof ACCESS_TYP | typeof REFRESH_TYP;

/** `typ` as jose compares it: `AT+JWT` and `application/at+jwt` are both `application/at+jwt`. */
function normalizeTyp(value: string): string {
  const lower = value.toLowerCase();
  return value.includes('/') ? lower : `application/${lower}`;
}

/** Whether a header's `typ` (any JSON value, or absent) names the expected type. */
export function isTokenType(headerTyp: unknown, expected: TokenTyp): boolean {
  return typeof headerTyp === 'string' && normalizeTyp(headerTyp) === normalizeTyp(expected);
}

/**
 * Where the simulated browser deliberately differs from real Chromium in the
 * cookie differential test, each with its reason. The test fails on any
 * difference not listed here, and on a listed one that no longer differs,
 * so this list stays true.
 */

export type Observation = 'carried' | 'jar' | 'reasons' | 'document.cookie';

export interface Simplification {
  /** The case id (cookie-differential.cases.ts). */
  case: string;
  /** Only with this third-party cookie setting; with both when absent. */
  thirdPartyCookies?: 'allow' | 'block';
  /**
   * Each observation that differs, as `<step> <observation>`: the step counted
   * from 0 (`document.cookie` is read after the last step, so its step is the
   * number of steps); the observation is `carried` (the cookies the request
   * carried), `jar` (the jar after its answer), `reasons` (the rules the two
   * name for withheld or refused cookies) or `document.cookie`.
   */
  differs: readonly `${number} ${Observation}`[];
  reason: string;
}

const NO_PARTITIONS =
  'The simulator has no partitioned cookie jar (CHIPS, the Partitioned attribute): it keeps a Partitioned cookie like any other, ' +
  'so the cookie reaches the shop as a top-level site and is refused when third-party cookies are blocked. No lesson embeds the shop ' +
  'in another site, and the shop sets no Partitioned cookie; the case stays so the difference is known.';

export const SIMPLIFICATIONS: readonly Simplification[] = [
  { case: 'partitioned', thirdPartyCookies: 'allow', differs: ['0 jar', '1 jar', '2 carried', '2 jar'], reason: NO_PARTITIONS },
  { case: 'partitioned', thirdPartyCookies: 'block', differs: ['0 jar', '0 reasons', '1 carried', '1 jar', '2 jar'], reason: NO_PARTITIONS },
];

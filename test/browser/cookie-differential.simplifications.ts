/**
 * Where the simulated browser deliberately differs from real Chromium in the
 * cookie differential test, each with its reason. The test fails on any
 * difference not listed here, and on a listed one that no longer differs,
 * so this list stays true.
 */

export interface Simplification {
  /** The case id (cookie-differential.cases.ts). */
  case: string;
  /** The step of the case, counted from 0 (`document.cookie` is read after the last step: its step is the number of steps). */
  step: number;
  /** Which observation differs: the cookies the request carried, the jar after its answer, the rules the two name, or what a script reads. */
  what: 'carried' | 'jar' | 'reasons' | 'document.cookie';
  /** Only with this third-party cookie setting; with both when absent. */
  thirdPartyCookies?: 'allow' | 'block';
  reason: string;
}

export const SIMPLIFICATIONS: readonly Simplification[] = [];

/**
 * The compare view's timing of one real verification in this browser, by
 * algorithm: taken once per algorithm per page and kept. Only the compare
 * view imports this store, so it and the timing code stay out of the first
 * bundle.
 */
import { create } from 'zustand';
import type { JwtAlg } from '../sim/config';
import type { VerificationCost } from './verification-timing';

export interface VerificationCostState {
  /** The timing of the algorithm last asked for, or that it is under way. */
  current: VerificationCost | null;
  /** Times one `alg` verification in this browser (once per algorithm; later calls reuse it). */
  measure(alg: JwtAlg): Promise<void>;
}

/** Two significant digits, without trailing zeros: 0.1234 → "0.12", 1.25 → "1.3". */
const approx = (ms: number) => String(Number(ms.toPrecision(2)));

/**
 * The timing in words, as the compare view and the exchange inspector show
 * it; `cost` for another algorithm (or none yet) reads as under way.
 */
export function describeTiming(alg: JwtAlg, cost: VerificationCost | null | undefined): string {
  if (cost?.alg !== alg || cost.state === 'measuring') return `timing one ${alg} verification in this browser…`;
  if (cost.state === 'failed') return `this browser could not time an ${alg} verification (${cost.reason})`;
  return `in this browser, one ${alg} verification took ~${approx(cost.medianMs)} ms (median of ${cost.samples} timings of ${cost.batch} verifications each)`;
}

/** Timings already taken or under way, by algorithm. */
const timings = new Map<JwtAlg, Promise<VerificationCost>>();

function timingOf(alg: JwtAlg): Promise<VerificationCost> {
  let timing = timings.get(alg);
  if (!timing) {
    timing = import('./verification-timing')
      .then(({ timeVerification }) => timeVerification(alg))
      .catch((error: unknown): VerificationCost => ({ state: 'failed', alg, reason: error instanceof Error ? error.message : String(error) }));
    timings.set(alg, timing);
  }
  return timing;
}

export const useVerificationCost = create<VerificationCostState>()((set, get) => ({
  current: null,
  async measure(alg) {
    if (get().current?.alg !== alg) set({ current: { state: 'measuring', alg } });
    const cost = await timingOf(alg);
    // Another algorithm may have been chosen meanwhile: only its own timing is shown.
    if (get().current?.alg === alg) set({ current: cost });
  },
}));

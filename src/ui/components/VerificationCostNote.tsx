/**
 * Beside a request's store round trips, what its signature checks cost: the
 * simulation charges them nothing, so the learner gets a real verification
 * timed in this browser instead (issue 9: costs are compared with a measured
 * figure, never with an implied zero).
 */
import { useEffect } from 'react';
import { describeTiming, useVerificationCost } from '../../app/verification-cost-store';
import { JWT_ALGS, type JwtAlg } from '../../sim/config';

const isJwtAlg = (alg: string): alg is JwtAlg => (JWT_ALGS as readonly string[]).includes(alg);

export function VerificationCostNote({ checks, alg }: { checks: number; alg: string }) {
  const measure = useVerificationCost((s) => s.measure);
  const cost = useVerificationCost((s) => s.current);
  const timed = isJwtAlg(alg);
  useEffect(() => {
    if (timed) void measure(alg);
  }, [alg, timed, measure]);
  const what = checks === 1 ? 'its signature check' : `its ${checks} signature checks`;
  return (
    <p className="note verification-cost">
      The simulation charges 0 ms for {what}
      {timed ? `; ${describeTiming(alg, cost)}.` : ` (${alg} is not an algorithm this browser times).`}
    </p>
  );
}

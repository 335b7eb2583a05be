/**
 * Compare: the same actions against a session shop and a JWT shop, two
 * worlds side by side, and their counters compared with ratios and words.
 */
import { useEffect } from 'react';
import { useCompare } from '../../app/compare-store';
import { useVerificationCost } from '../../app/verification-cost-store';
import { CompareControls } from './CompareControls';
import { CompareFigures } from './CompareFigures';
import { SideLog } from './SideLog';

export default function CompareView() {
  const { status, error, session, jwt, busy } = useCompare();
  const measureVerification = useVerificationCost((s) => s.measure);
  useCompare((s) => s.version);
  const alg = jwt?.world.config.jwt.alg;
  // After the view has painted and while no step runs, so the timing is neither in the way nor slowed down.
  useEffect(() => {
    if (alg && !busy) void measureVerification(alg);
  }, [alg, busy, measureVerification]);
  return (
    <main className="compare" aria-labelledby="compare-title">
      <h2 id="compare-title" className="visually-hidden">
        Compare session vs JWT
      </h2>
      {status === 'starting' && <p role="status">Starting two simulated shops…</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {session && jwt && (
        <>
          <CompareControls />
          <CompareFigures session={session} jwt={jwt} />
          <div className="compare-sides">
            <SideLog side={session} title="Session-cookie shop" />
            <SideLog side={jwt} title="JWT shop" />
          </div>
        </>
      )}
    </main>
  );
}

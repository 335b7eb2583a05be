/**
 * Compare: the same actions against a session shop and a JWT shop, two
 * worlds side by side, and their counters compared with ratios and words.
 */
import { useCompare } from '../../app/compare-store';
import { CompareControls } from './CompareControls';
import { CompareFigures } from './CompareFigures';
import { SideLog } from './SideLog';

export default function CompareView() {
  const { status, error, session, jwt } = useCompare();
  useCompare((s) => s.version);
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

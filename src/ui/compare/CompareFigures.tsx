/** The two worlds' counters as a table with JWT ÷ session ratios, per node too, and what they show in words. */
import { figuresOf, ratio, type Counters, type WorldFigures } from '../../app/compare-figures';
import type { CompareSide } from '../../app/compare-runner';
import { describeComparison, describeOutcomes } from '../../app/compare-words';
import { useVerificationCost } from '../../app/verification-cost-store';

interface Row {
  label: string;
  value(f: WorldFigures): number;
}

const ROWS: Row[] = [
  { label: 'Requests handled', value: (f) => f.total.requests },
  { label: 'Store reads', value: (f) => f.total.storeReads },
  { label: 'Store writes', value: (f) => f.total.storeWrites },
  { label: 'Shared-store reads (each a simulated round trip)', value: (f) => f.sharedReads },
  { label: 'Requests that looked up the credential’s state', value: (f) => f.credentialLookupRequests },
  { label: 'Requests that read the users row', value: (f) => f.usersReadRequests },
  { label: 'Requests that read any store', value: (f) => f.lookupRequests },
  { label: 'Signature checks', value: (f) => f.total.signatureChecks },
  { label: 'Signatures issued', value: (f) => f.total.signaturesIssued },
  { label: 'Credential bytes sent (Cookie + Authorization)', value: (f) => f.credentialBytes },
  { label: 'Credential bytes per request', value: (f) => f.credentialBytesPerRequest },
];

const NODE_COUNTERS: { label: string; key: keyof Counters }[] = [
  { label: 'requests', key: 'requests' },
  { label: 'store reads', key: 'storeReads' },
  { label: 'store writes', key: 'storeWrites' },
  { label: 'signature checks', key: 'signatureChecks' },
];

function NodeRows({ session, jwt }: { session: WorldFigures; jwt: WorldFigures }) {
  const ids = [...new Set([...session.nodes, ...jwt.nodes].map((n) => n.id))];
  return ids.flatMap((id) =>
    NODE_COUNTERS.map(({ label, key }) => {
      const s = session.nodes.find((n) => n.id === id)?.[key] ?? 0;
      const j = jwt.nodes.find((n) => n.id === id)?.[key] ?? 0;
      return (
        <tr key={`${id}-${key}`}>
          <th scope="row">
            {id} {label}
          </th>
          <td>{s}</td>
          <td>{j}</td>
          <td>{ratio(s, j)}</td>
        </tr>
      );
    }),
  );
}

/** The column heads both tables share: what is measured, then each shop and their ratio. */
function FiguresHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">Session cookie</th>
        <th scope="col">JWT</th>
        <th scope="col">JWT ÷ session</th>
      </tr>
    </thead>
  );
}

export function CompareFigures({ session, jwt }: { session: CompareSide; jwt: CompareSide }) {
  const s = figuresOf(session.world);
  const j = figuresOf(jwt.world);
  const verification = useVerificationCost((state) => state.current);
  const words = [...describeComparison(s, j, verification ?? undefined), ...describeOutcomes(session.log, jwt.log)];
  return (
    <section className="pane compare-figures" aria-labelledby="compare-figures-title">
      <h3 id="compare-figures-title">Counters</h3>
      <div className="table-scroll">
        <table>
          <caption>Both worlds, all nodes</caption>
          <FiguresHead first="Measure" />
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value(s)}</td>
                <td>{row.value(j)}</td>
                <td>{ratio(row.value(s), row.value(j))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Per node</caption>
          <FiguresHead first="Node and measure" />
          <tbody>
            <NodeRows session={s} jwt={j} />
          </tbody>
        </table>
      </div>
      <h3>What the figures show</h3>
      <ul className="compare-words" aria-live="polite">
        {words.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

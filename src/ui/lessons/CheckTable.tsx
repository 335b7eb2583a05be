/** A step's checks after it ran: each expectation, what was expected, what happened, passed or failed. */
import type { StepReport } from '../../lessons';

/** Values as the lesson wrote them: strings bare, a list of strings (requests, trace events) one per line, everything else as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(nothing)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join('\n');
  return JSON.stringify(value);
}

export function CheckTable({ report, caption }: { report: StepReport; caption: string }) {
  if (report.error) {
    return (
      <p role="alert" className="error">
        The step could not run: {report.error}
      </p>
    );
  }
  if (report.checks.length === 0) return <p className="note">This step has no checks; it sets the scene.</p>;
  return (
    <table className="check-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Expected</th>
          <th scope="col">Actual</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {report.checks.map((c, i) => (
          <tr key={i} className={c.passed ? 'pass' : 'fail'}>
            <th scope="row">
              <code>{c.subject}</code>
            </th>
            <td>
              <code>{showValue(c.expected)}</code>
            </td>
            <td>
              <code>{c.error ? `could not read: ${c.error}` : showValue(c.actual)}</code>
            </td>
            <td>{c.passed ? '✓ passed' : '✗ failed'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

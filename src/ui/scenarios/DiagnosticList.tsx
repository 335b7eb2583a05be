/**
 * The parser's mistakes in a file, each with its line and column. In the
 * editor each is a button that moves the cursor there.
 */
import { formatDiagnostic, type Diagnostic, type SourcePos } from '../../lessons';

export function DiagnosticList({ diagnostics, label, locate }: { diagnostics: readonly Diagnostic[]; label: string; locate?: (pos: SourcePos) => void }) {
  return (
    <ul className="diagnostics" aria-label={label}>
      {diagnostics.map((d, i) => (
        <li key={`${i}-${d.line}-${d.col}`}>
          {locate ? (
            <>
              <button type="button" className="link-button" onClick={() => locate(d)}>
                line {d.line}, column {d.col}
              </button>{' '}
              <span>{d.message}</span>
            </>
          ) : (
            <code>{formatDiagnostic(d)}</code>
          )}
        </li>
      ))}
    </ul>
  );
}

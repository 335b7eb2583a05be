/** One step of a run: passed, failed (with each failing check's expected and actual value and where it was written) or skipped. */
import type { CheckReport, SourcePos, StepReport } from '../../lessons';
import { StatusBadge, Where } from './StatusBits';

/** A value as the lesson would write it: JSON, or "(nothing)" when there was none. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(nothing)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function FailedCheck({ file, check, locate }: { file: string; check: CheckReport; locate?: (pos: SourcePos) => void }) {
  return (
    <li className="failed-check">
      <Where file={file} pos={check.pos} locate={locate} /> <code className="subject">{check.subject}</code>
      <dl>
        <div>
          <dt>expected</dt>
          <dd>
            <code>{showValue(check.expected)}</code>
          </dd>
        </div>
        <div>
          <dt>actual</dt>
          <dd>{check.error ? <span className="error">could not be read: {check.error}</span> : <code>{showValue(check.actual)}</code>}</dd>
        </div>
      </dl>
    </li>
  );
}

export function StepResult({ file, step, locate }: { file: string; step: StepReport; locate?: (pos: SourcePos) => void }) {
  const failed = step.checks.filter((c) => !c.passed);
  const passedChecks = step.checks.length - failed.length;
  return (
    <li className={`step-result ${step.status}`}>
      <div className="step-head">
        <StatusBadge status={step.status} />
        <span>
          step {step.index + 1}: <code>{step.label}</code>
        </span>
        {step.status === 'passed' && step.checks.length > 0 && (
          <span className="note">
            {passedChecks} {passedChecks === 1 ? 'check' : 'checks'}
          </span>
        )}
        {step.status === 'failed' && <Where file={file} pos={step.pos} locate={locate} />}
      </div>
      {step.error && <p className="error">The action failed: {step.error}</p>}
      {failed.length > 0 && (
        <ul className="failed-checks" aria-label={`Failing checks of step ${step.index + 1}`}>
          {failed.map((check, i) => (
            <FailedCheck key={i} file={file} check={check} locate={locate} />
          ))}
        </ul>
      )}
    </li>
  );
}

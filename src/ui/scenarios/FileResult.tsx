/**
 * One lesson or scenario file on the scenario tests page: its parse errors
 * (file:line:col), or its scenarios with their status, a Re-run button each,
 * and their steps as the runner reported them.
 */
import type { Diagnostic, ParsedFile, SourcePos } from '../../lessons';
import { fileStatus, type ScenarioRun } from '../../app/scenario-runs';
import { StatusBadge, Where } from './StatusBits';
import { DiagnosticList } from './DiagnosticList';
import { StepResult } from './StepResult';

export interface FileResultProps {
  file: string;
  title: string;
  parsed?: ParsedFile;
  diagnostics: readonly Diagnostic[];
  runs?: readonly ScenarioRun[];
  /** Runs the file, or one of its scenarios. */
  onRun?: (onlyScenario?: number) => void;
  busy: boolean;
  locate?: (pos: SourcePos) => void;
  headingLevel?: 3 | 4;
}

export function FileResult({ file, title, parsed, diagnostics, runs, onRun, busy, locate, headingLevel = 4 }: FileResultProps) {
  const status = parsed ? fileStatus(parsed, runs) : 'failed';
  const Heading = `h${headingLevel}` as const;
  const id = `file-${file.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return (
    <article className={`file-result ${status}`} aria-labelledby={id} data-file={file}>
      <div className="file-head">
        <Heading id={id}>
          {title} <code>{file}</code>
        </Heading>
        {parsed ? <StatusBadge status={status} /> : <span className="badge failed">could not be read</span>}
        {parsed && onRun && (
          <button type="button" onClick={() => onRun()} aria-disabled={busy} aria-label={`${runs ? 'Re-run' : 'Run'} ${file}`}>
            {runs ? 'Re-run' : 'Run'}
          </button>
        )}
      </div>
      {diagnostics.length > 0 && <DiagnosticList diagnostics={diagnostics} label={`Mistakes in ${file}`} locate={locate} />}
      {parsed && (
        <ul className="scenario-results" aria-label={`Scenarios in ${file}`}>
          {parsed.scenarios.map((scenario, index) => {
            const run = runs?.[index];
            const scenarioStatus = run?.status ?? 'not-run';
            return (
              <li key={`${index}-${scenario.name}`} className={`scenario-result ${scenarioStatus}`} data-scenario={scenario.name}>
                <div className="scenario-head">
                  <StatusBadge status={scenarioStatus} />
                  <span className="scenario-name">{scenario.name}</span>
                  <Where file={file} pos={scenario.pos} locate={locate} />
                  {onRun && (
                    <button type="button" onClick={() => onRun(index)} aria-disabled={busy} aria-label={`${run ? 'Re-run' : 'Run'} scenario "${scenario.name}" of ${file}`}>
                      {run ? 'Re-run' : 'Run'}
                    </button>
                  )}
                </div>
                {run?.error && <p className="error">{run.error}</p>}
                {run && run.steps.length > 0 && (
                  <details open={scenarioStatus === 'failed'}>
                    <summary>
                      {run.steps.length} of {scenario.steps.length} steps
                    </summary>
                    <ol className="step-results" aria-label={`Steps of "${scenario.name}"`}>
                      {run.steps.map((step) => (
                        <StepResult key={step.index} file={file} step={step} locate={locate} />
                      ))}
                    </ol>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}

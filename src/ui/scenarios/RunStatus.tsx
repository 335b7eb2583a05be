/**
 * Progress while a batch runs (which file, scenario and step, and a bar),
 * then a summary: files, scenarios and steps passed and failed, and the time
 * it took. Only the start and the end are announced to screen readers, not
 * every step.
 */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { countRuns, type RunTarget, type ScenarioRunsState } from '../../app/scenario-runs';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface RunStatusProps {
  store: StoreApi<ScenarioRunsState>;
  targets: readonly RunTarget[];
  /** Files that could not be parsed, so were not run. */
  unreadable?: number;
  /** Leave out the files row (the editor runs one file). */
  oneFile?: boolean;
}

export function RunStatus({ store, targets, unreadable = 0, oneFile = false }: RunStatusProps) {
  const runs = useStore(store, (s) => s.runs);
  const running = useStore(store, (s) => s.running);
  const progress = useStore(store, (s) => s.progress);
  const last = useStore(store, (s) => s.last);
  const counts = countRuns(targets, runs);
  const ran = counts.scenarios.passed + counts.scenarios.failed > 0;

  let announcement = '';
  if (running) announcement = 'Running…';
  else if (last) {
    announcement = `${last.stopped ? 'Stopped' : 'Finished'} after ${seconds(last.ms)}: ${counts.scenarios.passed} scenarios passed, ${counts.scenarios.failed} failed.`;
  }

  return (
    <div className="run-status">
      <p role="status" className="announcement">
        {announcement}
      </p>
      {running && progress && (
        <div className="progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label="Steps run" />
          <span>
            {progress.done} of {progress.total} steps
            {progress.file && (
              <>
                {' '}
                · <code>{progress.file}</code>, “{progress.scenario}”, step {progress.step}
              </>
            )}
          </span>
        </div>
      )}
      {ran && (
        <dl className="summary">
          {!oneFile && (
            <div>
              <dt>Files</dt>
              <dd>
                <span className="ok">{counts.files.passed} passed</span>, <span className={counts.files.failed ? 'bad' : ''}>{counts.files.failed} failed</span>
                {counts.files.notRun > 0 && `, ${counts.files.notRun} not run`}
                {unreadable > 0 && <span className="bad">, {unreadable} could not be read</span>}
              </dd>
            </div>
          )}
          <div>
            <dt>Scenarios</dt>
            <dd>
              <span className="ok">{counts.scenarios.passed} passed</span>, <span className={counts.scenarios.failed ? 'bad' : ''}>{counts.scenarios.failed} failed</span>
              {counts.scenarios.notRun > 0 && `, ${counts.scenarios.notRun} not run`}
            </dd>
          </div>
          <div>
            <dt>Steps</dt>
            <dd>
              {counts.steps.passed} passed, {counts.steps.failed} failed, {counts.steps.skipped} skipped
            </dd>
          </div>
          {last && (
            <div>
              <dt>Time</dt>
              <dd>{seconds(last.ms)}</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}

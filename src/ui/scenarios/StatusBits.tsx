/** Small pieces of a run report: a status word, and where in a file something was written. */
import type { SourcePos } from '../../lessons';
import type { ScenarioStatus } from '../../app/scenario-runs';

const STATUS_WORDS: Record<ScenarioStatus | 'skipped', string> = {
  'not-run': 'not run',
  queued: 'queued',
  running: 'running…',
  passed: 'passed',
  failed: 'failed',
  stopped: 'stopped',
  skipped: 'skipped',
};

export function StatusBadge({ status }: { status: ScenarioStatus | 'skipped' }) {
  return <span className={`badge ${status}`}>{STATUS_WORDS[status]}</span>;
}

/** `file:line:col`; a button that moves the editor's cursor there when `locate` is given. */
export function Where({ file, pos, locate }: { file: string; pos: SourcePos; locate?: (pos: SourcePos) => void }) {
  const text = `${file}:${pos.line}:${pos.col}`;
  if (!locate) return <code className="where">{text}</code>;
  return (
    <button type="button" className="where link-button" onClick={() => locate(pos)} aria-label={`${text}: go to line ${pos.line}, column ${pos.col} in the editor`}>
      {text}
    </button>
  );
}

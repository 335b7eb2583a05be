/**
 * Write your own scenario: the text (kept in this browser), the parser's
 * mistakes with line and column (each moves the cursor there), Run with the
 * same per-step report as the lessons, and Share as a link.
 */
import { useRef } from 'react';
import { useStore } from 'zustand';
import type { SourcePos } from '../../lessons';
import { editorRuns, useScenarioEditor } from '../../app/scenario-editor';
import { offsetOf } from '../../app/text-position';
import { CodeTextarea, moveCursor } from './CodeTextarea';
import { DiagnosticList } from './DiagnosticList';
import { DraftNotices } from './DraftNotices';
import { FileResult } from './FileResult';
import { RunStatus } from './RunStatus';
import { SharePanel } from './SharePanel';

function ParseSummary({ count, steps }: { count: number; steps: number }) {
  return (
    <p className="ok">
      No mistakes: {count} {count === 1 ? 'scenario' : 'scenarios'}, {steps} {steps === 1 ? 'step' : 'steps'}.
    </p>
  );
}

export function ScenarioEditor() {
  const { text, entry, ran } = useScenarioEditor();
  const { setText, run } = useScenarioEditor.getState();
  const running = useStore(editorRuns, (s) => s.running);
  const runs = useStore(editorRuns, (s) => (ran ? s.runs[ran.entry.file] : undefined));
  const area = useRef<HTMLTextAreaElement>(null);

  const locate = (pos: SourcePos) => moveCursor(area.current, offsetOf(useScenarioEditor.getState().text, pos.line, pos.col), pos.line);
  const mistakes = entry.diagnostics;
  const steps = entry.parsed?.scenarios.reduce((sum, s) => sum + s.steps.length, 0) ?? 0;
  const ranTargets = ran?.entry.parsed ? [{ file: ran.entry.file, parsed: ran.entry.parsed }] : [];

  return (
    <section className="pane scenario-editor" aria-labelledby="editor-title">
      <h3 id="editor-title">Write your own scenario</h3>
      <p className="note">
        The same steps and checks as the lessons (every one is listed in <code>lessons/README.md</code>). A text that starts with front matter
        (<code>---</code>) and has <code>```scenario</code> blocks is read as a whole lesson. What you type is kept in this browser.
      </p>
      <DraftNotices />
      <label htmlFor="scenario-text" className="editor-label">
        Your scenario, as <code>{entry.file}</code>
      </label>
      <CodeTextarea id="scenario-text" ref={area} value={text} onChange={setText} describedBy="scenario-mistakes" invalid={mistakes.length > 0} />
      <div id="scenario-mistakes" className="parse-result">
        {mistakes.length > 0 ? (
          <>
            <p className="bad">
              {mistakes.length} {mistakes.length === 1 ? 'mistake' : 'mistakes'} in <code>{entry.file}</code>; choose one to go there:
            </p>
            <DiagnosticList diagnostics={mistakes} label="Mistakes in your scenario" locate={locate} />
          </>
        ) : (
          <ParseSummary count={entry.parsed?.scenarios.length ?? 0} steps={steps} />
        )}
      </div>
      <SharePanel
        actions={
          <>
            <button type="button" className="primary" onClick={() => (running ? editorRuns.getState().stop() : void run())} aria-disabled={!running && !entry.parsed}>
              {running ? 'Stop' : 'Run'}
            </button>
            {!entry.parsed && <span className="note">Fix the mistakes to run it.</span>}
          </>
        }
      />
      {ran?.entry.parsed && (
        <div className="editor-report">
          <RunStatus store={editorRuns} targets={ranTargets} oneFile />
          {ran.text !== text && <p className="note">You have changed the text since this run; the report is for the text as it was.</p>}
          <FileResult
            file={ran.entry.file}
            title={`Your run: ${ran.entry.parsed.title}`}
            parsed={ran.entry.parsed}
            diagnostics={[]}
            runs={runs}
            busy={running}
            locate={ran.text === text ? locate : undefined}
            onRun={(only) => {
              if (ran.entry.parsed) void editorRuns.getState().run([{ file: ran.entry.file, parsed: ran.entry.parsed }], only);
            }}
          />
        </div>
      )}
    </section>
  );
}

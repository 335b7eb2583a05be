/**
 * Every bundled lesson and scenario file, run in the page: Run all / Stop,
 * progress while it runs, a summary, and each file's report with Re-run.
 * Files that could not be read are listed with their errors; the rest run.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { catalogRuns, runTargets } from '../../app/catalog-runs';
import { loadCatalog, type Catalog } from '../../app/lesson-catalog';
import { FileResult } from './FileResult';
import { RunStatus } from './RunStatus';

export function RunAllPanel() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const runs = useStore(catalogRuns, (s) => s.runs);
  const running = useStore(catalogRuns, (s) => s.running);
  const { run, stop } = catalogRuns.getState();

  useEffect(() => {
    let live = true;
    loadCatalog().then(
      (loaded) => live && setCatalog(loaded),
      (error: unknown) => live && setLoadError(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  const targets = useMemo(() => (catalog ? runTargets(catalog) : []), [catalog]);
  const unreadable = catalog ? catalog.entries.filter((e) => !e.parsed).length : 0;

  return (
    <section className="pane run-all" aria-labelledby="run-all-title">
      <h3 id="run-all-title">Every lesson and scenario file</h3>
      <p className="note">
        Each scenario runs in a fresh simulated world, answered by the MSW service worker, one after another. The same files run in{' '}
        <code>npm test</code>, and <code>npm run scenario -- lessons/02-server-side-sessions.md</code> runs one in a terminal.
      </p>
      {loadError && (
        <p role="alert" className="error">
          The lessons could not be loaded: {loadError}
        </p>
      )}
      {!catalog && !loadError && <p role="status">Loading the lessons…</p>}
      {catalog && (
        <>
          <div className="buttons">
            {/* One button that turns into Stop, so keyboard focus stays on it during a run. */}
            <button type="button" className="primary" onClick={() => (running ? stop() : void run(targets))}>
              {running ? 'Stop' : 'Run all'}
            </button>
          </div>
          <RunStatus store={catalogRuns} targets={targets} unreadable={unreadable} />
          <div className="file-results">
            {catalog.entries.map((entry) => (
              <FileResult
                key={entry.file}
                file={entry.file}
                title={entry.parsed?.title ?? entry.file}
                parsed={entry.parsed}
                diagnostics={entry.diagnostics}
                runs={runs[entry.file]}
                busy={running}
                onRun={(only) => {
                  if (entry.parsed) void run([{ file: entry.file, parsed: entry.parsed }], only);
                }}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

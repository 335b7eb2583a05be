/**
 * Runs lesson and scenario files in the page, one scenario at a time, each
 * in a fresh world from the host (in the app, registered with the MSW
 * service worker, so no two scenarios share any state). Reports grow step
 * by step, and the page gets a turn between steps, so it stays responsive
 * and shows progress. Whatever one scenario throws is caught and shown on
 * that scenario; the others still run.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { runScenario, type ParsedFile, type StepReport, type WorldHost } from '../lessons';

export type ScenarioStatus = 'not-run' | 'queued' | 'running' | 'passed' | 'failed' | 'stopped';

export interface ScenarioRun {
  status: ScenarioStatus;
  /** Steps reported so far, in order. */
  steps: StepReport[];
  /** The world could not be made, or the runner itself failed. */
  error?: string;
}

/** What can be run: a parsed lesson or scenario file. */
export interface RunTarget {
  file: string;
  parsed: ParsedFile;
}

export interface Progress {
  /** Steps finished (or skipped) in this batch, of `total`. */
  done: number;
  total: number;
  file: string;
  scenario: string;
  /** 1-based step now running. */
  step: number;
}

export interface BatchResult {
  /** Wall time of the batch in ms. */
  ms: number;
  stopped: boolean;
}

export interface ScenarioRunsState {
  /** Per file, one run per scenario (in file order). */
  runs: Readonly<Record<string, readonly ScenarioRun[]>>;
  running: boolean;
  progress: Progress | null;
  last: BatchResult | null;
  /** Runs the given files (or one scenario of one file); ignored while a batch runs. */
  run(targets: readonly RunTarget[], onlyScenario?: number): Promise<void>;
  /** Stops after the step now running; the rest is marked stopped. */
  stop(): void;
  /** Forgets the results of files no longer shown (e.g. the editor's text changed). */
  clear(file: string): void;
}

export interface RunStoreOptions {
  /** Gives the page a turn between steps; a test can pass a no-op. */
  yieldToPage?: () => Promise<void>;
  now?: () => number;
}

class Stopped extends Error {}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A macrotask turn that background tabs do not throttle (unlike setTimeout). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createScenarioRuns(host: WorldHost, options: RunStoreOptions = {}): StoreApi<ScenarioRunsState> {
  const pause = options.yieldToPage ?? yieldToPage;
  const now = options.now ?? (() => performance.now());
  let stopRequested = false;

  return createStore<ScenarioRunsState>()((set, get) => {
    const update = (file: string, index: number, change: Partial<ScenarioRun>) => {
      const runs = [...(get().runs[file] ?? [])];
      runs[index] = { ...(runs[index] ?? { status: 'not-run', steps: [] }), ...change };
      set({ runs: { ...get().runs, [file]: runs } });
    };

    return {
      runs: {},
      running: false,
      progress: null,
      last: null,

      async run(targets, onlyScenario) {
        if (get().running) return;
        stopRequested = false;
        const jobs = targets.flatMap((t) =>
          t.parsed.scenarios.flatMap((scenario, index) => (onlyScenario === undefined || onlyScenario === index ? [{ file: t.file, index, scenario }] : [])),
        );
        const runs = { ...get().runs };
        for (const t of targets) {
          const previous = runs[t.file] ?? [];
          runs[t.file] = t.parsed.scenarios.map((_, i) =>
            onlyScenario === undefined || onlyScenario === i ? { status: 'queued', steps: [] } : (previous[i] ?? { status: 'not-run', steps: [] }),
          );
        }
        const total = jobs.reduce((sum, job) => sum + job.scenario.steps.length, 0);
        set({ runs, running: true, last: null, progress: { done: 0, total, file: '', scenario: '', step: 0 } });
        const started = now();
        let done = 0;
        for (const job of jobs) {
          if (stopRequested) {
            update(job.file, job.index, { status: 'stopped' });
            continue;
          }
          const at = (step: number) => set({ progress: { done, total, file: job.file, scenario: job.scenario.name, step } });
          update(job.file, job.index, { status: 'running' });
          at(1);
          const steps: StepReport[] = [];
          try {
            const report = await runScenario(job.scenario, host, {
              onStep: async (step) => {
                steps.push(step);
                done += 1;
                update(job.file, job.index, { steps: [...steps] });
                at(Math.min(steps.length + 1, job.scenario.steps.length));
                await pause();
                if (stopRequested) throw new Stopped();
              },
            });
            update(job.file, job.index, { status: report.passed ? 'passed' : 'failed', steps: report.steps, ...(report.error ? { error: report.error } : {}) });
          } catch (error) {
            if (error instanceof Stopped) update(job.file, job.index, { status: 'stopped' });
            else update(job.file, job.index, { status: 'failed', error: `the runner failed in this scenario: ${errorText(error)}` });
          }
          // The steps that never ran still count towards the total.
          done += job.scenario.steps.length - steps.length;
        }
        set({ running: false, progress: null, last: { ms: now() - started, stopped: stopRequested } });
      },

      stop() {
        if (get().running) stopRequested = true;
      },

      clear(file) {
        if (!(file in get().runs)) return;
        const runs = { ...get().runs };
        delete runs[file];
        set({ runs });
      },
    };
  });
}

/** Counts for a summary: files, scenarios and steps that passed or failed. */
export interface RunCounts {
  files: { passed: number; failed: number; notRun: number };
  scenarios: { passed: number; failed: number; notRun: number };
  steps: { passed: number; failed: number; skipped: number };
}

export function countRuns(targets: readonly RunTarget[], runs: ScenarioRunsState['runs']): RunCounts {
  const counts: RunCounts = {
    files: { passed: 0, failed: 0, notRun: 0 },
    scenarios: { passed: 0, failed: 0, notRun: 0 },
    steps: { passed: 0, failed: 0, skipped: 0 },
  };
  for (const t of targets) {
    const fileRuns = runs[t.file] ?? [];
    const statuses = t.parsed.scenarios.map((_, i) => fileRuns[i]?.status ?? 'not-run');
    for (const status of statuses) {
      if (status === 'passed') counts.scenarios.passed += 1;
      else if (status === 'failed') counts.scenarios.failed += 1;
      else counts.scenarios.notRun += 1;
    }
    if (statuses.includes('failed')) counts.files.failed += 1;
    else if (statuses.every((s) => s === 'passed')) counts.files.passed += 1;
    else counts.files.notRun += 1;
    for (const run of fileRuns) for (const step of run.steps) counts.steps[step.status] += 1;
  }
  return counts;
}

/** A file's overall status from its scenarios' runs. */
export function fileStatus(parsed: ParsedFile, runs: readonly ScenarioRun[] | undefined): ScenarioStatus {
  const statuses = parsed.scenarios.map((_, i) => runs?.[i]?.status ?? 'not-run');
  for (const s of ['running', 'failed', 'queued', 'stopped', 'not-run'] as const) if (statuses.includes(s)) return s;
  return 'passed';
}

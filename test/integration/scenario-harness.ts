/**
 * Scenario files written inline in a test, run against the shop under
 * msw/node (the same host as `npm run scenario`): parse the text, failing
 * with its diagnostics at file:line:col; run it in fresh worlds; and, for a
 * scenario that must pass, assert so with the runner's own formatted report
 * as the message, so a failure reads like `npm run scenario`.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { nodeHost } from '../../scripts/scenario-host';
import { parseScenarioFile } from '../../src/lessons/parse-lesson';
import { formatDiagnostics, formatFileReport } from '../../src/lessons/report-text';
import { runFile, type FileReport, type WorldHost } from '../../src/lessons/runner';
import type { ScenarioFile } from '../../src/lessons/types';

export interface ScenarioHarness {
  /** The node host every run of this test file uses (started before its tests, stopped after). */
  host: WorldHost;
  /** The parsed file; a mistake in the text throws, naming file:line:col. */
  parse(yaml: string, file?: string): ScenarioFile;
  /** Parses and runs the file, whatever its outcome. */
  run(yaml: string, file?: string): Promise<FileReport>;
  /** Parses and runs the file, and asserts that every scenario passed. */
  runPassing(yaml: string, file?: string): Promise<FileReport>;
}

/** Call at the top of a test file: registers the host's start and stop hooks. */
export function useScenarioHarness(): ScenarioHarness {
  const host = nodeHost();
  beforeAll(() => host.start());
  afterAll(() => host.stop());
  const parse = (yaml: string, file = 't.scenario.yaml'): ScenarioFile => {
    const parsed = parseScenarioFile(file, yaml);
    if (!parsed.ok) throw new Error(formatDiagnostics(parsed.diagnostics));
    return parsed.value;
  };
  const run = (yaml: string, file?: string) => runFile(parse(yaml, file), host);
  return {
    host,
    parse,
    run,
    async runPassing(yaml, file) {
      const report = await run(yaml, file);
      expect(report.passed, formatFileReport(report)).toBe(true);
      return report;
    },
  };
}

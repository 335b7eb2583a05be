/**
 * Every lesson and scenario file under lessons/ parses and every step passes,
 * so a lesson whose claims stop being true fails `npm test`. Each file's run
 * is also the proof of the checklist IDs in its `proves:`: the test records
 * which of them its passing checks showed (src/lessons/proofs.ts), and the
 * checklist reporter counts them (test/support/checklist-reporter.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, formatFileReport } from '../../src/lessons/report-text';
import { lessonFiles, parseFiles } from '../../scripts/lesson-files';
import { proofsOfRun } from '../../src/lessons/proofs';
import { runFile } from '../../src/lessons/runner';
import { useScenarioHarness } from './scenario-harness';

const { host } = useScenarioHarness();

const files = lessonFiles();
const { parsed, diagnostics } = parseFiles(files);

describe('lessons/', () => {
  it('has the first six lessons, and every file parses without a mistake', () => {
    expect(formatDiagnostics(diagnostics)).toBe('');
    expect(parsed.filter((p) => p.kind === 'lesson').map((p) => (p.kind === 'lesson' ? p.order : 0)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.for(parsed.map((p) => [p.file, p] as const))('%s: every step passes', async ([, file], { task }) => {
    const report = await runFile(file, host);
    task.meta.lessonProofs = proofsOfRun(file, report).map((proof) => ({ file: file.file, ...proof }));
    expect(report.passed, formatFileReport(report)).toBe(true);
    expect(report.scenarios.flatMap((s) => s.steps).every((s) => s.status === 'passed')).toBe(true);
  });
});

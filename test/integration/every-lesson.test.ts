/**
 * Every lesson and scenario file under lessons/ parses and every step passes,
 * so a lesson whose claims stop being true fails `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics, formatFileReport } from '../../src/lessons/report-text';
import { lessonFiles, parseFiles } from '../../scripts/lesson-files';
import { nodeHost } from '../../scripts/scenario-host';
import { runFile } from '../../src/lessons/runner';

const host = nodeHost();
beforeAll(() => host.start());
afterAll(() => host.stop());

const files = lessonFiles();
const { parsed, diagnostics } = parseFiles(files);

describe('lessons/', () => {
  it('has the first six lessons, and every file parses without a mistake', () => {
    expect(formatDiagnostics(diagnostics)).toBe('');
    expect(parsed.filter((p) => p.kind === 'lesson').map((p) => (p.kind === 'lesson' ? p.order : 0)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(parsed.map((p) => [p.file, p] as const))('%s: every step passes', async (_file, file) => {
    const report = await runFile(file, host);
    expect(report.passed, formatFileReport(report)).toBe(true);
    expect(report.scenarios.flatMap((s) => s.steps).every((s) => s.status === 'passed')).toBe(true);
  });
});

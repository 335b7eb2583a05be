/**
 * `npm run scenario -- <file>…`: runs lesson and scenario files and prints a
 * per-step report. Exit code 1 on any parse error (file:line:col) or failing
 * step. Loaded through Vite's module runner by scripts/scenario.mjs.
 */
import { formatDiagnostics, formatFileReport } from '../src/lessons/report-text';
import { lessonFiles, parseFiles } from './lesson-files';
import { nodeHost, runParsed } from './scenario-host';

export async function main(args: readonly string[]): Promise<number> {
  const files = args.length > 0 ? args : lessonFiles();
  const { parsed, diagnostics } = parseFiles(files, process.cwd());
  if (diagnostics.length > 0) console.error(formatDiagnostics(diagnostics));
  const host = nodeHost();
  host.start();
  try {
    const reports = await runParsed(parsed, host);
    for (const report of reports) console.log(formatFileReport(report));
    const failed = reports.filter((r) => !r.passed).length;
    console.log(`\n${reports.length - failed} of ${files.length} file(s) passed${diagnostics.length ? `; ${diagnostics.length} parse error(s)` : ''}.`);
    return failed > 0 || diagnostics.length > 0 ? 1 : 0;
  } finally {
    host.stop();
  }
}

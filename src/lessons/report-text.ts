/**
 * A run report as plain text, for the CLI and test failures: one line per
 * step, and for a failing step each failing check with file:line:col, what
 * was expected and what happened.
 */
import { formatDiagnostic, type Diagnostic } from './diagnostics';
import type { FileReport } from './runner';

const show = (value: unknown): string => (value === undefined ? '(nothing)' : JSON.stringify(value));

export function formatFileReport(report: FileReport): string {
  const lines = [`${report.passed ? 'PASS' : 'FAIL'} ${report.file} — ${report.title}`];
  for (const scenario of report.scenarios) {
    lines.push(`  ${scenario.passed ? '✓' : '✗'} ${scenario.name} (${report.file}:${scenario.pos.line})`);
    if (scenario.error) lines.push(`      ${scenario.error}`);
    for (const step of scenario.steps) {
      const mark = step.status === 'passed' ? '✓' : step.status === 'failed' ? '✗' : '-';
      lines.push(`    ${mark} step ${step.index + 1}: ${step.label}${step.status === 'skipped' ? ' (skipped)' : ''}`);
      if (step.status !== 'failed') continue;
      const where = `${report.file}:${step.pos.line}:${step.pos.col}`;
      if (step.error) lines.push(`        ${where}: the action failed: ${step.error}`);
      for (const c of step.checks.filter((c) => !c.passed)) {
        lines.push(`        ${report.file}:${c.pos.line}:${c.pos.col}: ${c.subject}: expected ${show(c.expected)}, got ${c.error ? `an error: ${c.error}` : show(c.actual)}`);
      }
    }
  }
  return lines.join('\n');
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

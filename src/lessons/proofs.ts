/**
 * Which checklist IDs a run of a lesson or scenario file proves. A file's
 * `proves:` is a claim; the run is the proof. An ID counts only when every
 * scenario that shows it passed and at least one check ran and passed in
 * them. The scenarios that show an ID are those naming it in their own
 * `proves:`, or, when none does, all the file's scenarios.
 */
import type { FileReport } from './runner';
import type { ParsedFile } from './types';

export interface IdProof {
  /** A checklist ID from the file's `proves:`. */
  id: string;
  /** Names of the scenarios whose checks show it. */
  scenarios: string[];
  /** Checks that ran and passed in those scenarios. */
  checks: number;
  /** Whether this run proves the ID: those scenarios all passed, with at least one check. */
  proven: boolean;
}

/** One entry per ID the file claims, in the order of its `proves:`. */
export function proofsOfRun(file: ParsedFile, report: FileReport): IdProof[] {
  return file.proves.map((id) => {
    const named = file.scenarios.flatMap((s, i) => (s.proves.includes(id) ? [i] : []));
    const indexes = named.length > 0 ? named : file.scenarios.map((_, i) => i);
    const reports = indexes.map((i) => report.scenarios[i]);
    const checks = reports.reduce((n, r) => n + (r?.steps.reduce((m, step) => m + step.checks.filter((c) => c.passed).length, 0) ?? 0), 0);
    const passed = reports.length > 0 && reports.every((r) => r?.passed === true);
    return { id, scenarios: indexes.map((i) => file.scenarios[i]!.name), checks, proven: passed && checks > 0 };
  });
}

/**
 * Checklist proofs as data (STYLE habit 13). A row of
 * docs/security-checklist.md counts as proven only from checks that ran and
 * passed in this run:
 * - a test whose title (its describe titles included) names the ID, that
 *   passed and made at least one assertion (counted by
 *   record-assertions.ts);
 * - a lesson or scenario file whose run, recorded by
 *   test/integration/every-lesson.test.ts, proved the ID (src/lessons/proofs.ts).
 * Pure functions over what the run recorded; checklist-reporter.ts feeds
 * them vitest's results.
 */
import type { IdProof } from '../../src/lessons/proofs.ts';
import { DOC_PATH, idsIn, type Row } from './checklist-doc.ts';

/** What a lesson run proved, as every-lesson.test.ts records it in its test's meta. */
export interface LessonProofMeta extends IdProof {
  /** The lesson or scenario file, relative to the repository root. */
  file: string;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Assertions the test's body made (not its hooks), set by test/support/record-assertions.ts after each test. */
    assertions?: number;
    /** Checklist IDs a lesson run proved, set by test/integration/every-lesson.test.ts. */
    lessonProofs?: LessonProofMeta[];
  }
}

/** One test of the run, as the coverage check sees it. */
export interface TestRecord {
  /** Test file, relative to the repository root. */
  file: string;
  /** The describe titles and the test's own, joined with " > ". */
  title: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  /** Assertions the test made; undefined when nothing recorded them. */
  assertions: number | undefined;
  /** `it.fails`: it passes when its body fails, so it proves nothing. */
  expectsFailure: boolean;
  lessonProofs: readonly LessonProofMeta[];
}

/** A check that proved an ID in this run. */
export interface Proof {
  id: string;
  /** Where the proof is written: a test file or a lesson file. */
  file: string;
  /** The test's title, or the lesson's scenarios. */
  by: string;
}

/** Every proof the run recorded. */
export function proofsOf(records: readonly TestRecord[]): Proof[] {
  return records.flatMap((record) => {
    if (record.state !== 'passed' || record.expectsFailure || !(record.assertions !== undefined && record.assertions > 0)) return [];
    const titled = idsIn(record.title).map((id) => ({ id, file: record.file, by: record.title }));
    const lessons = record.lessonProofs.filter((p) => p.proven).map((p) => ({ id: p.id, file: p.file, by: p.scenarios.join('; ') }));
    return [...titled, ...lessons];
  });
}

/** Tests that name an ID no row has (a typo, or an ID beyond its group's range). Holds for any run, whole or partial. */
export function unknownIdProblems(records: readonly TestRecord[], rows: readonly Row[]): string[] {
  const listed = new Set(rows.map((r) => r.id));
  return records.flatMap((record) =>
    idsIn(record.title)
      .filter((id) => !listed.has(id))
      .map((id) => `${record.file}: "${record.title}" names ${id}, which is not a row of ${DOC_PATH}`),
  );
}

/** Tests that name an ID but whose assertions nobody counted: the setup file is missing from their project. */
export function uncountedProblems(records: readonly TestRecord[]): string[] {
  return records
    .filter((r) => r.state === 'passed' && r.assertions === undefined && idsIn(r.title).length > 0)
    .map((r) => `${r.file}: "${r.title}" passed, but its assertions were not counted (is test/support/record-assertions.ts in its project's setupFiles?)`);
}

/**
 * Rows whose status the run does not bear out, for a whole run only: a row
 * marked proven needs a proof recorded in this run, and every file its
 * Proof column cites must hold one.
 */
export function coverageProblems(rows: readonly Row[], proofs: readonly Proof[]): string[] {
  return rows
    .filter((row) => row.status === 'proven')
    .flatMap((row) => {
      const mine = proofs.filter((p) => p.id === row.id);
      if (row.proofs.length === 0) return [`${row.id} is marked proven but its Proof column lists no file (${DOC_PATH}:${row.line})`];
      const silent = row.proofs.filter((file) => !mine.some((p) => p.file === file));
      if (silent.length === 0) return [];
      const how = (file: string) => (file.startsWith('lessons/') ? `no passing check of ${file} proved it` : `no test in ${file} named it, passed and asserted something`);
      return [`${row.id} (${DOC_PATH}:${row.line}): ${silent.map(how).join('; ')}`];
    });
}

/**
 * Checklist proofs are data (STYLE habit 13): a row counts only from a check
 * that ran in this run, passed and asserted something. A title is a label;
 * an empty test titled with an ID proves nothing, and neither does a lesson
 * whose checks did not all pass.
 */
import { describe, expect, it } from 'vitest';
import type { Row } from '../support/checklist-doc';
import { coverageProblems, proofsOf, uncountedProblems, unknownIdProblems, type TestRecord } from '../support/checklist-proofs';

const row = (id: string, proofs: string[], status = 'proven'): Row => ({ id, line: 7, status, proofs, rawProof: proofs.join(', ') || '—' });

const ran = (title: string, over: Partial<TestRecord> = {}): TestRecord => ({
  file: 'test/unit/x.test.ts',
  title,
  state: 'passed',
  assertions: 1,
  expectsFailure: false,
  lessonProofs: [],
  ...over,
});

const lessonRun = (proven: boolean, checks = 3): TestRecord =>
  ran('lessons/ > lessons/06-x.md: every step passes', {
    file: 'test/integration/every-lesson.test.ts',
    lessonProofs: [{ file: 'lessons/06-x.md', id: 'XSS-02', scenarios: ['Access token in localStorage'], checks, proven }],
  });

describe('what proves a checklist row', () => {
  it('a passing test that names the ID and asserted something', () => {
    expect(proofsOf([ran('SESS-05: 15 min + 1 ms answers 401')])).toEqual([{ id: 'SESS-05', file: 'test/unit/x.test.ts', by: 'SESS-05: 15 min + 1 ms answers 401' }]);
    expect(coverageProblems([row('SESS-05', ['test/unit/x.test.ts'])], proofsOf([ran('SESS-05: 15 min + 1 ms answers 401')]))).toEqual([]);
  });

  it('an ID in a describe title labels every test inside it', () => {
    expect(proofsOf([ran('SESS-05: idle timeout > the row is deleted')]).map((p) => p.id)).toEqual(['SESS-05']);
  });

  it.each<[string, Partial<TestRecord>]>([
    ['an empty test titled with the ID (no assertion)', { assertions: 0 }],
    ['a test whose assertions nobody counted', { assertions: undefined }],
    ['a failing test', { state: 'failed' }],
    ['a skipped test', { state: 'skipped' }],
    ['an it.fails test, which passes when its body fails', { expectsFailure: true }],
  ])('not %s', (_what, over) => {
    const records = [ran('SESS-01: every session ID is fresh', over)];
    expect(proofsOf(records)).toEqual([]);
    expect(coverageProblems([row('SESS-01', ['test/unit/x.test.ts'])], proofsOf(records))).toEqual([
      'SESS-01 (docs/security-checklist.md:7): no test in test/unit/x.test.ts named it, passed and asserted something',
    ]);
  });

  it('a lesson only when its run proved the ID: all the scenarios that show it passed, with at least one check', () => {
    expect(proofsOf([lessonRun(true)])).toEqual([{ id: 'XSS-02', file: 'lessons/06-x.md', by: 'Access token in localStorage' }]);
    expect(proofsOf([lessonRun(false)])).toEqual([]);
    expect(coverageProblems([row('XSS-02', ['lessons/06-x.md'])], proofsOf([lessonRun(false)]))).toEqual([
      'XSS-02 (docs/security-checklist.md:7): no passing check of lessons/06-x.md proved it',
    ]);
  });

  it('every file a proven row cites must hold a proof; a planned row needs none', () => {
    const proofs = proofsOf([ran('SESS-07: logout deletes the row')]);
    expect(coverageProblems([row('SESS-07', ['test/unit/x.test.ts', 'test/unit/y.test.ts']), row('CSRF-02', [], 'planned')], proofs)).toEqual([
      'SESS-07 (docs/security-checklist.md:7): no test in test/unit/y.test.ts named it, passed and asserted something',
    ]);
  });

  it('a test that names an ID no row has is reported, as is one the assertion recorder did not see', () => {
    const records = [ran('SESS-12: beyond the group'), ran('SESS-01: fresh IDs', { assertions: undefined })];
    expect(unknownIdProblems(records, [row('SESS-01', [])])).toEqual(['test/unit/x.test.ts: "SESS-12: beyond the group" names SESS-12, which is not a row of docs/security-checklist.md']);
    expect(uncountedProblems(records)).toEqual([
      'test/unit/x.test.ts: "SESS-01: fresh IDs" passed, but its assertions were not counted (is test/support/record-assertions.ts in its project\'s setupFiles?)',
    ]);
  });
});

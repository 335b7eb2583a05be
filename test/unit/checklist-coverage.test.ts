/**
 * Keeps docs/security-checklist.md well-formed and its claims checkable:
 * - the doc lists exactly the checklist's IDs, in order, once each;
 * - a row's Proof column names existing test files or lesson files only,
 *   and a planned row names none;
 * - a lesson that lists an ID in `proves:` is cited in that row;
 * - the summary counts match the rows, and every misconception cites IDs.
 * Whether each proven row was really proven is decided from the run itself,
 * after a whole run, by test/support/checklist-reporter.ts: only a check
 * that ran, passed and asserted something counts (see test/unit/checklist-proofs.test.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lessonFiles, parseFiles } from '../../scripts/lesson-files';
import { DOC_PATH, EXPECTED_IDS, PREFIXES, STATUSES, idsIn, parseRows, section, type Row, type Status } from '../support/checklist-doc';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(ROOT, DOC_PATH), 'utf8');
const { rows, problems: rowProblems } = parseRows(doc);

/** Why a proven row's Proof column cannot be right, whatever the run shows. */
function citationProblems(row: Row): string[] {
  if (row.proofs.length === 0) return [`${row.id} is marked proven but lists no proof file (${DOC_PATH}:${row.line})`];
  return row.proofs.flatMap((proof) => {
    if (!/^test\/.+\.test\.ts$/.test(proof) && !/^lessons\/.+\.(md|scenario\.ya?ml)$/.test(proof)) {
      return [`${row.id}: proof "${proof}" is not a test/**/*.test.ts or lessons/ file path relative to the repository root`];
    }
    return existsSync(join(ROOT, proof)) ? [] : [`${row.id}: proof file ${proof} does not exist`];
  });
}

describe('docs/security-checklist.md', () => {
  it('lists exactly the checklist IDs, in order, once each, with well-formed rows', () => {
    expect(rowProblems).toEqual([]);
    const listed = rows.map((r) => r.id);
    const duplicates = listed.filter((id, i) => listed.indexOf(id) !== i);
    expect(duplicates, `duplicate rows in ${DOC_PATH}`).toEqual([]);
    expect(listed.filter((id) => !EXPECTED_IDS.includes(id)), `rows in ${DOC_PATH} that are not checklist IDs`).toEqual([]);
    expect(EXPECTED_IDS.filter((id) => !listed.includes(id)), `checklist IDs missing from ${DOC_PATH}`).toEqual([]);
    expect(listed, `${DOC_PATH} must list the IDs in checklist order`).toEqual(EXPECTED_IDS);

    const malformed = rows.flatMap((row) => {
      if (!(STATUSES as readonly string[]).includes(row.status)) {
        return [`${row.id}: status must be exactly "proven" or "planned", got "${row.status}" (${DOC_PATH}:${row.line})`];
      }
      if (row.status === 'planned' && row.rawProof !== '—') {
        return [`${row.id} is planned, so its Proof must be "—", got "${row.rawProof}" (${DOC_PATH}:${row.line})`];
      }
      return [];
    });
    expect(malformed).toEqual([]);
  });

  it('cites, for every proven row, only files that exist: test files or lessons', () => {
    expect(rows.filter((r) => r.status === 'proven').flatMap(citationProblems)).toEqual([]);
  });

  it('cites every lesson in each row whose ID the lesson lists in proves:', () => {
    const { parsed } = parseFiles(lessonFiles());
    const uncited = parsed.flatMap((lesson) =>
      lesson.proves
        .filter((id) => !rows.some((r) => r.id === id && r.status === 'proven' && r.proofs.includes(lesson.file)))
        .map((id) => `${lesson.file} proves ${id}, but that row of ${DOC_PATH} is not proven with it`),
    );
    expect(uncited).toEqual([]);
  });

  it('has a summary table that matches the rows', () => {
    const counted = (prefix: string | undefined, status: Status) =>
      rows.filter((r) => r.status === status && (prefix === undefined || r.id.startsWith(`${prefix}-`))).length;
    const expected = [...PREFIXES, 'All'].map((group) => {
      const prefix = group === 'All' ? undefined : group;
      return `${group}: ${counted(prefix, 'proven')} proven, ${counted(prefix, 'planned')} planned`;
    });
    const summary = section(doc, 'Summary') ?? '';
    const stated = [...summary.matchAll(/^\|\s*([A-Za-z]+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*$/gm)].map(
      ([, group, proven, planned]) => `${group}: ${proven} proven, ${planned} planned`,
    );
    expect(stated, `the Summary table of ${DOC_PATH} must match the rows`).toEqual(expected);
  });

  it('names only listed IDs anywhere in the doc, and each of the 13 misconceptions cites the IDs that disprove it', () => {
    const listed = new Set(rows.map((r) => r.id));
    expect(idsIn(doc).filter((id) => !listed.has(id)), `unknown IDs mentioned in ${DOC_PATH}`).toEqual([]);

    const misconceptions = section(doc, 'Misconceptions we never teach');
    expect(misconceptions, `${DOC_PATH} needs a "## Misconceptions we never teach" section`).toBeDefined();
    const items = misconceptions!.split(/\n(?=\d+\. )/).filter((item) => /^\d+\. /.test(item));
    expect(items.map((item) => Number(/^(\d+)\./.exec(item)![1]))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const uncited = items.filter((item) => !/Disproved\s+by:\s.*\b[A-Z]+-\d{2}\b/s.test(item)).map((item) => item.slice(0, 60));
    expect(uncited, 'misconceptions without "Disproved by: <IDs>"').toEqual([]);
  });
});

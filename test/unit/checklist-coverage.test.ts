/**
 * Keeps docs/security-checklist.md honest against the test suite:
 * - the doc lists exactly the checklist's IDs, in order, once each;
 * - a row marked `proven` names existing test files, and at least one of them
 *   has a (non-skipped) test or describe title naming that ID;
 * - every checklist-style ID a test title names is a row of the doc (so a
 *   typo such as an ID beyond a group's range fails here);
 * - the summary counts and the number of verified proven rows match the rows.
 * Titles are the first string argument of it(), test(), describe() and their
 * .each(...)(…) / .skip / .only forms, read straight from the source text.
 * A proof may also be a lesson or scenario file under lessons/: it counts
 * only when the file declares the ID in `proves` and every one of its steps
 * passes when run here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonFiles, parseFiles } from '../../scripts/lesson-files';
import { nodeHost } from '../../scripts/scenario-host';
import { runFile } from '../../src/lessons/runner';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC_PATH = 'docs/security-checklist.md';

/**
 * The groups of the shared security checklist and how many IDs each has,
 * copied once from it (CI has no access to the shared file). IDs run from
 * 01 to the count, in this order.
 */
const GROUPS: readonly (readonly [prefix: string, count: number])[] = [
  ['SESS', 11],
  ['COOKIE', 5],
  ['CSRF', 10],
  ['XSS', 4],
  ['JWT', 12],
  ['REVOKE', 3],
  ['REFRESH', 3],
  ['KEY', 3],
  ['SCALE', 5],
];
const EXPECTED_IDS: readonly string[] = GROUPS.flatMap(([prefix, count]) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`),
);
const PREFIXES = GROUPS.map(([prefix]) => prefix);
/** Any ID in checklist style, including out-of-range ones such as a group's 13th. */
const ID_PATTERN = new RegExp(`\\b(?:${PREFIXES.join('|')})-\\d+\\b`, 'g');
const STATUSES = ['proven', 'planned'] as const;
type Status = (typeof STATUSES)[number];

const idsIn = (text: string): string[] => text.match(ID_PATTERN) ?? [];

// ---------------------------------------------------------------- the doc

interface Row {
  id: string;
  line: number;
  status: string;
  proofs: string[];
  rawProof: string;
}

function parseRows(markdown: string): { rows: Row[]; problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  markdown.split('\n').forEach((text, index) => {
    const match = /^\|\s*([A-Z]+-\d+)\s*\|/.exec(text);
    if (!match) return;
    const id = match[1]!;
    const line = index + 1;
    const cells = text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (cells.length !== 4) {
      problems.push(`${DOC_PATH}:${line} ${id}: expected 4 cells (ID | What AuthLab shows | Status | Proof), found ${cells.length}`);
      return;
    }
    const rawProof = cells[3]!;
    const proofs = rawProof === '—' ? [] : rawProof.split(',').map((p) => p.trim().replace(/^`|`$/g, '')).filter(Boolean);
    rows.push({ id, line, status: cells[2]!, proofs, rawProof });
  });
  return { rows, problems };
}

/** The body of a `## heading` section, up to the next `## `. */
function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return undefined;
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

// ---------------------------------------------------------------- test titles

interface Title {
  file: string;
  line: number;
  text: string;
  /** skip, todo, skipIf or runIf: shown in the list, never proof. */
  conditional: boolean;
}

/** Index just past a quoted string or template literal starting at `i`. */
function skipString(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length) {
    const ch = src[j];
    if (ch === '\\') j += 2;
    else if (ch === quote) return j + 1;
    else if (quote === '`' && ch === '$' && src[j + 1] === '{') {
      j = skipBalanced(src, j + 1);
      if (j < 0) return -1;
    } else j += 1;
  }
  return -1;
}

/** Index just past the bracket matching the one at `i`, skipping strings and comments; -1 if unbalanced. */
function skipBalanced(src: string, i: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
  const stack = [pairs[src[i]!]!];
  let j = i + 1;
  while (j < src.length && stack.length > 0) {
    const ch = src[j]!;
    const skipped = skipNonCode(src, j);
    if (skipped >= 0) {
      j = skipped;
      continue;
    }
    // Arrow functions inside generic arguments would otherwise close the `<`.
    if (ch === '=' && src[j + 1] === '>') {
      j += 2;
      continue;
    }
    if (ch === stack.at(-1)) stack.pop();
    else if (ch in pairs && (ch !== '<' || stack.at(-1) === '>')) stack.push(pairs[ch]!);
    j += 1;
  }
  return stack.length === 0 ? j : -1;
}

/** The raw text of the string or template literal at `i` (template placeholders kept as written). */
function readString(src: string, i: number): string | undefined {
  if (!["'", '"', '`'].includes(src[i] ?? '')) return undefined;
  const end = skipString(src, i);
  return end < 0 ? undefined : src.slice(i + 1, end - 1);
}

const CALL = /(?<![.\w$])(describe|it|test)((?:\s*\.\s*(?:skip|only|todo|concurrent|sequential|fails|each|for|skipIf|runIf)\b)*)/y;

/** The title of a test call starting at `start`, or undefined when there is none. */
function titleAt(file: string, src: string, start: number): Title | undefined {
  CALL.lastIndex = start;
  const match = CALL.exec(src);
  if (!match) return undefined;
  const modifiers = match[2] ?? '';
  let j = start + match[0].length;
  const skipSpace = () => {
    while (/\s/.test(src[j] ?? '')) j += 1;
  };
  skipSpace();
  // `.each<T>([...])(`, `.skipIf(cond)(`: step over the generic and the first call.
  if (/\b(?:each|for|skipIf|runIf)\b/.test(modifiers)) {
    if (src[j] === '<') {
      j = skipBalanced(src, j);
      if (j < 0) return undefined;
      skipSpace();
    }
    if (src[j] !== '(') return undefined;
    j = skipBalanced(src, j);
    if (j < 0) return undefined;
    skipSpace();
  }
  if (src[j] !== '(') return undefined;
  j += 1;
  skipSpace();
  const text = readString(src, j);
  if (text === undefined) return undefined;
  return { file, line: src.slice(0, start).split('\n').length, text, conditional: /\b(?:skip|todo|skipIf|runIf)\b/.test(modifiers) };
}

/** Whether a `/` at `i` (not a comment) opens a regex literal rather than dividing. */
function startsRegex(src: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && /\s/.test(src[k]!)) k -= 1;
  if (k < 0) return true;
  if ('(,=:[!&|?{};+-*%<>~^'.includes(src[k]!)) return true;
  const word = /[A-Za-z]+$/.exec(src.slice(Math.max(0, k - 9), k + 1))?.[0];
  return word !== undefined && ['return', 'typeof', 'case', 'in', 'of'].includes(word);
}

/** Index just past a regex literal (and its flags) starting at `i`. */
function skipRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== '\n') {
    const ch = src[j];
    if (ch === '\\') j += 1;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      j += 1;
      while (/[a-z]/.test(src[j] ?? '')) j += 1;
      return j;
    }
    j += 1;
  }
  return j;
}

/**
 * If a string, template, comment or regex literal starts at `i`, the index
 * just past it; otherwise -1. Titles are only looked for outside these.
 */
function skipNonCode(src: string, i: number): number {
  const ch = src[i];
  if (ch === "'" || ch === '"' || ch === '`') {
    const end = skipString(src, i);
    return end < 0 ? src.length : end;
  }
  if (ch === '/' && src[i + 1] === '/') {
    const eol = src.indexOf('\n', i);
    return eol < 0 ? src.length : eol;
  }
  if (ch === '/' && src[i + 1] === '*') {
    const end = src.indexOf('*/', i + 2);
    return end < 0 ? src.length : end + 2;
  }
  if (ch === '/' && startsRegex(src, i)) return skipRegex(src, i);
  if (ch === '\\') return i + 2;
  return -1;
}

/** Walks the source as code and collects test titles. */
function extractTitles(file: string, src: string): Title[] {
  const titles: Title[] = [];
  let i = 0;
  while (i < src.length) {
    const skipped = skipNonCode(src, i);
    if (skipped >= 0) {
      i = skipped;
      continue;
    }
    const title = /[dit]/.test(src[i]!) ? titleAt(file, src, i) : undefined;
    if (title) titles.push(title);
    i += 1;
  }
  return titles;
}

function testFiles(): string[] {
  return (readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' }) as string[])
    .map((p) => `test/${p.split('\\').join('/')}`)
    .filter((p) => p.endsWith('.test.ts'))
    .sort();
}

// ---------------------------------------------------------------- the checks

const doc = readFileSync(join(ROOT, DOC_PATH), 'utf8');
const { rows, problems: rowProblems } = parseRows(doc);
const files = testFiles();
const titles = files.flatMap((file) => extractTitles(file, readFileSync(join(ROOT, file), 'utf8')));
const titlesByFile = new Map<string, Title[]>();
for (const title of titles) titlesByFile.set(title.file, [...(titlesByFile.get(title.file) ?? []), title]);

/** Lesson files cited as proof: the IDs each declares, and whether all its steps passed (filled in beforeAll). */
const lessonProofs = new Map<string, { proves: string[]; passed: boolean; problem?: string }>();
const citedLessons = [...new Set(rows.flatMap((r) => r.proofs).filter((p) => p.startsWith('lessons/')))];
const host = nodeHost();
beforeAll(async () => {
  host.start();
  for (const file of citedLessons) {
    if (!existsSync(join(ROOT, file))) continue;
    const { parsed, diagnostics } = parseFiles([file]);
    const lesson = parsed[0];
    if (!lesson || diagnostics.length > 0) {
      lessonProofs.set(file, { proves: [], passed: false, problem: diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('; ') });
      continue;
    }
    const report = await runFile(lesson, host);
    lessonProofs.set(file, { proves: lesson.proves, passed: report.passed, ...(report.passed ? {} : { problem: 'some of its steps fail (npm run scenario -- ' + file + ')' }) });
  }
}, 120_000);
afterAll(() => host.stop());

/** Why a proven row's proof does not hold, or [] when it does. */
function proofProblems(row: Row): string[] {
  if (row.proofs.length === 0) return [`${row.id} is marked proven but lists no proof file (${DOC_PATH}:${row.line})`];
  const problems: string[] = [];
  let named = false;
  for (const proof of row.proofs) {
    if (/^lessons\/.+\.(md|scenario\.ya?ml)$/.test(proof)) {
      const lesson = lessonProofs.get(proof);
      if (!existsSync(join(ROOT, proof))) problems.push(`${row.id}: proof file ${proof} does not exist`);
      else if (!lesson) problems.push(`${row.id}: lesson ${proof} was not run`);
      else if (lesson.problem) problems.push(`${row.id}: lesson ${proof} is no proof: ${lesson.problem}`);
      else if (!lesson.proves.includes(row.id)) problems.push(`${row.id}: lesson ${proof} does not list ${row.id} in its proves:`);
      else if (lesson.passed) named = true;
    } else if (!/^test\/.+\.test\.ts$/.test(proof)) {
      problems.push(`${row.id}: proof "${proof}" is not a test/**/*.test.ts or lessons/ file path relative to the repository root`);
    } else if (!existsSync(join(ROOT, proof))) {
      problems.push(`${row.id}: proof file ${proof} does not exist`);
    } else if ((titlesByFile.get(proof) ?? []).some((t) => !t.conditional && idsIn(t.text).includes(row.id))) {
      named = true;
    }
  }
  if (!named && problems.length === 0) {
    problems.push(`${row.id} is marked proven, but no test or describe title in ${row.proofs.join(', ')} names ${row.id}, and no passing lesson there proves it`);
  }
  return problems;
}

describe('docs/security-checklist.md and the test suite agree', () => {
  it('finds the tests and their titles (parser sanity)', () => {
    expect(files).toContain('test/unit/checklist-coverage.test.ts');
    const sample = extractTitles(
      'sample.test.ts',
      [
        "describe('A-1: group', () => {",
        "  it.each<[string, number]>([['x', 1], ['y (2)', 2]] as const)('B-2: %s', () => {});",
        '  it.skip(`C-3: ${label}`, () => {});',
        '  test("D-4: it(\'nested\')", () => {});',
        "  expect(/re/.test('not a title')).toBe(true);",
        "  const label = page.getByLabel(/Alice's token/); // it('E-5: in a comment')",
        "  it('F-6: after a regex with a quote', () => {});",
        '});',
      ].join('\n'),
    );
    expect(sample.map((t) => [t.text, t.conditional, t.line])).toEqual([
      ['A-1: group', false, 1],
      ['B-2: %s', false, 2],
      ['C-3: ${label}', true, 3],
      ["D-4: it('nested')", false, 4],
      ['F-6: after a regex with a quote', false, 7],
    ]);
    expect(titles.length).toBeGreaterThan(100);
  });

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

  it('backs every proven row with an existing test file whose test titles name the ID', () => {
    expect(rows.filter((r) => r.status === 'proven').flatMap(proofProblems)).toEqual([]);
  });

  it('counts a lesson only for IDs it declares, and cites every lesson where it declares an ID', () => {
    const { parsed } = parseFiles(lessonFiles());
    const uncited = parsed.flatMap((lesson) =>
      lesson.proves
        .filter((id) => !rows.some((r) => r.id === id && r.status === 'proven' && r.proofs.includes(lesson.file)))
        .map((id) => `${lesson.file} proves ${id}, but that row of ${DOC_PATH} is not proven with it`),
    );
    expect(uncited).toEqual([]);
  });

  it('knows every checklist-style ID that any test title names', () => {
    const listed = new Set(rows.map((r) => r.id));
    const unknown = titles.flatMap((t) =>
      idsIn(t.text)
        .filter((id) => !listed.has(id))
        .map((id) => `${id} in ${t.file}:${t.line} ("${t.text}") is not a row of ${DOC_PATH}`),
    );
    expect(unknown).toEqual([]);
  });

  it('counts as proven exactly the rows whose proof holds, and the summary table matches', () => {
    const marked = rows.filter((r) => r.status === 'proven');
    const verified = marked.filter((r) => proofProblems(r).length === 0);
    expect(
      verified.length,
      `rows marked proven without a working proof: ${marked.filter((r) => !verified.includes(r)).map((r) => r.id).join(', ')}`,
    ).toBe(marked.length);

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
    expect([...new Set(idsIn(doc))].filter((id) => !listed.has(id)), `unknown IDs mentioned in ${DOC_PATH}`).toEqual([]);

    const misconceptions = section(doc, 'Misconceptions we never teach');
    expect(misconceptions, `${DOC_PATH} needs a "## Misconceptions we never teach" section`).toBeDefined();
    const items = misconceptions!.split(/\n(?=\d+\. )/).filter((item) => /^\d+\. /.test(item));
    expect(items.map((item) => Number(/^(\d+)\./.exec(item)![1]))).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const uncited = items.filter((item) => !/Disproved\s+by:\s.*\b[A-Z]+-\d{2}\b/s.test(item)).map((item) => item.slice(0, 60));
    expect(uncited, 'misconceptions without "Disproved by: <IDs>"').toEqual([]);
  });
});

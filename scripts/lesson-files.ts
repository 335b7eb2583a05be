/**
 * Node's side of the lesson parser: finds lesson and scenario files on disk
 * and parses them with src/lessons, checking checklist IDs against
 * docs/security-checklist.md and ids/orders across lessons. Used by the
 * build check, `npm run scenario` and the tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCurriculum, checklistIdsOf } from '../src/lessons/curriculum';
import type { Diagnostic } from '../src/lessons/diagnostics';
import { isScenarioFileName, parseFile } from '../src/lessons/parse-lesson';
import type { Lesson, ParsedFile } from '../src/lessons/types';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Every lesson (`lessons/*.md`, README excepted) and scenario file (`lessons/**\/*.scenario.yaml`), sorted. */
export function lessonFiles(root = ROOT): string[] {
  return (readdirSync(join(root, 'lessons'), { recursive: true, encoding: 'utf8' }) as string[])
    .map((p) => `lessons/${p.split('\\').join('/')}`)
    .filter((p) => (p.endsWith('.md') && !/(^|\/)README\.md$/.test(p)) || isScenarioFileName(p))
    .sort();
}

export function checklistIds(root = ROOT): Set<string> {
  return checklistIdsOf(readFileSync(join(root, 'docs/security-checklist.md'), 'utf8'));
}

/** Parses files given relative to the repository root (or absolute); checks ids and orders across the lessons. */
export function parseFiles(files: readonly string[], root = ROOT): { parsed: ParsedFile[]; diagnostics: Diagnostic[] } {
  const ids = checklistIds(root);
  const parsed: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const name = relative(root, resolve(root, file)).split('\\').join('/');
    let text: string;
    try {
      text = readFileSync(join(root, name), 'utf8');
    } catch (error) {
      diagnostics.push({ file: name, line: 1, col: 1, message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const result = parseFile(name, text, { checklistIds: ids });
    if (result.ok) parsed.push(result.value);
    else diagnostics.push(...result.diagnostics);
  }
  diagnostics.push(...checkCurriculum(parsed.filter((p): p is Lesson => p.kind === 'lesson')));
  return { parsed, diagnostics };
}


/**
 * Checks across files: lesson ids and orders are unique. Also reads the
 * checklist IDs out of docs/security-checklist.md (passed in as text, so the
 * browser can use it too).
 */
import type { Diagnostic } from './diagnostics';
import type { Lesson } from './types';

/** Every `| ID |` row of the security checklist. */
export function checklistIdsOf(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|\s*([A-Z]+-\d{2})\s*\|/gm)].map((m) => m[1]!));
}

export function checkCurriculum(lessons: readonly Lesson[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, Lesson>();
  const byOrder = new Map<number, Lesson>();
  for (const lesson of lessons) {
    const sameId = byId.get(lesson.id);
    if (sameId) diagnostics.push({ file: lesson.file, ...lesson.metaPos.id, message: `lesson id "${lesson.id}" is already used by ${sameId.file}` });
    else byId.set(lesson.id, lesson);
    const sameOrder = byOrder.get(lesson.order);
    if (sameOrder) diagnostics.push({ file: lesson.file, ...lesson.metaPos.order, message: `order ${lesson.order} is already used by ${sameOrder.file}` });
    else byOrder.set(lesson.order, lesson);
  }
  return diagnostics;
}

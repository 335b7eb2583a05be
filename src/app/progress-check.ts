/**
 * Progress checked one lesson at a time, so one bad entry costs that lesson
 * only: saved progress keeps its good lessons, and an imported file is
 * checked against the lessons that exist (unknown IDs refused, step numbers
 * outside the lesson clamped or left out), each problem named by lesson ID
 * and field. Pure, like progress-data.
 */
import * as v from 'valibot';
import { ProgressError, lessonProgressSchema, quote, type LessonProgress, type ProgressData } from './progress-data';

/** What was kept, and a plain sentence for each entry refused or changed. */
export interface CheckedProgress {
  data: ProgressData;
  /** `"lesson-id": what was wrong and what was done about it`. */
  notes: string[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const kindOf = (x: unknown) => (Array.isArray(x) ? 'an array' : x === null ? 'null' : `a ${typeof x}`);
const id = (lessonId: string) => `"${quote(lessonId, 80)}"`;

/** The `lessons` object of saved or imported progress; throws a ProgressError when it is not one. */
function lessonsOf(state: unknown): Record<string, unknown> {
  const lessons = isObject(state) ? state.lessons : undefined;
  if (isObject(lessons)) return lessons;
  throw new ProgressError(`"lessons" is ${kindOf(lessons)} where an object belongs`);
}

/** One entry against the schema: the entry, or why not (`"field": message`). */
function checkEntry(entry: unknown): { ok: LessonProgress } | { why: string } {
  if (!isObject(entry)) return { why: `${kindOf(entry)} where an object belongs` };
  for (const field of ['predictions'] as const) {
    if (Array.isArray(entry[field])) return { why: `"${field}" is an array where an object belongs` };
  }
  const result = v.safeParse(lessonProgressSchema, entry);
  if (result.success) return { ok: result.output };
  const issue = result.issues[0]!;
  const where = v.getDotPath(issue);
  return { why: `${where ? `"${quote(where, 80)}": ` : ''}${quote(issue.message)}` };
}

/**
 * Saved progress of the current version, lesson by lesson: the good entries
 * are kept, each bad one is named with its field. Throws a ProgressError
 * only when there is no `lessons` object at all.
 */
export function salvageProgress(state: unknown): CheckedProgress {
  const lessons: Record<string, LessonProgress> = {};
  const notes: string[] = [];
  for (const [lessonId, entry] of Object.entries(lessonsOf(state))) {
    const checked = checkEntry(entry);
    if ('ok' in checked) lessons[lessonId] = checked.ok;
    else notes.push(`${id(lessonId)}: ${checked.why}`);
  }
  return { data: { lessons }, notes };
}

const list = (xs: unknown[]) => quote(xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', '));

/**
 * Imported lessons checked against the lessons that exist (`stepCounts`:
 * each lesson ID with its number of steps). Unknown lessons and entries of
 * the wrong shape are refused; a furthest step past the end is clamped to
 * the last step; completed steps and predictions outside the lesson are
 * left out. Every refusal and change is in `notes`.
 */
export function checkImportedProgress(state: unknown, stepCounts: Readonly<Record<string, number>>): CheckedProgress {
  const lessons: Record<string, LessonProgress> = {};
  const notes: string[] = [];
  for (const [lessonId, entry] of Object.entries(lessonsOf(state))) {
    const total = Object.hasOwn(stepCounts, lessonId) ? stepCounts[lessonId]! : undefined;
    if (total === undefined) {
      notes.push(`${id(lessonId)}: there is no such lesson; its progress was not imported`);
      continue;
    }
    const changes: string[] = [];
    const fixed = isObject(entry) ? { ...entry } : entry;
    if (isObject(fixed)) {
      const { furthestStep, completedSteps, predictions } = fixed;
      if (typeof furthestStep === 'number' && furthestStep > total) {
        fixed.furthestStep = total;
        changes.push(`"furthestStep" was ${String(furthestStep)}; the lesson has ${total} steps, so it is now ${total}`);
      }
      if (Array.isArray(completedSteps)) {
        const outside = completedSteps.filter((n) => typeof n === 'number' && !(Number.isInteger(n) && n >= 1 && n <= total));
        if (outside.length > 0) {
          fixed.completedSteps = completedSteps.filter((n) => !outside.includes(n));
          changes.push(`"completedSteps" had ${list(outside)}, not steps of this ${total}-step lesson; ${outside.length === 1 ? 'it was' : 'they were'} left out`);
        }
      }
      if (isObject(predictions)) {
        const outside = Object.keys(predictions).filter((k) => /^[1-9]\d*$/.test(k) && Number(k) > total);
        if (outside.length > 0) {
          fixed.predictions = Object.fromEntries(Object.entries(predictions).filter(([k]) => !outside.includes(k)));
          changes.push(`"predictions" had ${outside.length === 1 ? 'step' : 'steps'} ${list(outside)}, not ${outside.length === 1 ? 'a step' : 'steps'} of this ${total}-step lesson; ${outside.length === 1 ? 'it was' : 'they were'} left out`);
        }
      }
    }
    const checked = checkEntry(fixed);
    if ('why' in checked) {
      notes.push(`${id(lessonId)}: ${checked.why}; its progress was not imported`);
      continue;
    }
    lessons[lessonId] = checked.ok;
    for (const change of changes) notes.push(`${id(lessonId)}: ${change}`);
  }
  return { data: { lessons }, notes };
}

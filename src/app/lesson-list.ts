/**
 * What the lessons list shows: each lesson in its order with the learner's
 * progress, and each lesson file that could not be read with its errors
 * (file:line:col), so one broken file never hides the others.
 */
import { formatDiagnostic, type Lesson } from '../lessons';
import type { Catalog } from './lesson-catalog';
import { numberSteps } from './lesson-steps';
import type { LessonProgress } from './progress-data';

export type LessonListItem =
  | {
      kind: 'lesson';
      lesson: Lesson;
      totalSteps: number;
      doneSteps: number;
      /** Predictions answered, and how many of them right. */
      predicted: number;
      predictedRight: number;
      completed: boolean;
      /** The step to continue at (1 when not started). */
      resumeStep: number;
      /** Problems found across files (a repeated id or order), as `file:line:col: message`. */
      problems: string[];
    }
  | { kind: 'broken'; file: string; errors: string[] };

export function lessonListItems(catalog: Catalog, progress: Readonly<Record<string, LessonProgress>>): LessonListItem[] {
  const lessons: LessonListItem[] = catalog.lessons.map((lesson) => {
    const p = progress[lesson.id];
    const totalSteps = numberSteps(lesson).length;
    const doneSteps = p ? p.completedSteps.filter((n) => n <= totalSteps).length : 0;
    const answers = p ? Object.values(p.predictions) : [];
    const entry = catalog.entries.find((e) => e.parsed === lesson);
    return {
      kind: 'lesson',
      lesson,
      totalSteps,
      doneSteps,
      predicted: answers.length,
      predictedRight: answers.filter((a) => a.correct).length,
      completed: p?.completed ?? false,
      resumeStep: Math.min(Math.max(1, p?.furthestStep ?? 1), totalSteps),
      problems: (entry?.diagnostics ?? []).map(formatDiagnostic),
    };
  });
  const broken: LessonListItem[] = catalog.entries
    .filter((e) => !e.parsed && e.file.endsWith('.md'))
    .map((e) => ({ kind: 'broken', file: e.file, errors: e.diagnostics.map(formatDiagnostic) }));
  return [...lessons, ...broken];
}

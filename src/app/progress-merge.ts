/**
 * Progress from two places (two tabs, or this browser and an imported file)
 * merged so that nothing a learner did is dropped: per lesson, the union of
 * completed steps, the larger furthest step, every answered prediction (the
 * first one recorded wins), and a completion once reached is kept. A lesson
 * reset more times outranks the other side's older steps, so a reset in one
 * tab is not undone by another tab that still holds the steps.
 */
import type { LessonProgress, ProgressData } from './progress-data';

/** One lesson's progress merged; `first` wins where both answered a prediction. */
export function mergeLesson(first: LessonProgress, second: LessonProgress, { ignoreResets = false } = {}): LessonProgress {
  const r1 = first.resets ?? 0;
  const r2 = second.resets ?? 0;
  const completed = first.completed || second.completed;
  if (!ignoreResets && r1 !== r2) return tidy({ ...(r1 > r2 ? first : second), completed });
  return tidy({
    furthestStep: Math.max(first.furthestStep, second.furthestStep),
    completedSteps: [...first.completedSteps, ...second.completedSteps],
    predictions: { ...second.predictions, ...first.predictions },
    completed,
    resets: Math.max(r1, r2),
  });
}

/** Both sides' lessons merged with mergeLesson; `first` wins where both answered a prediction. */
export function mergeProgress(first: ProgressData, second: ProgressData, options?: { ignoreResets?: boolean }): ProgressData {
  const ids = [...new Set([...Object.keys(first.lessons), ...Object.keys(second.lessons)])].sort();
  const lessons: Record<string, LessonProgress> = {};
  for (const id of ids) {
    const a = first.lessons[id];
    const b = second.lessons[id];
    lessons[id] = a && b ? mergeLesson(a, b, options) : tidy((a ?? b)!);
  }
  return { lessons };
}

/** A canonical form (sorted, deduplicated steps; fixed key order; no `resets: 0`), so equal progress serialises to equal text. */
function tidy(p: LessonProgress): LessonProgress {
  const out: LessonProgress = {
    furthestStep: p.furthestStep,
    completedSteps: [...new Set(p.completedSteps)].sort((x, y) => x - y),
    predictions: p.predictions,
    completed: p.completed,
  };
  if (p.resets) out.resets = p.resets;
  return out;
}

/** Whether two progress values hold the same thing (compared in canonical form). */
export function sameProgress(a: ProgressData, b: ProgressData): boolean {
  return JSON.stringify(mergeProgress(a, { lessons: {} })) === JSON.stringify(mergeProgress(b, { lessons: {} }));
}

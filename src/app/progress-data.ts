/**
 * The shape of a learner's saved progress, its validation and its migration
 * between format versions. Pure (no storage, no React), so Node tests can
 * feed it anything a browser might have kept: bad JSON, a wrong shape, a
 * version written by a newer AuthLab.
 */
import * as v from 'valibot';

/** The format version written today. Bump it and add a step to MIGRATIONS when the shape changes. */
export const PROGRESS_VERSION = 1;

const stepNumber = v.pipe(v.number(), v.integer(), v.minValue(1));

export const lessonProgressSchema = v.object({
  /** The highest 1-based step the learner has reached (0: not started). */
  furthestStep: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** 1-based steps whose checks passed when the learner ran them. */
  completedSteps: v.array(stepNumber),
  /** The learner's answer to each step's prediction, by 1-based step number. */
  predictions: v.record(v.pipe(v.string(), v.regex(/^[1-9]\d*$/)), v.object({ choice: v.string(), correct: v.boolean() })),
  /** Every step of the lesson has passed at least once. */
  completed: v.boolean(),
  /**
   * How many times the learner reset the lesson (absent: never). Tabs merge
   * progress as a union, so a reset must outrank the older steps another tab
   * still holds: the entry with more resets wins. Optional, so version 1 data
   * without it still reads, and an older AuthLab simply drops it.
   */
  resets: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const progressSchema = v.object({ lessons: v.record(v.string(), lessonProgressSchema) });

export type LessonProgress = v.InferOutput<typeof lessonProgressSchema>;
export type ProgressData = v.InferOutput<typeof progressSchema>;

export const emptyLessonProgress = (): LessonProgress => ({ furthestStep: 0, completedSteps: [], predictions: {}, completed: false });

/** Why saved or imported progress could not be used; the message is shown to the learner. */
export class ProgressError extends Error {
  override name = 'ProgressError';
}

/** A migration turns data of version N into version N + 1. */
export type Migration = (state: unknown) => unknown;

/**
 * Migrations by the version they upgrade from. Empty while version 1 is the
 * only format there has been; the first change of shape adds `1: (s) => …`.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Checks data that claims to be the current version; throws a ProgressError naming the first problem. */
export function validateProgress(state: unknown): ProgressData {
  const result = v.safeParse(progressSchema, state);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  throw new ProgressError(`the saved progress has the wrong shape${where ? ` at "${quote(where)}"` : ''}: ${quote(issue?.message ?? 'unknown problem')}`);
}

/** Brings data saved as `fromVersion` to the current version, one migration at a time, then validates it. */
export function migrateProgress(state: unknown, fromVersion: number, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, current = PROGRESS_VERSION): ProgressData {
  if (!Number.isInteger(fromVersion) || fromVersion < 0) throw new ProgressError(`the saved progress has an unknown format version (${String(fromVersion)})`);
  if (fromVersion > current) {
    throw new ProgressError(`the saved progress is format version ${fromVersion}, from a newer AuthLab; this one reads up to version ${current}`);
  }
  let data = state;
  for (let version = fromVersion; version < current; version += 1) {
    const step = migrations[version];
    if (!step) throw new ProgressError(`the saved progress is format version ${fromVersion}, which this AuthLab cannot convert`);
    data = step(data);
  }
  return validateProgress(data);
}

/** Reads what persist kept in storage: `{ state, version }` as JSON. Throws a ProgressError for anything else. */
export function parseStoredEnvelope(text: string): { state: unknown; version: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProgressError('the saved progress is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || !('state' in json) || typeof (json as { version?: unknown }).version !== 'number') {
    throw new ProgressError('the saved progress is not in the form AuthLab writes ({ state, version })');
  }
  return json as { state: unknown; version: number };
}

/**
 * Saved or imported text quoted in a message: at most `max` characters, and
 * how long it really was. A value of millions of characters must never be
 * put whole into the page (it widened it to nothing useful).
 */
export function quote(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}

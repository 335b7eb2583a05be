/**
 * The exported progress file: written from the learner's progress, and read
 * back checked against the lessons that exist (see progress-check).
 */
import { checkImportedProgress, type CheckedProgress } from './progress-check';
import { PROGRESS_VERSION, ProgressError, migrateProgress, type ProgressData } from './progress-data';

/** What an exported progress file holds. */
export interface ProgressFile extends ProgressData {
  app: 'authlab';
  kind: 'progress';
  version: number;
}

export function toProgressFile(data: ProgressData): ProgressFile {
  return { app: 'authlab', kind: 'progress', version: PROGRESS_VERSION, lessons: data.lessons };
}

/**
 * Reads an exported progress file's text against the lessons that exist
 * (`stepCounts`: lesson ID → number of steps). Throws a ProgressError that
 * says what is wrong with the file as a whole; entries refused or clamped
 * are in `notes`.
 */
export function parseProgressFile(text: string, stepCounts: Readonly<Record<string, number>>): CheckedProgress {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProgressError('the file is not JSON');
  }
  if (typeof json !== 'object' || json === null || (json as { app?: unknown }).app !== 'authlab' || (json as { kind?: unknown }).kind !== 'progress') {
    throw new ProgressError('the file is not an AuthLab progress export (it lacks "app": "authlab", "kind": "progress")');
  }
  const { version, lessons } = json as { version?: unknown; lessons?: unknown };
  if (typeof version !== 'number') throw new ProgressError('the file has no format version');
  // Older formats are converted first (migrateProgress validates the whole, as a migration's output must be right).
  const state = version === PROGRESS_VERSION ? { lessons } : migrateProgress({ lessons }, version);
  return checkImportedProgress(state, stepCounts);
}

/**
 * What the learner is told when saved progress could not be read: which
 * lessons were reset and why (quoted in part, never the whole bad value),
 * and where the old text is, naming the backup key only when it really
 * holds the text.
 */
import { ProgressError, quote } from './progress-data';

export const PROGRESS_KEY = 'authlab.progress';
/** Where unreadable saved progress is copied (or moved, when there is no room for a copy) before it is replaced. */
export const PROGRESS_BACKUP_KEY = 'authlab.progress.unreadable';

export type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Where the unreadable text went: copied or moved to the backup key; left in
 * place because no backup fitted (writes wait until it is downloaded or
 * discarded); lost from storage (only the page's copy remains); none (there
 * was no text to keep).
 */
export type BackupResult = 'copied' | 'moved' | 'kept-in-place' | 'lost' | 'none';

export interface ProgressNotice {
  message: string;
  /** The unreadable text, offered for download so nothing is silently lost. */
  oldData?: string;
  /** The old data is still in storage and new progress is not saved until the learner downloads or discards it. */
  held?: boolean;
}

/** At most this many bad lessons are named; the rest are counted. */
const NAMED = 5;

function whereTheOldDataIs(backup: BackupResult, length: number): string {
  const size = `${length} characters`;
  switch (backup) {
    case 'copied':
    case 'moved':
      return ` The old data (${size}) is kept: download it below, or find it in localStorage under "${PROGRESS_BACKUP_KEY}".`;
    case 'kept-in-place':
      return ` The old data (${size}) could not be backed up: this browser's storage has no room for a copy. It is left where it was; download it below, or discard it. Until you do, new progress is not saved.`;
    case 'lost':
      return ` The old data (${size}) could not be kept in this browser's storage: download it below before you leave this page.`;
    case 'none':
      return '';
  }
}

/** The notice after a recovery: a whole reset (`error`), or only the lessons in `salvaged` (`"id": why`). */
export function recoveryNotice({ error, raw, backup, salvaged, kept = 0 }: { error?: unknown; raw?: string; backup: BackupResult; salvaged: string[]; kept?: number }): ProgressNotice {
  let what: string;
  if (error !== undefined) {
    const reason = error instanceof ProgressError ? error.message : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    what = `Your saved lesson progress was reset because ${quote(reason, 300)}.`;
  } else {
    const named = salvaged.slice(0, NAMED).join('; ');
    const more = salvaged.length > NAMED ? `; and ${salvaged.length - NAMED} more` : '';
    what = `Saved progress for ${salvaged.length} lesson(s) was reset because it could not be read: ${named}${more}.${kept > 0 ? ` Your progress for the other lesson(s) is kept.` : ''}`;
  }
  const where = raw === undefined ? '' : whereTheOldDataIs(backup, raw.length);
  return { message: what + where, ...(raw !== undefined ? { oldData: raw } : {}), ...(backup === 'kept-in-place' ? { held: true } : {}) };
}

/**
 * The learner's lesson progress, kept in localStorage through zustand's
 * `persist` with a format version and a migration. Nothing a learner saved
 * is lost silently:
 * - every write re-reads what is stored, merges (progress-merge) and writes
 *   the union, and a `storage` event from another tab merges that tab's
 *   progress in, so two tabs never overwrite each other;
 * - every write is read back, and one that did not store is said on the page
 *   (`saveError`), with the export offered;
 * - saved data that cannot be read never blanks the page: only the bad
 *   lessons are reset, and the old text is backed up under a key only when
 *   it really fits there; otherwise it stays where it was until the learner
 *   downloads or discards it (see progress-recovery).
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import { salvageProgress } from './progress-check';
import { PROGRESS_VERSION, emptyLessonProgress, migrateProgress, parseStoredEnvelope, type LessonProgress, type ProgressData } from './progress-data';
import { mergeProgress, sameProgress } from './progress-merge';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, recoveryNotice, type BackupResult, type ProgressNotice, type Storage } from './progress-recovery';

export { PROGRESS_BACKUP_KEY, PROGRESS_KEY, type ProgressNotice } from './progress-recovery';

export interface ProgressState extends ProgressData {
  notice: ProgressNotice | null;
  /** Why the last write of progress did not store (null: it did); the page says so and offers the export. */
  saveError: string | null;
  /** The learner has reached this step (1-based) of a lesson. */
  reach(lessonId: string, step: number): void;
  /** A step's checks passed; the lesson is complete once all `total` steps have. */
  completeStep(lessonId: string, step: number, total: number): void;
  /** Records the learner's first answer to a step's prediction. */
  answer(lessonId: string, step: number, choice: string, correct: boolean): void;
  /** Forgets a lesson's steps and answers (having completed it once is kept). */
  resetLesson(lessonId: string): void;
  /**
   * Adds validated progress (an imported file) to what is here, lesson by
   * lesson, as a union: an import never drops steps already done. Returns
   * whether it was stored.
   */
  importProgress(data: ProgressData): boolean;
  /** The learner downloaded or discarded unreadable old data that could not be backed up: progress is saved again. */
  releaseOldData(): void;
  notify(notice: ProgressNotice | null): void;
}

function update(state: ProgressState, lessonId: string, change: (p: LessonProgress) => LessonProgress): Pick<ProgressState, 'lessons'> {
  return { lessons: { ...state.lessons, [lessonId]: change(state.lessons[lessonId] ?? emptyLessonProgress()) } };
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** What a write that did not store says: plain, with the way to keep the progress anyway. */
export const saveErrorMessage = (why: string) =>
  `Your lesson progress could not be saved in this browser (${why}). It is kept only until you close or reload this page: use "Export progress" to keep it in a file.`;

/** Calls `onChange` when another tab changes the saved progress (the page's `storage` event). */
export type ListenToOtherTabs = (onChange: () => void) => void;

/**
 * A progress store over `storage` (window.localStorage in the page, a
 * Map-backed fake in tests), hydrated at once; `listen` delivers other
 * tabs' writes.
 */
export function createProgressStore(storage: () => Storage | undefined, listen?: ListenToOtherTabs): UseBoundStore<StoreApi<ProgressState>> {
  /** What hydration read last (for the notice), and whether writes wait for unreadable data to be downloaded or discarded. */
  const seen: { raw?: string; held: boolean; salvaged: string[]; kept: number; wrote: boolean } = { held: false, salvaged: [], kept: 0, wrote: true };

  /** The good lessons stored now (another tab may have written since), or null when nothing readable is stored. */
  function readStored(): ProgressData | null {
    try {
      const raw = storage()?.getItem(PROGRESS_KEY) ?? null;
      if (raw === null) return null;
      const { state, version } = parseStoredEnvelope(raw);
      return version === PROGRESS_VERSION ? salvageProgress(state).data : null;
    } catch {
      return null;
    }
  }

  function reportWrite(why: string | null) {
    seen.wrote = why === null;
    const saveError = why === null ? null : saveErrorMessage(why);
    // Only on a change: setState writes again, and a second failure must not loop.
    if (store.getState().saveError !== saveError) store.setState({ saveError });
  }

  const persistStorage: PersistStorage<ProgressData> = {
    getItem(name) {
      seen.raw = undefined;
      const raw = storage()?.getItem(name) ?? null;
      if (raw === null) return null;
      seen.raw = raw;
      return parseStoredEnvelope(raw) as StorageValue<ProgressData>;
    },
    setItem(name, value) {
      if (seen.held) return;
      // Re-read, merge, write: what another tab stored since this one last looked is kept.
      const stored = readStored();
      const merged = stored ? mergeProgress(stored, value.state) : mergeProgress(value.state, { lessons: {} });
      const text = JSON.stringify({ state: merged, version: value.version });
      try {
        const target = storage();
        if (!target) throw new Error('storage is not available');
        if (target.getItem(name) !== text) target.setItem(name, text);
        reportWrite(target.getItem(name) === text ? null : 'it did not keep what was written');
      } catch (error) {
        reportWrite(describe(error));
      }
      if (!sameProgress(merged, value.state)) store.setState({ lessons: merged.lessons });
    },
    removeItem(name) {
      storage()?.removeItem(name);
    },
  };

  const store = create<ProgressState>()(
    persist(
      (set, get) => ({
        lessons: {},
        notice: null,
        saveError: null,
        reach(lessonId, step) {
          set((s) => update(s, lessonId, (p) => (step > p.furthestStep ? { ...p, furthestStep: step } : p)));
        },
        completeStep(lessonId, step, total) {
          set((s) =>
            update(s, lessonId, (p) => {
              const completedSteps = p.completedSteps.includes(step) ? p.completedSteps : [...p.completedSteps, step].sort((a, b) => a - b);
              return { ...p, completedSteps, furthestStep: Math.max(p.furthestStep, step), completed: p.completed || completedSteps.length >= total };
            }),
          );
        },
        answer(lessonId, step, choice, correct) {
          set((s) => update(s, lessonId, (p) => (p.predictions[step] ? p : { ...p, predictions: { ...p.predictions, [step]: { choice, correct } } })));
        },
        resetLesson(lessonId) {
          // One more reset than any tab has seen, so the empty lesson outranks steps other tabs still hold.
          const resets = Math.max(get().lessons[lessonId]?.resets ?? 0, readStored()?.lessons[lessonId]?.resets ?? 0) + 1;
          set((s) => update(s, lessonId, (p) => ({ ...emptyLessonProgress(), completed: p.completed, resets })));
        },
        importProgress(data) {
          set((s) => mergeProgress(s, data, { ignoreResets: true }));
          return seen.wrote && !seen.held;
        },
        releaseOldData() {
          if (!seen.held) return;
          seen.held = false;
          set((s) => ({ lessons: { ...s.lessons }, notice: null }));
        },
        notify(notice) {
          set({ notice });
        },
      }),
      {
        name: PROGRESS_KEY,
        version: PROGRESS_VERSION,
        storage: persistStorage,
        skipHydration: true,
        partialize: (s) => ({ lessons: s.lessons }),
        migrate: (state, version) => migrateProgress(state, version),
        // Runs for data of the current version too (migrate only runs when versions differ),
        // and with nothing at all on a first visit: nothing saved is no progress, not a broken save.
        merge: (persisted, current) => {
          if (persisted === undefined) return current;
          const { data, notes } = salvageProgress(persisted);
          seen.salvaged = notes;
          seen.kept = Object.keys(data.lessons).length;
          if (notes.length > 0) prepareRecovery();
          return { ...current, lessons: data.lessons };
        },
        onRehydrateStorage: () => (_state, error) => {
          if (error) {
            prepareRecovery();
            store.setState({ lessons: {}, notice: recoveryNotice({ error, raw: seen.raw, backup: backup(), salvaged: [] }) });
          } else if (seen.salvaged.length > 0) {
            store.setState({ notice: recoveryNotice({ raw: seen.raw, backup: backup(), salvaged: seen.salvaged, kept: seen.kept }) });
          }
        },
      },
    ),
  );

  /** Set in prepareRecovery, before persist writes the fresh state over the unreadable one. */
  let backupResult: BackupResult = 'none';
  const backup = () => backupResult;
  function prepareRecovery() {
    backupResult = seen.raw === undefined ? 'none' : recoveryBackup(storage, seen.raw);
    seen.held = backupResult === 'kept-in-place';
  }

  listen?.(() => {
    if (seen.held) return;
    const stored = readStored();
    if (!stored) return;
    const merged = mergeProgress(stored, store.getState());
    if (!sameProgress(merged, store.getState())) store.setState({ lessons: merged.lessons });
  });

  void store.persist.rehydrate();
  return store;
}

/**
 * Puts `raw` under the backup key, checking that it is really there: a copy
 * if there is room, else moved (the original removed first, so its room is
 * used); if even that fails, the original is put back and left in place.
 */
function recoveryBackup(storage: () => Storage | undefined, raw: string): BackupResult {
  const target = storage();
  if (!target) return 'lost';
  const put = (key: string) => {
    try {
      target.setItem(key, raw);
      return target.getItem(key) === raw;
    } catch {
      return false;
    }
  };
  if (put(PROGRESS_BACKUP_KEY)) return 'copied';
  // A failed setItem leaves the key's old value as it was, so an earlier backup is not touched here.
  target.removeItem(PROGRESS_KEY);
  if (put(PROGRESS_BACKUP_KEY)) return 'moved';
  return put(PROGRESS_KEY) ? 'kept-in-place' : 'lost';
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage blocked by the browser's settings
  }
}

/** Other tabs' writes to the saved progress (a `null` key: another tab cleared the storage). */
const otherTabs: ListenToOtherTabs = (onChange) => {
  if (typeof window === 'undefined') return;
  window.addEventListener('storage', (event) => {
    if (event.key === PROGRESS_KEY || event.key === null) onChange();
  });
};

/** The page's progress. */
export const useProgress = createProgressStore(browserStorage, otherTabs);

/**
 * The learner's lesson progress, kept in localStorage through zustand's
 * `persist` with a format version and a migration. Saved data that cannot
 * be read (bad JSON, a wrong shape, a version from a newer AuthLab) never
 * blanks the page: progress starts afresh, a notice says why, and the old
 * text is kept, both in the notice (to download) and under a backup key.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import {
  PROGRESS_VERSION,
  ProgressError,
  emptyLessonProgress,
  migrateProgress,
  parseStoredEnvelope,
  validateProgress,
  type LessonProgress,
  type ProgressData,
} from './progress-data';

export const PROGRESS_KEY = 'authlab.progress';
/** Where unreadable saved progress is copied before it is replaced. */
export const PROGRESS_BACKUP_KEY = 'authlab.progress.unreadable';

export interface ProgressNotice {
  message: string;
  /** The unreadable text, offered for download so nothing is silently lost. */
  oldData?: string;
}

export interface ProgressState extends ProgressData {
  notice: ProgressNotice | null;
  /** The learner has reached this step (1-based) of a lesson. */
  reach(lessonId: string, step: number): void;
  /** A step's checks passed; the lesson is complete once all `total` steps have. */
  completeStep(lessonId: string, step: number, total: number): void;
  /** Records the learner's first answer to a step's prediction. */
  answer(lessonId: string, step: number, choice: string, correct: boolean): void;
  /** Forgets a lesson's steps and answers (having completed it once is kept). */
  resetLesson(lessonId: string): void;
  /** Replaces all progress with validated data (an imported file). */
  replaceAll(data: ProgressData): void;
  notify(notice: ProgressNotice | null): void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function update(state: ProgressState, lessonId: string, change: (p: LessonProgress) => LessonProgress): Pick<ProgressState, 'lessons'> {
  return { lessons: { ...state.lessons, [lessonId]: change(state.lessons[lessonId] ?? emptyLessonProgress()) } };
}

/** The persist storage: raw JSON in `storage`; what it read last is remembered for the notice. */
function jsonStorage(storage: () => Storage | undefined, seen: { raw?: string }): PersistStorage<ProgressData> {
  return {
    getItem(name) {
      seen.raw = undefined;
      const raw = storage()?.getItem(name) ?? null;
      if (raw === null) return null;
      seen.raw = raw;
      return parseStoredEnvelope(raw) as StorageValue<ProgressData>;
    },
    setItem(name, value) {
      try {
        storage()?.setItem(name, JSON.stringify(value));
      } catch {
        // Storage full or blocked: progress still works for this visit.
      }
    },
    removeItem(name) {
      storage()?.removeItem(name);
    },
  };
}

/** A progress store over `storage` (window.localStorage in the page, a Map-backed fake in tests), hydrated at once. */
export function createProgressStore(storage: () => Storage | undefined): UseBoundStore<StoreApi<ProgressState>> {
  const seen: { raw?: string } = {};
  const store = create<ProgressState>()(
    persist(
      (set) => ({
        lessons: {},
        notice: null,
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
          set((s) => update(s, lessonId, (p) => ({ ...emptyLessonProgress(), completed: p.completed })));
        },
        replaceAll(data) {
          set({ lessons: data.lessons });
        },
        notify(notice) {
          set({ notice });
        },
      }),
      {
        name: PROGRESS_KEY,
        version: PROGRESS_VERSION,
        storage: jsonStorage(storage, seen),
        skipHydration: true,
        partialize: (s) => ({ lessons: s.lessons }),
        migrate: (state, version) => migrateProgress(state, version),
        // Runs for data of the current version too (migrate only runs when versions differ),
        // and with nothing at all on a first visit: nothing saved is no progress, not a broken save.
        merge: (persisted, current) => (persisted === undefined ? current : { ...current, lessons: validateProgress(persisted).lessons }),
        onRehydrateStorage: () => (_state, error) => {
          if (error) recover(error);
        },
      },
    ),
  );

  function recover(error: unknown) {
    const reason = error instanceof ProgressError ? error.message : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    const oldData = seen.raw;
    try {
      if (oldData !== undefined) storage()?.setItem(PROGRESS_BACKUP_KEY, oldData);
    } catch {
      // The copy in the notice remains.
    }
    // Writing the fresh state replaces the unreadable one, so the next visit starts cleanly.
    store.setState({
      lessons: {},
      notice: {
        message: `Your saved lesson progress was reset because ${reason}.${oldData !== undefined ? ` The old data is kept: download it below, or find it in localStorage under "${PROGRESS_BACKUP_KEY}".` : ''}`,
        ...(oldData !== undefined ? { oldData } : {}),
      },
    });
  }

  void store.persist.rehydrate();
  return store;
}

function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage blocked by the browser's settings
  }
}

/** The page's progress. */
export const useProgress = createProgressStore(browserStorage);

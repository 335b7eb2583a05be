/**
 * Lesson progress is never lost silently (issue 10): two tabs merge instead of
 * overwriting each other, a write that did not store says so, recovery from
 * unreadable saved progress keeps its promise and only resets what is bad,
 * and an imported file is checked against the lessons that exist.
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_VERSION } from '../../src/app/progress-data';
import { parseProgressFile, toProgressFile } from '../../src/app/progress-file';
import { mergeProgress } from '../../src/app/progress-merge';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, createProgressStore } from '../../src/app/progress-store';

/**
 * localStorage as tabs of one origin share it: a quota in characters (keys
 * and values, as Chromium counts), `QuotaExceededError` past it, and a
 * `storage` event delivered to every other tab that listens.
 */
function sharedStorage(initial: Record<string, string> = {}, quota = Infinity) {
  const map = new Map(Object.entries(initial));
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  const tabs: { onChange: () => void }[] = [];
  const storage = {
    map,
    /** Set to make every setItem throw, as a full or blocked storage does. */
    failWrites: false,
    getItem: (k: string) => map.get(k) ?? null,
    setItem(k: string, v: string) {
      if (storage.failWrites || used() - (map.get(k)?.length ?? -k.length) + v.length > quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      if (map.get(k) === v) return;
      map.set(k, v);
      for (const tab of tabs) if (tab !== storage.writer) tab.onChange();
    },
    removeItem: (k: string) => void map.delete(k),
    writer: undefined as { onChange: () => void } | undefined,
    /** One tab: a store over this storage that hears the other tabs' writes (delivered after the write, as browsers do). */
    tab() {
      const tab = { onChange: () => undefined as void };
      tabs.push(tab);
      const view = {
        getItem: storage.getItem,
        removeItem: storage.removeItem,
        setItem(k: string, v: string) {
          storage.writer = tab;
          try {
            storage.setItem(k, v);
          } finally {
            storage.writer = undefined;
          }
        },
      };
      return createProgressStore(() => view, (onChange) => {
        tab.onChange = onChange;
      });
    },
  };
  return storage;
}

const saved = (state: unknown, version = PROGRESS_VERSION) => JSON.stringify({ state, version });
const lesson = (furthestStep: number, completedSteps: number[], completed = false) => ({ furthestStep, completedSteps, predictions: {}, completed });
const storedLessons = (storage: { map: Map<string, string> }) => (JSON.parse(storage.map.get(PROGRESS_KEY) ?? 'null') as { state: { lessons: Record<string, unknown> } } | null)?.state.lessons;

describe('two tabs of progress', () => {
  it('tab A completes a step of lesson 1, tab B a step of lesson 2: storage, both tabs and a reload keep both', () => {
    const storage = sharedStorage();
    const a = storage.tab();
    const b = storage.tab();
    a.getState().completeStep('lesson-1', 1, 5);
    b.getState().completeStep('lesson-2', 3, 9);
    expect(Object.keys(storedLessons(storage) ?? {}).sort()).toEqual(['lesson-1', 'lesson-2']);
    for (const tab of [a, b, storage.tab()]) {
      expect(tab.getState().lessons['lesson-1']?.completedSteps).toEqual([1]);
      expect(tab.getState().lessons['lesson-2']?.completedSteps).toEqual([3]);
    }
  });

  it('a tab that has not heard the other yet still never drops its completed steps (re-read, merge, write)', () => {
    const storage = sharedStorage();
    const deaf = { getItem: storage.getItem, setItem: storage.setItem, removeItem: storage.removeItem };
    const a = createProgressStore(() => deaf);
    const b = createProgressStore(() => deaf);
    a.getState().completeStep('l', 1, 5);
    a.getState().reach('l', 4);
    b.getState().completeStep('l', 2, 5);
    expect(storedLessons(storage)).toEqual({ l: lesson(4, [1, 2]) });
  });

  it('resetting a lesson in one tab is not undone by another tab that still has its old steps', () => {
    const storage = sharedStorage();
    const a = storage.tab();
    a.getState().completeStep('l', 1, 2);
    const stale = createProgressStore(() => ({ getItem: storage.getItem, setItem: storage.setItem, removeItem: storage.removeItem }));
    a.getState().resetLesson('l');
    stale.getState().completeStep('other', 1, 3);
    expect(storedLessons(storage)?.l).toMatchObject({ completedSteps: [], furthestStep: 0 });
    expect(storage.tab().getState().lessons.other?.completedSteps).toEqual([1]);
  });

  it('merging is per lesson and per step: completed steps are a union, the furthest step the larger, a completion is kept', () => {
    const merged = mergeProgress(
      { lessons: { x: { ...lesson(2, [1, 2]), predictions: { 1: { choice: 'a', correct: true } } }, y: lesson(1, [1], true) } },
      { lessons: { x: { ...lesson(5, [4]), predictions: { 1: { choice: 'b', correct: false }, 4: { choice: 'c', correct: true } } }, z: lesson(1, []) } },
    );
    expect(merged.lessons.x).toMatchObject({ furthestStep: 5, completedSteps: [1, 2, 4], predictions: { 1: { choice: 'a', correct: true }, 4: { choice: 'c', correct: true } } });
    expect(Object.keys(merged.lessons).sort()).toEqual(['x', 'y', 'z']);
    expect(merged.lessons.y?.completed).toBe(true);
  });
});

describe('a failed write is never silent', () => {
  it('with storage full, completing a step says progress could not be saved; a later successful write clears it', () => {
    const storage = sharedStorage();
    const store = storage.tab();
    storage.failWrites = true;
    store.getState().completeStep('l', 1, 14);
    expect(store.getState().lessons.l?.completedSteps).toEqual([1]);
    expect(store.getState().saveError).toMatch(/could not be saved in this browser \(QuotaExceededError/);
    expect(store.getState().saveError).toMatch(/Export progress/);
    storage.failWrites = false;
    store.getState().completeStep('l', 2, 14);
    expect(store.getState().saveError).toBeNull();
    expect(storage.tab().getState().lessons.l?.completedSteps).toEqual([1, 2]);
  });

  it('a write that storage silently did not keep (read back differs) is reported too', () => {
    const map = new Map<string, string>();
    const store = createProgressStore(() => ({ getItem: (k) => map.get(k) ?? null, setItem: () => undefined, removeItem: (k) => void map.delete(k) }));
    store.getState().reach('l', 2);
    expect(store.getState().saveError).toMatch(/could not be saved in this browser \(it did not keep what was written\)/);
  });

  it('an import that cannot be stored says so', () => {
    const storage = sharedStorage();
    const store = storage.tab();
    storage.failWrites = true;
    expect(store.getState().importProgress({ lessons: { l: lesson(1, [1]) } })).toBe(false);
    expect(store.getState().saveError).toMatch(/could not be saved/);
  });
});

describe('recovery keeps its promise', () => {
  const big = saved({ lessons: { a: { furthestStep: 'x'.repeat(3_500_000) } } });

  it('unreadable progress too large to copy is moved to the backup key, which really holds it; the notice is short', () => {
    const storage = sharedStorage({ [PROGRESS_KEY]: big }, 5_000_000);
    const store = storage.tab();
    const { notice } = store.getState();
    expect(storage.map.get(PROGRESS_BACKUP_KEY)).toBe(big);
    expect(notice?.message).toContain(`under "${PROGRESS_BACKUP_KEY}"`);
    expect(notice?.message.length).toBeLessThan(800);
    expect(notice?.message).toMatch(/3500\d{3} characters in all/);
    store.getState().completeStep('b', 1, 3);
    expect(store.getState().saveError).toBeNull();
  });

  it('when no backup fits, nothing is deleted and the notice names no key: the old data stays until downloaded or discarded', () => {
    const storage = sharedStorage({ [PROGRESS_KEY]: big });
    const guarded = {
      getItem: storage.getItem,
      removeItem: storage.removeItem,
      setItem: (k: string, v: string) => {
        if (k === PROGRESS_BACKUP_KEY) throw new DOMException('full', 'QuotaExceededError');
        storage.setItem(k, v);
      },
    };
    const store = createProgressStore(() => guarded);
    const { notice } = store.getState();
    expect(storage.map.get(PROGRESS_KEY)).toBe(big);
    expect(storage.map.has(PROGRESS_BACKUP_KEY)).toBe(false);
    expect(notice?.message).not.toContain(PROGRESS_BACKUP_KEY);
    expect(notice?.message).toMatch(/could not be backed up/);
    expect(notice?.oldData).toBe(big);
    store.getState().completeStep('b', 1, 3);
    expect(storage.map.get(PROGRESS_KEY)).toBe(big); // still kept
    store.getState().releaseOldData();
    expect(storedLessons(storage)).toMatchObject({ b: { completedSteps: [1] } });
  });

  it('one bad lesson entry resets that lesson only; the good ones are kept and the notice names the bad one', () => {
    const text = saved({ lessons: { good: lesson(3, [1, 2]), bad: { furthestStep: 'three' }, worse: [] } });
    const storage = sharedStorage({ [PROGRESS_KEY]: text });
    const store = storage.tab();
    expect(store.getState().lessons.good?.completedSteps).toEqual([1, 2]);
    expect(store.getState().lessons.bad).toBeUndefined();
    const message = store.getState().notice?.message ?? '';
    expect(message).toMatch(/progress for 2 lesson\(s\) was reset/);
    expect(message).toMatch(/"bad": "furthestStep"/);
    expect(message).toMatch(/"worse": an array where an object belongs/);
    expect(message).toMatch(/progress for the other lesson\(s\) is kept/);
    expect(storage.map.get(PROGRESS_BACKUP_KEY)).toBe(text);
    expect(storedLessons(storage)).toMatchObject({ good: { completedSteps: [1, 2] } });
    expect(storage.tab().getState().notice).toBeNull();
  });
});

describe('imported progress is checked against the lessons that exist', () => {
  const steps = { 'http-forgets-you': 5, 'server-side-sessions': 9 };
  const file = (lessons: unknown) => JSON.stringify({ ...toProgressFile({ lessons: {} }), lessons });

  it('unknown lessons, arrays where objects belong, and impossible step numbers are refused or clamped, naming lesson and field', () => {
    const { data, notes } = parseProgressFile(
      file({
        'http-forgets-you': { furthestStep: 1e308, completedSteps: [-1, 0, 2, 6, 2.5], predictions: { 1: { choice: 'a', correct: true }, 9: { choice: 'b', correct: false } }, completed: false },
        'no-such-lesson': lesson(1, [1]),
        'server-side-sessions': [],
      }),
      steps,
    );
    expect(data.lessons).toEqual({ 'http-forgets-you': { ...lesson(5, [2]), predictions: { 1: { choice: 'a', correct: true } } } });
    expect(notes).toContain('"no-such-lesson": there is no such lesson; its progress was not imported');
    expect(notes).toContain('"server-side-sessions": an array where an object belongs; its progress was not imported');
    expect(notes).toContain('"http-forgets-you": "furthestStep" was 1e+308; the lesson has 5 steps, so it is now 5');
    expect(notes).toContain('"http-forgets-you": "completedSteps" had -1, 0, 6, 2.5, not steps of this 5-step lesson; they were left out');
    expect(notes).toContain('"http-forgets-you": "predictions" had step 9, not a step of this 5-step lesson; it was left out');
  });

  it('"lessons" that is an array, and a negative furthest step, are refused', () => {
    expect(() => parseProgressFile(file([]), steps)).toThrow(/"lessons" is an array where an object belongs/);
    const { data, notes } = parseProgressFile(file({ 'http-forgets-you': lesson(-3, []) }), steps);
    expect(data.lessons).toEqual({});
    expect(notes[0]).toMatch(/^"http-forgets-you": "furthestStep": /);
  });

  it('a very long unknown lesson ID is quoted only in part', () => {
    const { notes } = parseProgressFile(file({ ['z'.repeat(100_000)]: lesson(1, [1]) }), steps);
    expect(notes[0]!.length).toBeLessThan(400);
    expect(notes[0]).toMatch(/100000 characters in all/);
  });
});

/**
 * Lesson progress in localStorage: saved and read back, migrated between
 * format versions, and anything unreadable (bad JSON, a wrong shape, a newer
 * version) reset with a message that keeps the old text.
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_VERSION, ProgressError, migrateProgress, validateProgress } from '../../src/app/progress-data';
import { parseProgressFile, toProgressFile } from '../../src/app/progress-file';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY, createProgressStore } from '../../src/app/progress-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const saved = (state: unknown, version = PROGRESS_VERSION) => JSON.stringify({ state, version });

describe('progress store', () => {
  it('a first visit (nothing saved yet) starts with no progress and no reset notice', () => {
    const storage = memoryStorage();
    const store = createProgressStore(() => storage);
    expect(store.getState().notice).toBeNull();
    expect(store.getState().lessons).toEqual({});
    expect(storage.map.has(PROGRESS_BACKUP_KEY)).toBe(false);
  });

  it('records steps, answers and completion, and a new store over the same storage reads them back', () => {
    const storage = memoryStorage();
    const first = createProgressStore(() => storage);
    first.getState().reach('jwt-anatomy', 1);
    first.getState().answer('jwt-anatomy', 1, 'No', false);
    first.getState().answer('jwt-anatomy', 1, 'Yes', true); // only the first answer counts
    first.getState().completeStep('jwt-anatomy', 1, 2);
    expect(first.getState().lessons['jwt-anatomy']?.completed).toBe(false);
    first.getState().completeStep('jwt-anatomy', 2, 2);

    const second = createProgressStore(() => storage);
    expect(second.getState().notice).toBeNull();
    expect(second.getState().lessons['jwt-anatomy']).toEqual({
      furthestStep: 2,
      completedSteps: [1, 2],
      predictions: { 1: { choice: 'No', correct: false } },
      completed: true,
    });
  });

  it('resetting a lesson forgets its steps and answers but remembers it was completed', () => {
    const store = createProgressStore(() => memoryStorage());
    store.getState().answer('a', 1, 'x', true);
    store.getState().completeStep('a', 1, 1);
    store.getState().resetLesson('a');
    expect(store.getState().lessons.a).toEqual({ furthestStep: 0, completedSteps: [], predictions: {}, completed: true, resets: 1 });
  });

  const unreadable: [string, string, RegExp][] = [
    ['bad JSON', '{"state": {"lessons": ', /not valid JSON/],
    ['a wrong shape', saved({ lessons: { a: { furthestStep: 'three' } } }), /lesson\(s\) was reset because it could not be read: "a": "furthestStep": Invalid type/],
    ['no lessons object', saved({ lessons: [] }), /"lessons" is an array where an object belongs/],
    ['no envelope', JSON.stringify({ lessons: {} }), /not in the form AuthLab writes/],
    ['a future version', saved({ lessons: {}, streak: 5 }, PROGRESS_VERSION + 1), /from a newer AuthLab/],
  ];
  for (const [what, text, reason] of unreadable) {
    it(`saved progress with ${what} is reset with a message that keeps the old text`, () => {
      const storage = memoryStorage({ [PROGRESS_KEY]: text });
      const store = createProgressStore(() => storage);
      const { notice, lessons } = store.getState();
      expect(lessons).toEqual({});
      expect(notice?.message).toMatch(reason);
      expect(notice?.message).toMatch(/was reset/);
      expect(notice?.oldData).toBe(text);
      expect(storage.map.get(PROGRESS_BACKUP_KEY)).toBe(text);
      // The fresh state replaced it, so the next visit starts cleanly without a message.
      expect(createProgressStore(() => storage).getState().notice).toBeNull();
    });
  }

  it('storage that throws on reading gives a message, not a crash', () => {
    const broken = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => undefined, removeItem: () => undefined };
    const store = createProgressStore(() => broken);
    expect(store.getState().notice?.message).toMatch(/could not be read \(SecurityError\)/);
  });
});

describe('progress migration and files', () => {
  it('applies each migration in turn from the saved version to the current one, then validates', () => {
    const migrations = {
      0: (s: unknown) => ({ lessons: Object.fromEntries((s as { done: string[] }).done.map((id) => [id, { steps: [1] }])) }),
      1: (s: unknown) => ({
        lessons: Object.fromEntries(
          Object.entries((s as { lessons: Record<string, { steps: number[] }> }).lessons).map(([id, p]) => [
            id,
            { furthestStep: Math.max(...p.steps), completedSteps: p.steps, predictions: {}, completed: false },
          ]),
        ),
      }),
    };
    expect(migrateProgress({ done: ['x'] }, 0, migrations, 2)).toEqual({
      lessons: { x: { furthestStep: 1, completedSteps: [1], predictions: {}, completed: false } },
    });
    expect(() => migrateProgress({}, 0, {}, 1)).toThrow(/cannot convert/);
    expect(() => migrateProgress({}, -1)).toThrow(ProgressError);
  });

  it('validation names where the shape is wrong', () => {
    expect(() => validateProgress({ lessons: { a: { furthestStep: 1, completedSteps: [0], predictions: {}, completed: false } } })).toThrow(
      /lessons\.a\.completedSteps\.0/,
    );
    expect(() => validateProgress(null)).toThrow(ProgressError);
  });

  it('an exported file imports to the same data; a bad file says what is wrong', () => {
    const data = { lessons: { a: { furthestStep: 2, completedSteps: [1], predictions: { 1: { choice: 'x', correct: true } }, completed: false } } };
    const steps = { a: 3 };
    expect(parseProgressFile(JSON.stringify(toProgressFile(data)), steps)).toEqual({ data, notes: [] });
    expect(() => parseProgressFile('not json', steps)).toThrow(/not JSON/);
    expect(() => parseProgressFile('{"lessons": {}}', steps)).toThrow(/not an AuthLab progress export/);
    expect(() => parseProgressFile(JSON.stringify({ ...toProgressFile(data), version: 99 }), steps)).toThrow(/newer AuthLab/);
    expect(parseProgressFile(JSON.stringify({ ...toProgressFile(data), lessons: { a: { completed: 'yes' } } }), steps).notes).toEqual([
      '"a": "furthestStep": Invalid key: Expected "furthestStep" but received undefined; its progress was not imported',
    ]);
  });
});

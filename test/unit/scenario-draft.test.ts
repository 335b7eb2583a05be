/**
 * The learner's own scenario survives a reload; anything unusable in
 * storage (damaged, from a newer version, storage blocked or full) becomes a
 * sentence and the example, never a blank editor or an exception.
 */
import { describe, expect, it } from 'vitest';
import { DRAFT_STORAGE_KEY, EXAMPLE_SCENARIO, editorFileName, loadDraft, saveDraft } from '../../src/app/scenario-draft';
import { lineColOf, offsetOf } from '../../src/app/text-position';
import { parseSource } from '../../src/app/lesson-catalog';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

const blocked = {
  getItem(): string | null {
    throw new DOMException('blocked', 'SecurityError');
  },
  setItem(): void {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

describe('the scenario draft', () => {
  it('starts with the example, which parses', () => {
    expect(loadDraft(memoryStorage())).toEqual({ text: EXAMPLE_SCENARIO });
    expect(loadDraft(undefined)).toEqual({ text: EXAMPLE_SCENARIO });
    expect(parseSource(editorFileName(EXAMPLE_SCENARIO), EXAMPLE_SCENARIO).diagnostics).toEqual([]);
  });

  it('what is saved is what loads after a reload', () => {
    const storage = memoryStorage();
    const text = 'title: Mine\n# ünïcødé\nscenarios: []\n';
    expect(saveDraft(storage, text)).toBeUndefined();
    expect(loadDraft(storage)).toEqual({ text });
    expect(saveDraft(storage, '')).toBeUndefined();
    expect(loadDraft(storage)).toEqual({ text: '' });
  });

  it('a damaged or foreign saved value gives a sentence and the example', () => {
    for (const raw of ['{"version":1,"text":', 'not json', '42', 'null', '{"version":1,"text":7}', '{"text":"x"}', '{"version":0,"text":"x"}']) {
      const loaded = loadDraft(memoryStorage({ [DRAFT_STORAGE_KEY]: raw }));
      expect(loaded, raw).toEqual({
        text: EXAMPLE_SCENARIO,
        problem: expect.stringMatching(/^Your saved scenario was damaged and could not be read; the example is shown instead\. .*download it first/),
        // The value exactly as saved, so it can be downloaded before anything replaces it.
        unreadable: { raw, kind: 'damaged' },
      });
    }
  });

  it('a value from a newer version is not mistaken for damage', () => {
    const loaded = loadDraft(memoryStorage({ [DRAFT_STORAGE_KEY]: '{"version":2,"text":"x","more":true}' }));
    expect(loaded.problem).toMatch(/written by a newer AuthLab \(format 2\)/);
    expect(loaded.text).toBe(EXAMPLE_SCENARIO);
    expect(loaded.unreadable).toEqual({ raw: '{"version":2,"text":"x","more":true}', kind: 'newer' });
  });

  it('blocked or full storage is said, not thrown', () => {
    expect(loadDraft(blocked).problem).toMatch(/blocks storage/);
    expect(loadDraft(blocked).unreadable).toBeUndefined();
    expect(saveDraft(blocked, 'x')).toMatch(/could not be saved/);
  });

  it('the editor reads a text with front matter and scenario blocks as a lesson, anything else as a scenario file', () => {
    expect(editorFileName(EXAMPLE_SCENARIO)).toBe('my-scenario.scenario.yaml');
    expect(editorFileName('---\nid: x\n---\n\n```scenario\nsteps: []\n```\n')).toBe('my-lesson.md');
    expect(editorFileName('---\ntitle: a YAML document marker\nscenarios: []\n')).toBe('my-scenario.scenario.yaml');
  });
});

describe('text positions', () => {
  const text = 'ab\ncdef\n\ng';
  it('line and column to offset and back', () => {
    for (let offset = 0; offset <= text.length; offset += 1) {
      const { line, col } = lineColOf(text, offset);
      expect(offsetOf(text, line, col)).toBe(offset);
    }
    expect(lineColOf(text, 3)).toEqual({ line: 2, col: 1 });
    expect(lineColOf(text, text.length)).toEqual({ line: 4, col: 2 });
  });

  it('positions past a line or the text are clamped', () => {
    expect(offsetOf(text, 1, 99)).toBe(2);
    expect(offsetOf(text, 99, 1)).toBe(text.length);
    expect(offsetOf(text, 2, 0)).toBe(3);
  });
});

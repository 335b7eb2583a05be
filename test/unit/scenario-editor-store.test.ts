/**
 * The editor's store with a storage in memory and fake timers: the text is
 * parsed after a pause in typing (not on every keystroke) but saved at
 * once; a shared link's text is a copy that never writes over the learner's
 * draft; another tab's save is warned about; a refused write is said.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogEntry } from '../../src/app/lesson-catalog';
import { DRAFT_STORAGE_KEY, EXAMPLE_SCENARIO, SHARED_COPY_STORAGE_KEY } from '../../src/app/scenario-draft';
import { PARSE_DELAY_MS, createScenarioEditorStore } from '../../src/app/scenario-editor-store';
import { encodeShare } from '../../src/app/share-link';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  let full = false;
  const storage = {
    getItem: (key: string) => data.get(key) ?? null,
    setItem(key: string, value: string) {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(key, value);
    },
    removeItem: (key: string) => void data.delete(key),
    fill: () => void (full = true),
    data,
  };
  return storage;
}

const saved = (text: string) => JSON.stringify({ version: 1, text });
const textIn = (storage: ReturnType<typeof memoryStorage>, key = DRAFT_STORAGE_KEY) => (JSON.parse(storage.data.get(key) ?? 'null') as { text: string } | null)?.text;

function editorOn(storage: ReturnType<typeof memoryStorage>) {
  // A stand-in parser: '!!' is a mistake, anything else parses (as nothing the store looks into).
  const parse = vi.fn(
    (text: string): CatalogEntry =>
      text.includes('!!')
        ? { file: 'my-scenario.scenario.yaml', diagnostics: [{ file: 'my-scenario.scenario.yaml', message: 'bad', line: 1, col: 1 }] }
        : { file: 'my-scenario.scenario.yaml', parsed: {} as CatalogEntry['parsed'], diagnostics: [] },
  );
  let param: string | null = null;
  const store = createScenarioEditorStore({
    storage: () => storage as unknown as Storage,
    parse,
    setParam: (p) => void (param = p),
    currentParam: () => param,
    runEntry: async () => undefined,
  });
  return { store, parse, param: () => param };
}

async function paramFor(text: string): Promise<string> {
  const encoded = await encodeShare(text);
  if (!encoded.ok) throw new Error(encoded.message);
  return encoded.value;
}

const MINE = 'title: Mine\nscenarios: []\n';
const SHARED = 'title: Theirs\nscenarios: []\n';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('parsing while typing', () => {
  it('parses once after a pause in typing, not on every keystroke, and saves every keystroke at once', () => {
    const storage = memoryStorage();
    const { store, parse } = editorOn(storage);
    parse.mockClear();
    for (const text of ['t', 'ti', 'tit', 'titl!!']) {
      store.getState().setText(text);
      expect(textIn(storage)).toBe(text);
      vi.advanceTimersByTime(PARSE_DELAY_MS - 50);
    }
    expect(parse).not.toHaveBeenCalled();
    expect(store.getState().entry.diagnostics).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(parse).toHaveBeenLastCalledWith('titl!!');
    expect(store.getState().entry.diagnostics).toHaveLength(1);
  });

  it('Run parses the text as it is now, without waiting for the pause', async () => {
    const { store, parse } = editorOn(memoryStorage());
    store.getState().setText(MINE);
    await store.getState().run();
    expect(parse).toHaveBeenLastCalledWith(MINE);
    expect(store.getState().ran?.text).toBe(MINE);
  });
});

describe('a shared link and the learner\'s own draft', () => {
  it('editing the shared text saves a copy beside the draft; the way back and the notice stay true', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    await store.getState().openLink(await paramFor(SHARED));
    store.getState().setText(`${SHARED}#`);
    expect(textIn(storage)).toBe(MINE);
    expect(textIn(storage, SHARED_COPY_STORAGE_KEY)).toBe(`${SHARED}#`);
    expect(store.getState()).toMatchObject({ sharedCopy: true, ownText: MINE, notice: { text: expect.stringMatching(/Your own scenario is still saved/) } });

    // A reload opens the copy, still apart.
    const reloaded = editorOn(storage).store;
    expect(reloaded.getState()).toMatchObject({ text: `${SHARED}#`, sharedCopy: true, ownText: MINE });
    reloaded.getState().restoreOwnText();
    expect(reloaded.getState()).toMatchObject({ text: MINE, sharedCopy: false });
    expect(storage.data.has(SHARED_COPY_STORAGE_KEY)).toBe(false);
  });

  it('only Keep makes the shared copy the draft', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    await store.getState().openLink(await paramFor(SHARED));
    store.getState().keepSharedCopy();
    expect(textIn(storage)).toBe(SHARED);
    expect(store.getState()).toMatchObject({ sharedCopy: false, ownText: null });
    store.getState().setText(`${SHARED}#`);
    expect(textIn(storage)).toBe(`${SHARED}#`);
  });

  it('with nothing of the learner\'s saved, the shared text simply becomes the draft', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(EXAMPLE_SCENARIO) });
    const { store } = editorOn(storage);
    await store.getState().openLink(await paramFor(SHARED));
    expect(store.getState()).toMatchObject({ sharedCopy: false, ownText: null, notice: { text: 'Opened the scenario from the link. Press Run to run it.' } });
    store.getState().setText(`${SHARED}#`);
    expect(textIn(storage)).toBe(`${SHARED}#`);
  });

  it('a damaged draft is kept apart from a link too, and still offered for download', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: '{"version":1,' });
    const { store } = editorOn(storage);
    expect(store.getState().unreadable).toMatchObject({ raw: '{"version":1,', kind: 'damaged', replaced: false });
    await store.getState().openLink(await paramFor(SHARED));
    store.getState().setText(`${SHARED}#`);
    expect(storage.data.get(DRAFT_STORAGE_KEY)).toBe('{"version":1,');
    expect(store.getState()).toMatchObject({ sharedCopy: true, ownText: null, unreadable: { replaced: false } });
  });

  it('text that could not be saved is what "bring back" returns after a link is opened', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    storage.fill();
    store.getState().setText(`${MINE}# unsaved\n`);
    expect(store.getState().saveProblem).toMatch(/could not be saved/);
    await store.getState().openLink(await paramFor(SHARED));
    expect(store.getState().ownText).toBe(`${MINE}# unsaved\n`);
  });
});

describe('another tab', () => {
  it('a different draft saved elsewhere is warned about, and nothing here is saved over it until the learner chooses', () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    storage.data.set(DRAFT_STORAGE_KEY, saved('title: other tab\n'));
    store.getState().otherTabSaved(saved('title: other tab\n'));
    expect(store.getState().otherTab).toEqual({ text: 'title: other tab\n' });
    store.getState().setText(`${MINE}#`);
    expect(textIn(storage)).toBe('title: other tab\n');
    store.getState().keepThisTab();
    expect(textIn(storage)).toBe(`${MINE}#`);
    expect(store.getState().otherTab).toBeNull();
  });

  it('loading the other version shows it; the same text or a removal are handled', () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    store.getState().otherTabSaved(saved(MINE));
    expect(store.getState().otherTab).toBeNull();
    store.getState().otherTabSaved(null);
    expect(store.getState().otherTab).toEqual({ text: null });
    store.getState().otherTabSaved(saved('title: b\n'));
    store.getState().loadOtherTab();
    expect(store.getState()).toMatchObject({ text: 'title: b\n', otherTab: null });
  });

  it('while a shared copy is edited, the draft saved elsewhere becomes the one to bring back', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    await store.getState().openLink(await paramFor(SHARED));
    store.getState().otherTabSaved(saved('title: newer mine\n'));
    expect(store.getState()).toMatchObject({ otherTab: null, ownText: 'title: newer mine\n' });
  });
});

describe('a refused write', () => {
  it('is said for the draft and for a shared copy, and cleared by the next write that works', async () => {
    const storage = memoryStorage({ [DRAFT_STORAGE_KEY]: saved(MINE) });
    const { store } = editorOn(storage);
    storage.fill();
    store.getState().setText('a');
    expect(store.getState().saveProblem).toMatch(/could not be saved in this browser/);
    await store.getState().openLink(await paramFor(SHARED));
    store.getState().setText(`${SHARED}#`);
    expect(store.getState().saveProblem).toMatch(/could not be saved in this browser/);
    store.getState().keepSharedCopy();
    expect(store.getState()).toMatchObject({ sharedCopy: true, saveProblem: expect.stringMatching(/could not be saved/) });
  });
});

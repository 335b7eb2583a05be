/**
 * The learner's own scenario in this page: the store of
 * scenario-editor-store.ts on this browser's localStorage, the address and
 * the editor's runner, told when another tab saves the draft. Loaded with
 * the scenarios page, never in the first bundle.
 */
import { useStore } from 'zustand';
import { browserWorldHost, parseSource } from './lesson-catalog';
import { DRAFT_STORAGE_KEY, editorFileName } from './scenario-draft';
import { createScenarioEditorStore, type ScenarioEditorState } from './scenario-editor-store';
import { useScenarioLink } from './scenario-link';
import { createScenarioRuns } from './scenario-runs';

export type { Notice, ScenarioEditorState } from './scenario-editor-store';

/** The editor's runs, separate from the catalog's so a run of one never resets the other. */
export const editorRuns = createScenarioRuns(browserWorldHost);

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export const scenarioEditor = createScenarioEditorStore({
  storage,
  parse: (text) => parseSource(editorFileName(text), text),
  setParam: (param) => useScenarioLink.getState().setParam(param),
  currentParam: () => useScenarioLink.getState().param,
  runEntry: async (entry) => {
    if (entry.parsed) await editorRuns.getState().run([{ file: entry.file, parsed: entry.parsed }]);
  },
});

/** The editor's state in React (as `useScenarioEditor()` or with a selector); `.getState()` outside it. */
export function useScenarioEditor(): ScenarioEditorState;
export function useScenarioEditor<T>(select: (state: ScenarioEditorState) => T): T;
export function useScenarioEditor<T>(select?: (state: ScenarioEditorState) => T) {
  return useStore(scenarioEditor, select ?? ((s) => s as T));
}
useScenarioEditor.getState = scenarioEditor.getState;

/** Reads links as url-sync reports them (at start, or when one is followed while the page is open). */
function takeOpenedLink(): void {
  const { opened, taken } = useScenarioLink.getState();
  if (opened === null) return;
  taken();
  void scenarioEditor.getState().openLink(opened);
}
useScenarioLink.subscribe(takeOpenedLink);
takeOpenedLink();

// Another tab saved (or removed) the draft: this tab warns instead of writing over it on the next keystroke.
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.storageArea !== storage()) return;
  if (event.key === DRAFT_STORAGE_KEY || event.key === null) scenarioEditor.getState().otherTabSaved(event.key === null ? null : event.newValue);
});

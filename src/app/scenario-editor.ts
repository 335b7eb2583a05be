/**
 * The learner's own scenario: its text (saved in localStorage as it is
 * typed), the parser's verdict on it, sharing it as a link and opening a
 * shared one. Loaded with the scenarios page, never in the first bundle.
 */
import { create } from 'zustand';
import { browserWorldHost, parseSource, type CatalogEntry } from './lesson-catalog';
import { EXAMPLE_SCENARIO, editorFileName, loadDraft, saveDraft } from './scenario-draft';
import { useScenarioLink } from './scenario-link';
import { createScenarioRuns } from './scenario-runs';
import { decodeShare, encodeShare } from './share-link';

export interface Notice {
  kind: 'info' | 'problem';
  text: string;
}

export interface ScenarioEditorState {
  text: string;
  /** The parse of `text`, with file:line:col diagnostics. */
  entry: CatalogEntry;
  /** What the last run ran: its report maps onto this parse, and says so when the editor has changed since. */
  ran: { text: string; entry: CatalogEntry } | null;
  /** About the saved text or an opened link (damaged, too long, opened). */
  notice: Notice | null;
  /** After opening a shared link: the learner's own saved text, to bring back. */
  ownText: string | null;
  sharing: { status: 'idle' | 'working' } | { status: 'shared'; param: string } | { status: 'failed'; message: string };
  setText(text: string): void;
  run(): Promise<void>;
  share(): Promise<void>;
  /** Reads a link the page was opened with; `param` is still encoded. */
  openLink(param: string): Promise<void>;
  restoreOwnText(): void;
  dismissNotice(): void;
}

/** The editor's runs, separate from the catalog's so a run of one never resets the other. */
export const editorRuns = createScenarioRuns(browserWorldHost);

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const parse = (text: string) => parseSource(editorFileName(text), text);

const initial = loadDraft(storage());

export const useScenarioEditor = create<ScenarioEditorState>()((set, get) => ({
  text: initial.text,
  entry: parse(initial.text),
  ran: null,
  notice: initial.problem ? { kind: 'problem', text: initial.problem } : null,
  ownText: null,
  sharing: { status: 'idle' },

  setText(text) {
    if (text === get().text) return;
    const problem = saveDraft(storage(), text);
    set({
      text,
      entry: parse(text),
      ownText: null,
      sharing: { status: 'idle' },
      ...(problem ? { notice: { kind: 'problem', text: problem } } : {}),
    });
    // The address no longer describes the text: a reload opens the saved draft, not the old link.
    useScenarioLink.getState().setParam(null);
  },

  async run() {
    const { entry, text } = get();
    if (!entry.parsed) return;
    set({ ran: { text, entry } });
    await editorRuns.getState().run([{ file: entry.file, parsed: entry.parsed }]);
  },

  async share() {
    const text = get().text;
    set({ sharing: { status: 'working' } });
    const result = await encodeShare(text);
    if (get().text !== text) return; // edited meanwhile: that text is not what was shared
    if (!result.ok) {
      set({ sharing: { status: 'failed', message: result.message } });
      return;
    }
    set({ sharing: { status: 'shared', param: result.value } });
    useScenarioLink.getState().setParam(result.value);
  },

  async openLink(param) {
    const result = await decodeShare(param);
    if (!result.ok) {
      set({ notice: { kind: 'problem', text: result.message } });
      if (useScenarioLink.getState().param === param) useScenarioLink.getState().setParam(null);
      return;
    }
    // The learner's own text stays saved and can come back: the link's text is saved only once it is edited.
    const own = loadDraft(storage());
    const ownText = !own.problem && own.text !== result.value && own.text !== EXAMPLE_SCENARIO ? own.text : null;
    set({
      text: result.value,
      entry: parse(result.value),
      ownText,
      sharing: { status: 'shared', param },
      notice: { kind: 'info', text: `Opened the scenario from the link. Press Run to run it.${ownText ? ' Your own scenario is still saved in this browser.' : ''}` },
    });
  },

  restoreOwnText() {
    const own = get().ownText;
    if (own === null) return;
    set({ text: own, entry: parse(own), ownText: null, notice: null, sharing: { status: 'idle' } });
    useScenarioLink.getState().setParam(null);
  },

  dismissNotice() {
    set({ notice: null });
  },
}));

/** Reads links as url-sync reports them (at start, or when one is followed while the page is open). */
function takeOpenedLink(): void {
  const { opened, taken } = useScenarioLink.getState();
  if (opened === null) return;
  taken();
  void useScenarioEditor.getState().openLink(opened);
}
useScenarioLink.subscribe(takeOpenedLink);
takeOpenedLink();

/**
 * The learner's own scenario as a store, with everything it depends on
 * passed in (storage, the parser, the address, the runner) so unit tests can
 * drive it with fake timers and a storage that fails. What a learner saved
 * is never lost silently: a shared link's text is a copy kept apart from the
 * draft, a draft another tab changed is warned about, an unreadable saved
 * value is offered for download, and a refused write is said.
 */
import { createStore } from 'zustand/vanilla';
import type { CatalogEntry } from './lesson-catalog';
import {
  EXAMPLE_SCENARIO,
  dropSharedCopy,
  loadDraft,
  loadSharedCopy,
  readDraftValue,
  replacedMessage,
  saveDraft,
  saveSharedCopy,
  type UnreadableDraft,
} from './scenario-draft';
import { decodeShare, encodeShare } from './share-link';

export interface Notice {
  kind: 'info' | 'problem';
  text: string;
}

export interface ScenarioEditorState {
  text: string;
  /** The parse of `entryText`, with file:line:col diagnostics; it follows `text` after a pause in typing. */
  entry: CatalogEntry;
  entryText: string;
  /** What the last run ran: its report maps onto this parse, and says so when the editor has changed since. */
  ran: { text: string; entry: CatalogEntry } | null;
  /** About an opened link (damaged, too long, opened). */
  notice: Notice | null;
  /** The text is a copy of a shared scenario: edits are saved apart from the learner's draft until they keep it. */
  sharedCopy: boolean;
  /** While `sharedCopy`: the learner's own saved text, to bring back (null when there is none to bring back). */
  ownText: string | null;
  /** The browser refused the last write; cleared by the next one that succeeds. */
  saveProblem: string | null;
  /** A saved value that could not be read, kept for download until dismissed. */
  unreadable: (UnreadableDraft & { message: string; replaced: boolean }) | null;
  /** Another tab saved a different draft; `text` is null when it removed it or saved something unreadable. Saving here waits for the learner's choice. */
  otherTab: { text: string | null } | null;
  sharing: { status: 'idle' | 'working' } | { status: 'shared'; param: string } | { status: 'failed'; message: string };
  setText(text: string): void;
  /** Parses now if a parse is still waiting for a pause in typing. */
  flushParse(): void;
  run(): Promise<void>;
  share(): Promise<void>;
  /** Reads a link the page was opened with; `param` is still encoded. */
  openLink(param: string): Promise<void>;
  restoreOwnText(): void;
  /** Makes the shared copy the learner's own draft (their choice, never automatic). */
  keepSharedCopy(): void;
  /** Another tab wrote the draft key: `raw` as storage holds it now (null if removed). */
  otherTabSaved(raw: string | null): void;
  loadOtherTab(): void;
  keepThisTab(): void;
  dismissNotice(): void;
  dismissUnreadable(): void;
}

export interface ScenarioEditorDeps {
  storage(): Storage | undefined;
  parse(text: string): CatalogEntry;
  /** The address should carry this link parameter, or none. */
  setParam(param: string | null): void;
  /** The link parameter the address carries now. */
  currentParam(): string | null;
  runEntry(entry: CatalogEntry): Promise<void>;
  /** How long typing must pause before the text is parsed again. */
  parseDelayMs?: number;
}

/** Long enough to skip the keystrokes of fluent typing, short enough to feel immediate. */
export const PARSE_DELAY_MS = 250;

const OPENED = 'Opened the scenario from the link. Press Run to run it.';

/** A learner's own draft worth keeping apart from a link: anything saved except the untouched example. */
const ownWorthKeeping = (own: { text: string; problem?: string }) => own.problem !== undefined || own.text !== EXAMPLE_SCENARIO;

export function createScenarioEditorStore(deps: ScenarioEditorDeps) {
  const delay = deps.parseDelayMs ?? PARSE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const own = loadDraft(deps.storage());
  const copy = loadSharedCopy(deps.storage());
  const text = copy ?? own.text;

  return createStore<ScenarioEditorState>()((set, get) => {
    const parsed = (value: string) => {
      clearTimeout(timer);
      return { entry: deps.parse(value), entryText: value };
    };

    /** Saves where the text belongs now (the draft, or the shared copy); an unreadable saved value is marked replaced once the draft is written. */
    const save = (value: string): Partial<ScenarioEditorState> => {
      const { sharedCopy, unreadable } = get();
      const problem = sharedCopy ? saveSharedCopy(deps.storage(), value) : saveDraft(deps.storage(), value);
      const replaced = !problem && !sharedCopy && unreadable && !unreadable.replaced;
      return {
        saveProblem: problem ?? null,
        ...(replaced ? { unreadable: { ...unreadable, replaced: true, message: replacedMessage(unreadable.kind) } } : {}),
      };
    };

    return {
      text,
      entry: deps.parse(text),
      entryText: text,
      ran: null,
      notice: own.problem && !own.unreadable ? { kind: 'problem', text: own.problem } : null,
      sharedCopy: copy !== null,
      ownText: copy !== null && !own.problem && ownWorthKeeping(own) ? own.text : null,
      saveProblem: null,
      unreadable: own.unreadable && own.problem ? { ...own.unreadable, message: own.problem, replaced: false } : null,
      otherTab: null,
      sharing: { status: 'idle' },

      setText(value) {
        if (value === get().text) return;
        // While another tab's version waits for a choice, nothing here is saved over it.
        const saved = get().otherTab ? {} : save(value);
        set({ text: value, sharing: { status: 'idle' }, ...saved });
        clearTimeout(timer);
        timer = setTimeout(() => get().flushParse(), delay);
        // The address no longer describes the text: a reload opens what was saved, not the old link.
        deps.setParam(null);
      },

      flushParse() {
        const { text: now, entryText } = get();
        if (now !== entryText) set(parsed(now));
        else clearTimeout(timer);
      },

      async run() {
        get().flushParse();
        const { entry, text: now } = get();
        if (!entry.parsed) return;
        set({ ran: { text: now, entry } });
        await deps.runEntry(entry);
      },

      async share() {
        const now = get().text;
        set({ sharing: { status: 'working' } });
        const result = await encodeShare(now);
        if (get().text !== now) return; // edited meanwhile: that text is not what was shared
        if (!result.ok) {
          set({ sharing: { status: 'failed', message: result.message } });
          return;
        }
        set({ sharing: { status: 'shared', param: result.value } });
        deps.setParam(result.value);
      },

      async openLink(param) {
        const result = await decodeShare(param);
        if (!result.ok) {
          set({ notice: { kind: 'problem', text: result.message } });
          if (deps.currentParam() === param) deps.setParam(null);
          return;
        }
        // The learner's own draft stays as it is saved: the link's text, once edited, is saved as a copy beside it.
        const { sharedCopy, saveProblem, otherTab, text: now } = get();
        // Text typed here but not saved (refused, or waiting on another tab's version) is the learner's own to bring back.
        const unsaved = !sharedCopy && (saveProblem !== null || otherTab !== null) && now !== result.value;
        const mine = sharedCopy ? null : unsaved ? { text: now } : loadDraft(deps.storage());
        const apart = sharedCopy || (mine !== null && ownWorthKeeping(mine) && mine.text !== result.value);
        const ownText = mine && !mine.problem && apart ? mine.text : get().ownText;
        set({
          text: result.value,
          ...parsed(result.value),
          sharedCopy: apart,
          ownText: apart ? ownText : null,
          otherTab: null,
          sharing: { status: 'shared', param },
          notice: { kind: 'info', text: `${OPENED}${apart && ownText !== null ? ' Your own scenario is still saved in this browser.' : ''}` },
        });
      },

      restoreOwnText() {
        const mine = get().ownText;
        if (mine === null) return;
        dropSharedCopy(deps.storage());
        set({ text: mine, ...parsed(mine), sharedCopy: false, ownText: null, notice: null, saveProblem: null, sharing: { status: 'idle' } });
        deps.setParam(null);
      },

      keepSharedCopy() {
        if (!get().sharedCopy) return;
        const problem = saveDraft(deps.storage(), get().text);
        if (problem) {
          set({ saveProblem: problem });
          return;
        }
        dropSharedCopy(deps.storage());
        set({ sharedCopy: false, ownText: null, saveProblem: null, notice: { kind: 'info', text: 'This scenario is now your own, saved in this browser.' } });
      },

      otherTabSaved(raw) {
        const theirs = readDraftValue(raw);
        const readable = raw !== null && !theirs.problem;
        if (get().sharedCopy) {
          // Not editing the draft here: the one to bring back is simply the newest.
          if (readable) set({ ownText: ownWorthKeeping(theirs) ? theirs.text : null });
          return;
        }
        if (readable && theirs.text === get().text) set({ otherTab: null });
        else set({ otherTab: { text: readable ? theirs.text : null } });
      },

      loadOtherTab() {
        const theirs = get().otherTab?.text;
        if (theirs === undefined || theirs === null) return;
        set({ text: theirs, ...parsed(theirs), otherTab: null, saveProblem: null, sharing: { status: 'idle' } });
        deps.setParam(null);
      },

      keepThisTab() {
        if (!get().otherTab) return;
        set({ otherTab: null });
        set(save(get().text));
      },

      dismissNotice() {
        set({ notice: null });
      },

      dismissUnreadable() {
        set({ unreadable: null });
      },
    };
  });
}


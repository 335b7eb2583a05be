/**
 * The learner's own scenario text, kept in localStorage so a reload never
 * loses it. The saved value has a version; anything else found there (a
 * damaged value, another app's, an unknown version) is reported in a
 * sentence and the example is shown, never a blank page.
 */

const KEY = 'authlab.scenario-draft';
const VERSION = 1;

/** What the editor opens with before the learner has written anything. */
export const EXAMPLE_SCENARIO = `# Change a step or a check, then press Run. Every step and check is in lessons/README.md.
title: My scenario
scenarios:
  - name: a script cannot read the session cookie, and logging out deletes the session on the server
    world: { session: { idleTimeoutMs: 900000 } }
    steps:
      - alice: log in
        expect: { status: 200, alice flow: signedIn }
      - mallory: run script in alice's page
        expect:
          mallory stolen cookies: []
      - clock: +10 min
      - alice: view account
        expect:
          status: 200
          body.user.username: alice
      - alice: log out
        # Clearing the cookie alone would leave the row, and any copy of the ID would still work.
        expect: { status: 200, store sessions rows: 0 }
      - alice: send GET /me
        expect: { status: 401, error: not_authenticated }
`;

/** The name errors and reports give the learner's text: a whole lesson if it starts with front matter, else a scenario file. */
export function editorFileName(text: string): string {
  return /^---[ \t]*\r?\n/.test(text) && text.includes('```scenario') ? 'my-lesson.md' : 'my-scenario.scenario.yaml';
}

/** A saved value that exists but cannot be used: kept so the learner can download it before anything replaces it. */
export interface UnreadableDraft {
  /** The saved value exactly as storage holds it. */
  raw: string;
  kind: 'damaged' | 'newer';
}

export interface LoadedDraft {
  text: string;
  /** Set when a saved value existed but could not be used. */
  problem?: string;
  /** Set when that value could be read from storage, so it can be offered for download. */
  unreadable?: UnreadableDraft;
}

type Store = Pick<Storage, 'getItem'>;
type WritableStore = Pick<Storage, 'setItem' | 'removeItem'>;

const BLOCKED = 'Your saved scenario could not be read because this browser blocks storage here; the example is shown, and changes will not be kept.';

/** What a saved value (as storage holds it, or null for none) gives the editor; also used for values another tab saved. */
export function readDraftValue(raw: string | null): LoadedDraft {
  if (raw === null) return { text: EXAMPLE_SCENARIO };
  try {
    const saved: unknown = JSON.parse(raw);
    if (typeof saved === 'object' && saved !== null && 'version' in saved && 'text' in saved) {
      const { version, text } = saved as { version: unknown; text: unknown };
      if (version === VERSION && typeof text === 'string') return { text };
      if (typeof version === 'number' && version > VERSION) {
        return {
          text: EXAMPLE_SCENARIO,
          problem: `Your saved scenario was written by a newer AuthLab (format ${version}); the example is shown instead. Saving here will replace it, so download it first if you want to keep it.`,
          unreadable: { raw, kind: 'newer' },
        };
      }
    }
  } catch {
    // Not JSON: fall through to the message below.
  }
  return {
    text: EXAMPLE_SCENARIO,
    problem: 'Your saved scenario was damaged and could not be read; the example is shown instead. Saving here will replace it, so download it first if you want to keep it.',
    unreadable: { raw, kind: 'damaged' },
  };
}

/** What the learner's scenario becomes once an unreadable saved value has been replaced by their typing. */
export function replacedMessage(kind: UnreadableDraft['kind']): string {
  return kind === 'damaged'
    ? 'Your saved scenario was damaged, and has been replaced by what you typed; the damaged value can still be downloaded until you leave this page.'
    : 'Your saved scenario from a newer AuthLab has been replaced by what you typed; it can still be downloaded until you leave this page.';
}

function read(storage: Store | undefined, key: string): LoadedDraft {
  let raw: string | null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return { text: EXAMPLE_SCENARIO, problem: BLOCKED };
  }
  return readDraftValue(raw);
}

export function loadDraft(storage: Store | undefined): LoadedDraft {
  return read(storage, KEY);
}

const NOT_SAVED = 'Your scenario could not be saved in this browser (storage is full or blocked); copy it somewhere before you leave.';

function write(storage: Pick<Storage, 'setItem'> | undefined, key: string, text: string): string | undefined {
  try {
    storage?.setItem(key, JSON.stringify({ version: VERSION, text }));
    return undefined;
  } catch {
    return NOT_SAVED;
  }
}

/** Saves the text; returns a sentence if the browser refused (full or blocked storage). */
export function saveDraft(storage: Pick<Storage, 'setItem'> | undefined, text: string): string | undefined {
  return write(storage, KEY, text);
}

export const DRAFT_STORAGE_KEY = KEY;

/**
 * A scenario opened from a link and then edited is a copy, saved under its
 * own key: it never writes over the learner's draft until they choose to
 * keep it as their own, and it survives a reload until they do.
 */
export const SHARED_COPY_STORAGE_KEY = 'authlab.scenario-shared-copy';

/** The edited shared copy, or null when there is none (or it cannot be read: it was only ever a copy). */
export function loadSharedCopy(storage: Store | undefined): string | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(SHARED_COPY_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
  const copy = readDraftValue(raw);
  return raw === null || copy.problem ? null : copy.text;
}

export function saveSharedCopy(storage: Pick<Storage, 'setItem'> | undefined, text: string): string | undefined {
  return write(storage, SHARED_COPY_STORAGE_KEY, text);
}

export function dropSharedCopy(storage: WritableStore | undefined): void {
  try {
    storage?.removeItem(SHARED_COPY_STORAGE_KEY);
  } catch {
    // Blocked storage never held a copy.
  }
}

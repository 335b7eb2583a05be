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

export interface LoadedDraft {
  text: string;
  /** Set when a saved value existed but could not be used. */
  problem?: string;
}

type Store = Pick<Storage, 'getItem'>;

export function loadDraft(storage: Store | undefined): LoadedDraft {
  let raw: string | null;
  try {
    raw = storage?.getItem(KEY) ?? null;
  } catch {
    return { text: EXAMPLE_SCENARIO, problem: 'Your saved scenario could not be read because this browser blocks storage here; the example is shown, and changes will not be kept.' };
  }
  if (raw === null) return { text: EXAMPLE_SCENARIO };
  try {
    const saved: unknown = JSON.parse(raw);
    if (typeof saved === 'object' && saved !== null && 'version' in saved && 'text' in saved) {
      const { version, text } = saved as { version: unknown; text: unknown };
      if (version === VERSION && typeof text === 'string') return { text };
      if (typeof version === 'number' && version > VERSION) {
        return { text: EXAMPLE_SCENARIO, problem: `Your saved scenario was written by a newer AuthLab (format ${version}); the example is shown instead. Saving here will replace it.` };
      }
    }
  } catch {
    // Not JSON: fall through to the message below.
  }
  return { text: EXAMPLE_SCENARIO, problem: 'Your saved scenario was damaged and could not be read; the example is shown instead. Saving here will replace it.' };
}

/** Saves the text; returns a sentence if the browser refused (full or blocked storage). */
export function saveDraft(storage: Pick<Storage, 'setItem'> | undefined, text: string): string | undefined {
  try {
    storage?.setItem(KEY, JSON.stringify({ version: VERSION, text }));
    return undefined;
  } catch {
    return 'Your scenario could not be saved in this browser (storage is full or blocked); copy it somewhere before you leave.';
  }
}

export const DRAFT_STORAGE_KEY = KEY;

/**
 * The lessons and scenario files, as the app sees them: bundled as text by
 * Vite, parsed in the browser with the same parser `npm test` and the CLI
 * use, checked against the checklist IDs. A file with mistakes becomes an
 * entry with diagnostics (file:line:col), so the page can show the error
 * for that lesson and keep every other one working.
 */
import checklist from '../../docs/security-checklist.md?raw';
import {
  checkCurriculum,
  checklistIdsOf,
  parseFile,
  type Diagnostic,
  type Lesson,
  type ParsedFile,
  type ScenarioFile,
  type WorldHost,
} from '../lessons';
import { loadRuntime } from './lab-store';

/** Lesson and scenario sources, loaded on demand (the prose is not needed for the first paint). */
const SOURCES = import.meta.glob<string>(['../../lessons/*.md', '../../lessons/**/*.scenario.yaml', '!../../lessons/README.md'], {
  query: '?raw',
  import: 'default',
});

export interface CatalogEntry {
  /** Path from the repository root, e.g. `lessons/02-server-side-sessions.md`, as errors name it. */
  file: string;
  parsed?: ParsedFile;
  diagnostics: Diagnostic[];
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Parsed lessons in their `order`. */
  lessons: Lesson[];
  scenarios: ScenarioFile[];
}

export const CHECKLIST_IDS: ReadonlySet<string> = checklistIdsOf(checklist);

const repoPath = (globKey: string) => globKey.replace(/^(\.\.\/)+/, '');

/** Parses any lesson or scenario text the way the build does (used for learners' own scenarios too). */
export function parseSource(file: string, text: string): CatalogEntry {
  const result = parseFile(file, text, { checklistIds: CHECKLIST_IDS });
  return result.ok ? { file, parsed: result.value, diagnostics: [] } : { file, diagnostics: result.diagnostics };
}

let catalog: Promise<Catalog> | null = null;

export function loadCatalog(): Promise<Catalog> {
  catalog ??= buildCatalog();
  return catalog;
}

async function buildCatalog(): Promise<Catalog> {
  const entries = await Promise.all(
    Object.entries(SOURCES).map(async ([key, load]): Promise<CatalogEntry> => {
      const file = repoPath(key);
      try {
        return parseSource(file, await load());
      } catch (error) {
        return { file, diagnostics: [{ file, line: 1, col: 1, message: `could not load: ${error instanceof Error ? error.message : String(error)}` }] };
      }
    }),
  );
  entries.sort((a, b) => a.file.localeCompare(b.file));
  const lessons = entries.flatMap((e) => (e.parsed?.kind === 'lesson' ? [e.parsed] : [])).sort((a, b) => a.order - b.order);
  // Duplicate ids or orders are attached to the entry of the file that repeats them.
  for (const d of checkCurriculum(lessons)) entries.find((e) => e.file === d.file)?.diagnostics.push(d);
  const scenarios = entries.flatMap((e) => (e.parsed?.kind === 'scenario-file' ? [e.parsed] : []));
  return { entries, lessons, scenarios };
}

/** Worlds for the runner in the page: registered with the MSW service worker, forgotten afterwards. */
export const browserWorldHost: WorldHost = {
  async createWorld(config) {
    return (await loadRuntime()).createWorld(config);
  },
  dispose(world) {
    void loadRuntime().then((runtime) => runtime.dispose(world));
  },
};

/**
 * Reads docs/security-checklist.md: its rows (ID | What AuthLab shows |
 * Status | Proof), its sections, and the checklist-style IDs in any text.
 * Shared by the doc's own test, the assertion recorder and the coverage
 * reporter, so all three agree on what an ID looks like.
 */
export const DOC_PATH = 'docs/security-checklist.md';

/**
 * The groups of the shared security checklist and how many IDs each has,
 * copied once from it (CI has no access to the shared file). IDs run from
 * 01 to the count, in this order.
 */
export const GROUPS: readonly (readonly [prefix: string, count: number])[] = [
  ['SESS', 11],
  ['COOKIE', 5],
  ['CSRF', 10],
  ['XSS', 4],
  ['JWT', 12],
  ['REVOKE', 3],
  ['REFRESH', 3],
  ['KEY', 3],
  ['SCALE', 5],
];
export const EXPECTED_IDS: readonly string[] = GROUPS.flatMap(([prefix, count]) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`),
);
export const PREFIXES = GROUPS.map(([prefix]) => prefix);
/** Any ID in checklist style, including out-of-range ones such as a group's 13th. */
const ID_PATTERN = new RegExp(`\\b(?:${PREFIXES.join('|')})-\\d+\\b`, 'g');
export const STATUSES = ['proven', 'planned'] as const;
export type Status = (typeof STATUSES)[number];

/** The checklist-style IDs a text names, each once, in order of first mention. */
export const idsIn = (text: string): string[] => [...new Set(text.match(ID_PATTERN) ?? [])];

export interface Row {
  id: string;
  line: number;
  status: string;
  /** The files of the Proof column, relative to the repository root. */
  proofs: string[];
  rawProof: string;
}

export function parseRows(markdown: string): { rows: Row[]; problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  markdown.split('\n').forEach((text, index) => {
    const match = /^\|\s*([A-Z]+-\d+)\s*\|/.exec(text);
    if (!match) return;
    const id = match[1]!;
    const line = index + 1;
    const cells = text.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (cells.length !== 4) {
      problems.push(`${DOC_PATH}:${line} ${id}: expected 4 cells (ID | What AuthLab shows | Status | Proof), found ${cells.length}`);
      return;
    }
    const rawProof = cells[3]!;
    const proofs = rawProof === '—' ? [] : rawProof.split(',').map((p) => p.trim().replace(/^`|`$/g, '')).filter(Boolean);
    rows.push({ id, line, status: cells[2]!, proofs, rawProof });
  });
  return { rows, problems };
}

/** The body of a `## heading` section, up to the next `## `. */
export function section(markdown: string, heading: string): string | undefined {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return undefined;
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.search(/\n## /);
  return end < 0 ? rest : rest.slice(0, end);
}

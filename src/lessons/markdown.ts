/**
 * A careful line scanner for lesson Markdown: the YAML front matter between
 * `---` lines, fenced code blocks (CommonMark rules: ``` or ~~~, at least
 * three, up to three spaces of indent, closed by the same character at least
 * as long), and `## ` sections. Only what lessons need, with the line of
 * everything it finds so errors point into the file.
 */
export interface Fence {
  /** Info string after the opening fence, e.g. `scenario`. */
  info: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Content lines joined with \n, indentation of the fence removed. */
  content: string;
  /** Columns removed from each content line (the fence's indent). */
  indent: number;
  closed: boolean;
  /** The fence exactly as written, opening and closing lines included. */
  raw: string;
}

export interface ProseBlock {
  kind: 'prose';
  markdown: string;
  line: number;
}

export interface FenceBlock {
  kind: 'fence';
  fence: Fence;
}

export interface ScannedMarkdown {
  frontMatter?: { text: string; line: number; closed: boolean };
  /** The body in order: prose between fences, and the fences. */
  blocks: (ProseBlock | FenceBlock)[];
}

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export function scanMarkdown(source: string): ScannedMarkdown {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const result: ScannedMarkdown = { blocks: [] };
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, k) => k > 0 && (l.trim() === '---' || l.trim() === '...'));
    const stop = end < 0 ? lines.length : end;
    result.frontMatter = { text: lines.slice(1, stop).join('\n'), line: 2, closed: end >= 0 };
    i = end < 0 ? lines.length : end + 1;
  }
  let prose: string[] = [];
  let proseLine = i + 1;
  const flushProse = () => {
    const markdown = prose.join('\n');
    if (markdown.trim()) result.blocks.push({ kind: 'prose', markdown, line: proseLine });
    prose = [];
  };
  while (i < lines.length) {
    const text = lines[i]!;
    const open = OPEN.exec(text);
    // A backtick fence's info string may not contain backticks (CommonMark).
    if (!open || (open[2]!.startsWith('`') && open[3]!.includes('`'))) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(text);
      i += 1;
      continue;
    }
    flushProse();
    const indent = open[1]!.length;
    const marker = open[2]!;
    const content: string[] = [];
    let closed = false;
    let k = i + 1;
    for (; k < lines.length; k += 1) {
      const line = lines[k]!;
      const close = /^( {0,3})(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[2]![0] === marker[0] && close[2]!.length >= marker.length) {
        closed = true;
        break;
      }
      content.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
    }
    const raw = lines.slice(i, Math.min(k + 1, lines.length)).join('\n');
    result.blocks.push({ kind: 'fence', fence: { info: open[3]!.trim(), line: i + 1, content: content.join('\n'), indent, closed, raw } });
    i = k + 1;
    proseLine = i + 1;
  }
  flushProse();
  return result;
}

/** Splits prose into `## Heading` sections (title lowercased) with their text. */
export function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (current !== undefined) sections.set(current, body.join('\n').trim());
      current = heading[1]!.toLowerCase();
      body = [];
    } else body.push(line);
  }
  if (current !== undefined) sections.set(current, body.join('\n').trim());
  return sections;
}

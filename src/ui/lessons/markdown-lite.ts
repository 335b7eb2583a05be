/**
 * The small, safe subset of Markdown lesson prose uses, parsed to plain data
 * that Markdown.tsx turns into React elements: headings, paragraphs, lists,
 * quotes, fenced code, and inline code, bold, italics and links. Nothing is
 * ever handed to the DOM as HTML: a `<script>` in a lesson is shown as text,
 * and a link is kept only if it goes to http(s), a mailto: address or a
 * place in the page, so no lesson file can run code in the learner's page.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Inline[] }
  | { kind: 'code'; lang: string; text: string };

/** Links the page may follow; anything else (javascript:, data:, vbscript:) becomes plain text. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed) || /^[#/.]/.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  return trimmed === '' ? undefined : trimmed;
}

const INLINE = /(`+)([\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|(?<![\w])_([^_\s][^_]*)_(?![\w])|\[([^\]]+)\]\(([^)\s]*)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (t: string) => {
    if (t) out.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(INLINE)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1]) out.push({ kind: 'code', text: m[2]!.replace(/^ (.*) $/, '$1') });
    else if (m[3] ?? m[4]) out.push({ kind: 'strong', children: parseInline(m[3] ?? m[4]!) });
    else if (m[5] ?? m[6]) out.push({ kind: 'em', children: parseInline(m[5] ?? m[6]!) });
    else {
      const href = safeHref(m[8]!);
      if (href) out.push({ kind: 'link', href, children: parseInline(m[7]!) });
      else push(m[7]!);
    }
  }
  push(text.slice(last));
  return out;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^ {0,3}\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;

export function parseMarkdown(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const joined = (parts: string[]) => parts.map((p) => p.trim()).join(' ');
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(marker)) body.push(lines[i++]!);
      i += 1; // the closing fence (or the end)
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, children: parseInline(heading[2]!) });
      i += 1;
      continue;
    }
    const listKind = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listKind) {
      const items: string[][] = [];
      while (i < lines.length && lines[i]!.trim() !== '') {
        const item = listKind.exec(lines[i]!);
        if (item) items.push([item[1]!]);
        else items[items.length - 1]!.push(lines[i]!); // a continuation line of the item
        i += 1;
      }
      blocks.push({ kind: 'list', ordered: listKind === NUMBERED, items: items.map((parts) => parseInline(joined(parts))) });
      continue;
    }
    if (QUOTE.test(line)) {
      const parts: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) parts.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: 'quote', children: parseInline(joined(parts)) });
      continue;
    }
    const parts: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !FENCE.test(lines[i]!) && !HEADING.test(lines[i]!) && !BULLET.test(lines[i]!) && !QUOTE.test(lines[i]!)) {
      parts.push(lines[i++]!);
    }
    blocks.push({ kind: 'paragraph', children: parseInline(joined(parts)) });
  }
  return blocks;
}

/** The prose without the named `## ` sections (the solution and takeaway are shown on their own). */
export function withoutSections(markdown: string, names: readonly string[]): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) skipping = names.includes(heading[1]!.toLowerCase());
    else if (/^#\s/.test(line)) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

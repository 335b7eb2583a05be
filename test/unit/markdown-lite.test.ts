/**
 * Lesson prose is rendered from a safe Markdown subset: structure and inline
 * styles survive, raw HTML stays text, and only harmless links are links.
 */
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref, withoutSections } from '../../src/ui/lessons/markdown-lite';

describe('markdown-lite', () => {
  it('reads headings, paragraphs, lists, quotes and code fences', () => {
    const blocks = parseMarkdown('# Title\n\nOne\nline.\n\n- a\n- b\n\n1. x\n\n> said\n\n```yaml\nk: v\n```\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'One line.' }] });
    expect(blocks[3]).toMatchObject({ ordered: true });
    expect(blocks[5]).toEqual({ kind: 'code', lang: 'yaml', text: 'k: v' });
  });

  it('reads inline code, bold, italics and links', () => {
    expect(parseInline('a **session** and `__Host-` with *care* [docs](https://example.com)')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'session' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: '__Host-' },
      { kind: 'text', text: ' with ' },
      { kind: 'em', children: [{ kind: 'text', text: 'care' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://example.com', children: [{ kind: 'text', text: 'docs' }] },
    ]);
    // Underscores inside words (cookie names) are not emphasis.
    expect(parseInline('the shop_sid cookie')).toEqual([{ kind: 'text', text: 'the shop_sid cookie' }]);
  });

  it('never makes HTML or script links: they stay text', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)>' }]);
    expect(parseInline('[click](javascript:alert(1))')).not.toContainEqual(expect.objectContaining({ kind: 'link' }));
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', 'data:text/html,x', 'vbscript:x']) expect(safeHref(bad)).toBeUndefined();
    for (const good of ['https://x.example', '#/lessons', '/docs', 'mailto:a@b.example']) expect(safeHref(good)).toBe(good);
  });

  it('leaves out the solution and takeaway sections', () => {
    expect(withoutSections('Intro\n## Solution\nsecret\n## More\nkept\n## Takeaway\nend', ['solution', 'takeaway'])).toBe('Intro\n## More\nkept');
  });
});

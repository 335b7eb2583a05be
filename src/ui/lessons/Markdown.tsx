/** Lesson prose as React elements (markdown-lite.ts): never raw HTML. Headings start at `baseLevel` so the page outline stays in order. */
import { useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown-lite';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(node.children)}</em>;
      case 'link': {
        const external = /^https?:/i.test(node.href);
        return (
          <a key={i} href={node.href} {...(external ? { rel: 'noopener noreferrer', target: '_blank' } : {})}>
            {inline(node.children)}
          </a>
        );
      }
    }
  });
}

export function Markdown({ source, baseLevel = 2 }: { source: string; baseLevel?: number }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, baseLevel + block.level - 1);
            const Tag = `h${level}` as 'h2';
            return <Tag key={i}>{inline(block.children)}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{inline(block.children)}</p>;
          case 'quote':
            return <blockquote key={i}>{inline(block.children)}</blockquote>;
          case 'code':
            return (
              <pre key={i} tabIndex={0}>
                <code>{block.text}</code>
              </pre>
            );
          case 'list': {
            const Tag = block.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i}>
                {block.items.map((item, k) => (
                  <li key={k}>{inline(item)}</li>
                ))}
              </Tag>
            );
          }
        }
      })}
    </div>
  );
}

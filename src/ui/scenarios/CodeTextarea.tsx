/**
 * A plain textarea with line numbers beside it and the cursor's line and
 * column below, enough to follow "line 12, column 9" in an error. Tab keeps
 * its usual meaning (next control), so keyboard users never get stuck in it;
 * YAML is indented with spaces anyway.
 */
import { useMemo, useRef, useState, type Ref } from 'react';
import { lineColOf } from '../../app/text-position';

export interface CodeTextareaProps {
  id: string;
  value: string;
  onChange(value: string): void;
  ref?: Ref<HTMLTextAreaElement>;
  describedBy?: string;
  invalid?: boolean;
}

export function CodeTextarea({ id, value, onChange, ref, describedBy, invalid }: CodeTextareaProps) {
  const gutter = useRef<HTMLPreElement>(null);
  const [cursor, setCursor] = useState({ line: 1, col: 1 });
  const lines = useMemo(() => value.split('\n').length, [value]);
  const numbers = useMemo(() => Array.from({ length: lines }, (_, i) => i + 1).join('\n'), [lines]);
  const track = (area: HTMLTextAreaElement) => setCursor(lineColOf(area.value, area.selectionStart));

  return (
    <div className="code-textarea">
      <div className="code-frame">
        <pre className="gutter" aria-hidden="true" ref={gutter}>
          {numbers}
        </pre>
        <textarea
          id={id}
          ref={ref}
          value={value}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          rows={20}
          aria-describedby={describedBy ? `${describedBy} ${id}-cursor` : `${id}-cursor`}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            track(e.currentTarget);
          }}
          onSelect={(e) => track(e.currentTarget)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <p id={`${id}-cursor`} className="note cursor-position">
        Line {cursor.line}, column {cursor.col}
      </p>
    </div>
  );
}

/** Puts the cursor at a line and column of the textarea and scrolls it into view. */
export function moveCursor(area: HTMLTextAreaElement | null, offset: number, line: number): void {
  if (!area) return;
  area.focus();
  area.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  const top = (line - 1) * lineHeight;
  if (top < area.scrollTop || top > area.scrollTop + area.clientHeight - lineHeight) area.scrollTop = Math.max(0, top - area.clientHeight / 3);
}

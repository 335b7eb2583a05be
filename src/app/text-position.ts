/** Character offsets for 1-based line and column positions, as the parser's diagnostics give them. */

/** The offset of `line`:`col` in `text`, clamped to the line's end and the text's end. */
export function offsetOf(text: string, line: number, col: number): number {
  let start = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf('\n', start);
    if (next === -1) return text.length;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end === -1 ? text.length : end;
  return Math.min(start + Math.max(0, col - 1), lineEnd);
}

/** The 1-based line and column of `offset` in `text`. */
export function lineColOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, col: before.length - before.lastIndexOf('\n') };
}

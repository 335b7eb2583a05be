/**
 * Mistakes found in a lesson or scenario file, each with the file, the line
 * and column (1-based) and what was expected. The parser never throws on bad
 * input: it returns these, and every surface (build, tests, CLI, app) prints
 * them the same way.
 */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** `lessons/02-sessions.md:14:7: unknown actor "bob" …`, the shape editors link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Line and column of a character offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(offset, text.length));
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}

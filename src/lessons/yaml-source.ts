/**
 * YAML with positions: parses a piece of a file with `yaml` (its
 * LineCounter gives line and column), and turns a path into the data
 * (`['steps', 2, 'expect', 'status']`) back into where it was written.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import * as v from 'valibot';
import type { Diagnostic } from './diagnostics';
import type { SourcePos } from './types';

export type PathKey = string | number;

export class YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly value: unknown;
  readonly diagnostics: Diagnostic[] = [];
  readonly #counter = new LineCounter();
  readonly #lineOffset: number;
  readonly #colOffset: number;

  /** `lineOffset`: lines of the file before the YAML text; `colOffset`: indent removed from each line. */
  constructor(file: string, text: string, lineOffset: number, colOffset = 0) {
    this.file = file;
    this.#lineOffset = lineOffset;
    this.#colOffset = colOffset;
    this.doc = parseDocument(text, { lineCounter: this.#counter, prettyErrors: false, uniqueKeys: true });
    for (const error of [...this.doc.errors, ...this.doc.warnings]) {
      this.diagnostics.push(this.at(error.pos[0], `YAML: ${error.message.split('\n')[0]}`));
    }
    let value: unknown;
    if (this.doc.errors.length === 0) {
      try {
        value = this.doc.toJS({ maxAliasCount: 50 });
      } catch (error) {
        this.diagnostics.push(this.at(0, `YAML: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    this.value = value;
  }

  get ok(): boolean {
    return this.diagnostics.length === 0;
  }

  at(offset: number, message: string): Diagnostic {
    const { line, col } = this.#counter.linePos(offset);
    return { file: this.file, line: line + this.#lineOffset, col: col + this.#colOffset, message };
  }

  /** The node at a path (a missing key points at its parent); `keyNode` points at the key instead of the value. */
  nodeAt(path: readonly PathKey[], keyNode = false): Node | undefined {
    let node: unknown = this.doc.contents;
    for (let i = 0; i < path.length; i += 1) {
      const key = path[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair) return node;
        const last = i === path.length - 1;
        if (last && keyNode) return pair.key as Node;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (!item) return node;
        node = item;
      } else return (node as Node | undefined) ?? undefined;
    }
    return node as Node | undefined;
  }

  posOf(path: readonly PathKey[], keyNode = false): SourcePos {
    const node = this.nodeAt(path, keyNode);
    const { line, col } = this.at(node?.range?.[0] ?? 0, '');
    return { line, col };
  }

  error(path: readonly PathKey[], message: string, keyNode = false): void {
    const node = this.nodeAt(path, keyNode);
    this.diagnostics.push(this.at(node?.range?.[0] ?? 0, message));
  }

  /** Validates `value` (found at `path`) with a valibot schema; reports every issue where it was written. */
  validate<S extends v.GenericSchema>(schema: S, value: unknown, path: readonly PathKey[], what: string): v.InferOutput<S> | undefined {
    const result = v.safeParse(schema, value);
    if (result.success) return result.output;
    for (const issue of result.issues) {
      const keys = (issue.path ?? []).map((p) => p.key as PathKey);
      const where = [...path, ...keys];
      const field = keys.length ? keys.join('.') : what;
      // An unknown key (strict object) is reported at the key itself.
      const unknownKey = issue.type === 'strict_object' && issue.expected === 'never';
      const message = unknownKey ? unknownFieldMessage(schema, keys, what) : `${field}: ${issue.message}`;
      this.error(where, message, unknownKey);
    }
    return undefined;
  }
}

/** Goes through `optional(...)` and the like to the schema they wrap. */
function unwrap(schema: unknown): unknown {
  let node = schema;
  while (node && typeof node === 'object' && 'wrapped' in node) node = node.wrapped;
  return node;
}

/** The field names of the object schema at `keys` inside `schema`, or none if it is not an object there. */
function fieldsAt(schema: v.GenericSchema, keys: readonly PathKey[]): string[] {
  let node = unwrap(schema);
  for (const key of keys) {
    const entries = (node as { entries?: Record<string, unknown> } | undefined)?.entries;
    node = unwrap(entries?.[String(key)]);
  }
  const entries = (node as { entries?: Record<string, unknown> } | undefined)?.entries;
  return entries ? Object.keys(entries) : [];
}

/** `unknown field "noCsrf" in world.vulnerable; known fields: …`, the last key being the unknown one. */
function unknownFieldMessage(schema: v.GenericSchema, keys: readonly PathKey[], what: string): string {
  const parent = keys.slice(0, -1);
  const known = fieldsAt(schema, parent);
  const where = [what, ...parent].join('.');
  return `unknown field "${String(keys.at(-1))}" in ${where}${known.length ? `; known fields: ${known.join(', ')}` : ''}`;
}

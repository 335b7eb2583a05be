/**
 * Reads a lesson (Markdown with YAML front matter and ```scenario blocks) or
 * a standalone `*.scenario.yaml` file into typed data. Never throws on bad
 * input: every mistake comes back as a Diagnostic with file, line and column.
 */
import { positionOf, type Diagnostic } from './diagnostics';
import { scanMarkdown, sectionsOf } from './markdown';
import { parseScenario } from './parse-scenario';
import { frontMatterSchema, scenarioFileSchema } from './schemas';
import type { Lesson, LessonPart, ParsedFile, Scenario, ScenarioFile } from './types';
import { YamlSource } from './yaml-source';

export interface ParseOptions {
  /** Checklist IDs that exist (docs/security-checklist.md); when given, `proves` is checked against them. */
  checklistIds?: ReadonlySet<string>;
}

export type ParseResult<T> = { ok: true; value: T; diagnostics: [] } | { ok: false; diagnostics: Diagnostic[] };

/** The scenario file kinds by name: `*.md` is a lesson, `*.scenario.yaml` / `.yml` a scenario file. */
export function isScenarioFileName(file: string): boolean {
  return /\.scenario\.ya?ml$/.test(file);
}

export function parseFile(file: string, text: string, options: ParseOptions = {}): ParseResult<ParsedFile> {
  return isScenarioFileName(file) ? parseScenarioFile(file, text, options) : parseLesson(file, text, options);
}

function checkProves(src: YamlSource, proves: readonly string[], path: (string | number)[], options: ParseOptions): void {
  proves.forEach((id, i) => {
    if (options.checklistIds && !options.checklistIds.has(id)) src.error([...path, i], `unknown checklist ID "${id}"; it is not a row of docs/security-checklist.md`);
    if (proves.indexOf(id) !== i) src.error([...path, i], `"${id}" is listed twice`);
  });
}

export function parseLesson(file: string, text: string, options: ParseOptions = {}): ParseResult<Lesson> {
  const diagnostics: Diagnostic[] = [];
  const fail = (line: number, col: number, message: string) => diagnostics.push({ file, line, col, message });
  const scanned = scanMarkdown(text);
  if (!scanned.frontMatter) {
    fail(1, 1, 'a lesson starts with front matter: a line "---", then id, title, summary, order, objectives and proves, then "---"');
    return { ok: false, diagnostics };
  }
  if (!scanned.frontMatter.closed) fail(1, 1, 'the front matter is never closed: add a line "---" after it');
  const front = new YamlSource(file, scanned.frontMatter.text, 1);
  const meta = front.ok ? front.validate(frontMatterSchema, front.value ?? {}, [], 'the front matter') : undefined;
  if (meta) checkProves(front, meta.proves, ['proves'], options);
  diagnostics.push(...front.diagnostics);

  const parts: LessonPart[] = [];
  const scenarios: Scenario[] = [];
  const prose: string[] = [];
  for (const block of scanned.blocks) {
    if (block.kind === 'prose') {
      parts.push({ kind: 'prose', markdown: block.markdown, line: block.line });
      prose.push(block.markdown);
      continue;
    }
    const { fence } = block;
    if (fence.info !== 'scenario') {
      parts.push({ kind: 'prose', markdown: fence.raw, line: fence.line });
      prose.push(fence.raw);
      continue;
    }
    if (!fence.closed) fail(fence.line, fence.indent + 1, 'this ```scenario block is never closed');
    const src = new YamlSource(file, fence.content, fence.line, fence.indent);
    const scenario = src.ok ? parseScenario(src, src.value ?? {}, [], `scenario ${scenarios.length + 1}`, meta?.proves) : undefined;
    diagnostics.push(...src.diagnostics);
    if (scenario) {
      scenario.pos = { line: fence.line, col: fence.indent + 1 };
      scenarios.push(scenario);
      parts.push({ kind: 'scenario', scenario });
    }
  }

  const end = positionOf(text, text.length);
  const sections = sectionsOf(prose.join('\n'));
  const solution = sections.get('solution') ?? '';
  const takeaway = sections.get('takeaway') ?? '';
  if (!solution) fail(end.line, 1, 'a lesson needs a "## Solution" section');
  if (!takeaway) fail(end.line, 1, 'a lesson needs a "## Takeaway" section');
  if (!scanned.blocks.some((b) => b.kind === 'fence' && b.fence.info === 'scenario')) fail(end.line, 1, 'a lesson needs at least one ```scenario block');
  const steps = scenarios.flatMap((s) => s.steps);
  if (diagnostics.length === 0) {
    if (!steps.some((s) => s.predict)) fail(scenarios[0]!.pos.line, 1, 'a lesson needs at least one step with a prediction (predict: question, choices, answer)');
    if (!steps.some((s) => s.hints.length > 0)) fail(scenarios[0]!.pos.line, 1, 'a lesson needs at least one hint (hints: …)');
  }
  if (diagnostics.length > 0 || !meta) return { ok: false, diagnostics };
  return { ok: true, diagnostics: [], value: { kind: 'lesson', file, ...meta, parts, scenarios, solution, takeaway, metaPos: { id: front.posOf(['id']), order: front.posOf(['order']) } } };
}

export function parseScenarioFile(file: string, text: string, options: ParseOptions = {}): ParseResult<ScenarioFile> {
  const src = new YamlSource(file, text, 0);
  const top = src.ok ? src.validate(scenarioFileSchema, src.value ?? {}, [], 'the scenario file') : undefined;
  const scenarios: Scenario[] = [];
  if (top) {
    checkProves(src, top.proves ?? [], ['proves'], options);
    top.scenarios.forEach((raw, i) => {
      const scenario = parseScenario(src, raw, ['scenarios', i], `scenario ${i + 1}`, top.proves ?? []);
      if (scenario) scenarios.push(scenario);
    });
  }
  if (!src.ok || !top) return { ok: false, diagnostics: src.diagnostics };
  return { ok: true, diagnostics: [], value: { kind: 'scenario-file', file, title: top.title, proves: top.proves ?? [], scenarios } };
}

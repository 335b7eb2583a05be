/**
 * The parsed, typed form of lessons and scenario files. Produced by
 * `parse-lesson.ts` / `parse-scenario-file.ts`, consumed by the runner and
 * (later) the guided lesson UI.
 */
import type { ConfigPatch } from '../sim/config';

/** Where something was written: 1-based line and column in its file. */
export interface SourcePos {
  line: number;
  col: number;
}

export type ActorName = 'alice' | 'mallory' | 'admin' | 'partner' | 'clock' | 'deployment' | 'config' | 'lab';

export interface Prediction {
  question: string;
  choices: string[];
  /** One of `choices`. */
  answer: string;
  /** Why, shown after the reveal. */
  explain?: string;
}

/** One check of a step: a subject such as `status` or `alice cookie __Host-shop_sid`, and what it must be. */
export interface Expectation {
  subject: string;
  expected: unknown;
  pos: SourcePos;
}

export interface StepArgs {
  body?: unknown;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: string;
}

export interface Step {
  actor: ActorName;
  /** The action as written (`log in`, `+16 min`); for `config`, a summary. */
  action: string;
  /** For `config` steps: the settings to change. */
  config?: ConfigPatch;
  args: StepArgs;
  say?: string;
  expect: Expectation[];
  predict?: Prediction;
  hints: string[];
  pos: SourcePos;
}

export interface Scenario {
  /** The block's name, or `scenario N`. */
  name: string;
  /**
   * The checklist IDs this scenario's checks show, each one also in its
   * file's `proves:`; empty when it names none (then an ID of the file is
   * shown by all the file's scenarios together).
   */
  proves: string[];
  /** Settings the fresh world starts with. */
  world: ConfigPatch;
  steps: Step[];
  pos: SourcePos;
}

export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  order: number;
  objectives: string[];
  /** Checklist IDs (docs/security-checklist.md) whose behaviour this lesson's steps show. */
  proves: string[];
}

export type LessonPart = { kind: 'prose'; markdown: string; line: number } | { kind: 'scenario'; scenario: Scenario };

export interface Lesson extends LessonMeta {
  kind: 'lesson';
  file: string;
  parts: LessonPart[];
  scenarios: Scenario[];
  solution: string;
  takeaway: string;
  /** Where `id` and `order` were written, for cross-file errors. */
  metaPos: { id: SourcePos; order: SourcePos };
}

/** A `*.scenario.yaml` file: the same step language, no prose. */
export interface ScenarioFile {
  kind: 'scenario-file';
  file: string;
  title: string;
  proves: string[];
  scenarios: Scenario[];
}

export type ParsedFile = Lesson | ScenarioFile;

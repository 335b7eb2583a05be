/**
 * Runs scenarios against fresh worlds and reports, step by step, each check
 * with what was expected and what happened. Plain TypeScript: the host
 * (msw/node in tests and the CLI, the service worker in the app) provides
 * the worlds, so the same runner serves all three uses.
 */
import { FlowRunner } from '../machines/flow-runner';
import type { ConfigPatch } from '../sim/config';
import type { World } from '../sim/world';
import { findAction } from './actions';
import { findSubject, type StepOutcome } from './expectations';
import { matches } from './matchers';
import type { RunContext } from './run-context';
import type { ParsedFile, Scenario, SourcePos, Step } from './types';

/** Creates a world registered with the host's MSW handlers, and forgets it afterwards. */
export interface WorldHost {
  createWorld(config: ConfigPatch): Promise<World>;
  dispose?(world: World): void;
}

export interface CheckReport {
  subject: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  pos: SourcePos;
  /** Set when the actual value could not be read. */
  error?: string;
}

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepReport {
  index: number;
  label: string;
  pos: SourcePos;
  status: StepStatus;
  checks: CheckReport[];
  /** The action itself failed (e.g. an event Alice's flow cannot take now). */
  error?: string;
}

export interface ScenarioReport {
  name: string;
  pos: SourcePos;
  passed: boolean;
  steps: StepReport[];
  /** The world could not be created. */
  error?: string;
}

export interface FileReport {
  file: string;
  title: string;
  passed: boolean;
  scenarios: ScenarioReport[];
}

export function stepLabel(step: Step): string {
  return `${step.actor}: ${step.action}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Compact actual value of a `trace` check: the events, one line each. */
function traceLines(events: StepOutcome['events']): string[] {
  return events.map((e) => {
    if (e.kind === 'exchange') return `exchange ${e.request.method} ${e.request.url} → ${e.response.status}`;
    return JSON.stringify({ ...e, seq: undefined, at: undefined });
  });
}

function check(outcome: StepOutcome, subject: string, expected: unknown, pos: SourcePos): CheckReport {
  const found = findSubject(subject);
  if (!found) return { subject, expected, actual: undefined, passed: false, pos, error: 'unknown check' };
  try {
    if (subject === 'trace') {
      const wanted = expected as unknown[];
      const missing = wanted.filter((w) => !outcome.events.some((e) => matches(w, e)));
      return { subject, expected, actual: traceLines(outcome.events), passed: missing.length === 0, pos };
    }
    const actual = found.def.actual(outcome, found.match);
    return { subject, expected, actual, passed: matches(expected, actual), pos };
  } catch (error) {
    return { subject, expected, actual: undefined, passed: false, pos, error: errorText(error) };
  }
}

/** Runs one step in a running scenario and checks its expectations (the guided lesson runs them one at a time). */
export async function runStep(ctx: RunContext, step: Step, index: number): Promise<StepReport> {
  const base = { index, label: stepLabel(step), pos: step.pos };
  const before = ctx.world.trace.length;
  let response: StepOutcome['response'];
  try {
    if (step.actor === 'config') {
      await ctx.world.configure(step.config ?? {});
    } else {
      const found = findAction(step.actor, step.action);
      if (!found) throw new Error(`unknown action "${step.action}"`);
      response = await found.def.run(ctx, found.match, step.args);
    }
    // Whatever the step set off in Alice's flow has finished before anything is checked.
    await ctx.flow.settled();
  } catch (error) {
    return { ...base, status: 'failed', checks: [], error: errorText(error) };
  }
  const outcome: StepOutcome = { ctx, response, events: ctx.world.trace.all().slice(before) };
  const checks = step.expect.map((e) => check(outcome, e.subject, e.expected, e.pos));
  return { ...base, status: checks.every((c) => c.passed) ? 'passed' : 'failed', checks };
}

export interface RunOptions {
  /** Told of each step's report as it is made (skipped steps too); awaited, so a page can repaint between steps. */
  onStep?(report: StepReport): void | Promise<void>;
}

/** Runs one scenario in a fresh world; after the first failing step the rest are skipped. */
export async function runScenario(scenario: Scenario, host: WorldHost, options: RunOptions = {}): Promise<ScenarioReport> {
  let world: World;
  try {
    world = await host.createWorld(scenario.world);
  } catch (error) {
    return { name: scenario.name, pos: scenario.pos, passed: false, steps: [], error: `could not create the world: ${errorText(error)}` };
  }
  let flow: FlowRunner | undefined;
  const steps: StepReport[] = [];
  try {
    flow = new FlowRunner(world.config.authStyle, world.page('alice'));
    const ctx: RunContext = { world, flow, notebook: { cookies: new Map() } };
    let failed = false;
    for (const [index, step] of scenario.steps.entries()) {
      const report: StepReport = failed ? { index, label: stepLabel(step), pos: step.pos, status: 'skipped', checks: [] } : await runStep(ctx, step, index);
      steps.push(report);
      failed ||= report.status === 'failed';
      await options.onStep?.(report);
    }
  } finally {
    // Whatever went wrong, the world is forgotten: it must not keep answering requests.
    flow?.stop();
    host.dispose?.(world);
  }
  return { name: scenario.name, pos: scenario.pos, passed: steps.every((s) => s.status === 'passed'), steps };
}

/** Runs every scenario of a lesson or scenario file, one after another. */
export async function runFile(parsed: ParsedFile, host: WorldHost): Promise<FileReport> {
  const scenarios: ScenarioReport[] = [];
  for (const scenario of parsed.scenarios) scenarios.push(await runScenario(scenario, host));
  return { file: parsed.file, title: parsed.title, passed: scenarios.every((s) => s.passed), scenarios };
}

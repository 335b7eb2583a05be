/**
 * A vitest reporter that checks docs/security-checklist.md against the run
 * that just ended, and fails it (exit code 1, with the unproven rows listed)
 * when the doc claims more than the run showed. See checklist-proofs.ts for
 * what counts as a proof.
 *
 * Only a whole run can tell that a row has no proof: running one file, one
 * project or a `-t` filter leaves most proofs out, so then only what the
 * tests that ran can tell is checked (an ID no row has; a test the
 * assertion recorder did not see).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { DOC_PATH, parseRows } from './checklist-doc.ts';
import { coverageProblems, proofsOf, uncountedProblems, unknownIdProblems, type TestRecord } from './checklist-proofs.ts';

export interface ChecklistReporterOptions {
  /** Told of the problems when there are any; by default they are printed and the run's exit code is set to 1. */
  fail?(problems: readonly string[]): void;
}

function recordOf(root: string, test: TestCase): TestRecord {
  const meta = test.meta();
  return {
    file: relative(root, test.module.moduleId).split('\\').join('/'),
    title: test.fullName,
    state: test.result().state,
    assertions: meta.assertions,
    expectsFailure: test.options.fails === true,
    lessonProofs: meta.lessonProofs ?? [],
  };
}

export class ChecklistReporter implements Reporter {
  #vitest: Vitest | undefined;
  readonly #options: ChecklistReporterOptions;

  constructor(options: ChecklistReporterOptions = {}) {
    this.#options = options;
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  async onTestRunEnd(modules: readonly TestModule[], _errors: unknown, reason: TestRunEndReason): Promise<void> {
    const vitest = this.#vitest;
    if (!vitest || reason === 'interrupted') return;
    const root = vitest.config.root;
    const records = modules.flatMap((m) => [...m.children.allTests()].map((t) => recordOf(root, t)));
    const { rows, problems: docProblems } = parseRows(readFileSync(join(root, DOC_PATH), 'utf8'));
    const problems = [...docProblems, ...unknownIdProblems(records, rows), ...uncountedProblems(records)];
    const partial = await this.#partial(modules);
    if (partial) vitest.logger.log(`Checklist coverage: not checked, as this is not a whole run (${partial}).`);
    else {
      const proofs = proofsOf(records);
      const unproven = coverageProblems(rows, proofs);
      problems.push(...unproven);
      const proven = rows.filter((r) => r.status === 'proven').length;
      if (unproven.length === 0) vitest.logger.log(`Checklist coverage: all ${proven} rows marked proven in ${DOC_PATH} were proven by checks that passed in this run (${proofs.length} proofs).`);
    }
    if (problems.length === 0) return;
    if (this.#options.fail) return this.#options.fail(problems);
    vitest.logger.error(
      [`Checklist coverage: ${DOC_PATH} claims more than this run showed.`, ...problems.map((p) => `  - ${p}`), 'A row counts only from a check that ran, passed and asserted something in this run (see the top of the doc).'].join('\n'),
    );
    process.exitCode = 1;
  }

  /** Why this run is not the whole suite, or undefined when it is. */
  async #partial(modules: readonly TestModule[]): Promise<string | undefined> {
    const vitest = this.#vitest!;
    const config = vitest.config as typeof vitest.config & { project?: string | string[] };
    if (config.testNamePattern) return `only tests matching ${String(config.testNamePattern)}`;
    if (config.tagsFilter?.length) return `only tests tagged ${config.tagsFilter.join(', ')}`;
    if (config.project !== undefined && [config.project].flat().length > 0) return `only the project(s) ${[config.project].flat().join(', ')}`;
    const ran = new Set(modules.map((m) => `${m.project.name}\0${m.moduleId}`));
    const all = await vitest.globTestSpecifications();
    const missing = all.filter((s) => !ran.has(`${s.project.name}\0${s.moduleId}`));
    return missing.length > 0 ? `${all.length - missing.length} of ${all.length} test files` : undefined;
  }
}

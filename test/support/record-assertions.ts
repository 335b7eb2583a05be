/**
 * Setup file of every test project (vitest.config.ts): after each test,
 * records how many assertions its body made in the test's meta, where the
 * checklist reporter reads it. A test whose title names a checklist ID
 * claims to check that behaviour, so one whose body asserted nothing fails
 * here, whatever else proves the row.
 *
 * Only the body counts: an `expect` in a beforeEach or afterEach hook checks
 * the set-up, not the behaviour the title names, so an empty
 * `it('SESS-05: …')` under asserting hooks proves nothing. vitest 5 runs a
 * test's beforeEach hooks outer suite first, each suite's in the order
 * registered, then the body, then its afterEach hooks inner suite first (in
 * reverse order by default, `sequence.hooks: 'stack'`; in order with
 * `'list'`). A setup file's hooks belong to the outermost suite and run
 * first, so they cannot sit next to the body; instead, when a file's first
 * test starts, every suite of the file gets a mark as its last beforeEach
 * (the last to run before the body) and one at both ends of its afterEach
 * list (whichever runs first, in either order, runs right after the body),
 * through vitest's own `TestRunner.getSuiteHooks`.
 */
import { TestRunner, afterEach, beforeEach, expect, type RunnerTestFile, type RunnerTestSuite, type TestContext } from 'vitest';
import { idsIn } from './checklist-doc';

/** The test's title with the titles of the describe blocks around it. */
function fullTitle(task: TestContext['task']): string {
  const names: string[] = [];
  // The file itself is the outermost suite; its name is a path, not a title.
  for (let suite = task.suite; suite && !('filepath' in suite); suite = suite.suite) names.unshift(suite.name);
  return [...names, task.name].join(' > ');
}

/** Assertions made so far in this test, hooks included. */
function assertionCalls(context: TestContext): number {
  // A test that uses the `expect` of its own context (concurrent tests do)
  // counts there; vitest's own assertion checks read the same place.
  const local = (context as TestContext & { _local?: boolean })._local === true;
  return (local ? context.expect : expect).getState().assertionCalls;
}

interface BodyMarks {
  bodyStart?: number;
  bodyEnd?: number;
}
const marks = new WeakMap<TestContext['task'], BodyMarks>();

function markBodyStart(context: TestContext): void {
  // A retry starts again: the last try's body is the one that counts.
  marks.set(context.task, { bodyStart: assertionCalls(context) });
}

function markBodyEnd(context: TestContext): void {
  const mark = marks.get(context.task);
  if (mark && mark.bodyEnd === undefined) mark.bodyEnd = assertionCalls(context);
}

/** Files whose suites carry the marks. */
const marked = new WeakSet<RunnerTestFile>();

function addMarks(suite: RunnerTestSuite | RunnerTestFile): void {
  const hooks = TestRunner.getSuiteHooks(suite);
  hooks.beforeEach.push(markBodyStart);
  hooks.afterEach.unshift(markBodyEnd);
  hooks.afterEach.push(markBodyEnd);
  for (const task of suite.tasks) if (task.type === 'suite') addMarks(task);
}

// The first hook of the file's first test (a setup file's hooks come first): the file is collected, and vitest reads
// each suite's hook list as it reaches it, so marks added now run for this test too.
beforeEach((context) => {
  const { file } = context.task;
  if (marked.has(file)) return;
  marked.add(file);
  addMarks(file);
});

afterEach((context) => {
  const mark = marks.get(context.task);
  const total = assertionCalls(context);
  // Without marks (a test vitest ran without this file's beforeAll), all of the test's assertions count, as before.
  const assertions = mark?.bodyStart === undefined ? total : (mark.bodyEnd ?? total) - mark.bodyStart;
  context.task.meta.assertions = assertions;
  const ids = idsIn(fullTitle(context.task));
  if (ids.length > 0 && assertions === 0) {
    throw new Error(`"${context.task.name}" names ${ids.join(', ')} but its body made no assertion: a checklist ID in a title says the test checks that behaviour, so check it in the test (expect …; assertions in beforeEach or afterEach hooks do not count) or take the ID out of the title.`);
  }
});

/**
 * Setup file of every test project (vitest.config.ts): after each test,
 * records how many assertions it made in the test's meta, where the
 * checklist reporter reads it. A test whose title names a checklist ID
 * claims to check that behaviour, so one that asserted nothing fails here,
 * whatever else proves the row.
 */
import { afterEach, expect, type TestContext } from 'vitest';
import { idsIn } from './checklist-doc';

/** The test's title with the titles of the describe blocks around it. */
function fullTitle(task: TestContext['task']): string {
  const names: string[] = [];
  // The file itself is the outermost suite; its name is a path, not a title.
  for (let suite = task.suite; suite && !('filepath' in suite); suite = suite.suite) names.unshift(suite.name);
  return [...names, task.name].join(' > ');
}

afterEach((context) => {
  // A test that uses the `expect` of its own context (concurrent tests do)
  // counts there; vitest's own assertion checks read the same place.
  const local = (context as TestContext & { _local?: boolean })._local === true;
  const assertions = (local ? context.expect : expect).getState().assertionCalls;
  context.task.meta.assertions = assertions;
  const ids = idsIn(fullTitle(context.task));
  if (ids.length > 0 && assertions === 0) {
    throw new Error(`"${context.task.name}" names ${ids.join(', ')} but made no assertion: a checklist ID in a title says the test checks that behaviour, so check it (expect …) or take the ID out of the title.`);
  }
});

// Kept separate from vite.config.ts: tests don't need the React/MSW build plugins,
// and the browser project tests the *built* app (dist/) rather than sources.
import { configDefaults, defineConfig } from 'vitest/config';
import { ChecklistReporter } from './test/support/checklist-reporter.ts';

// Counts each test's assertions, for the checklist reporter (and fails a
// test that names a checklist ID but asserts nothing).
const RECORD_ASSERTIONS = 'test/support/record-assertions.ts';

export default defineConfig({
  test: {
    // After a whole run, every row of docs/security-checklist.md marked
    // proven must have been proven by a check that passed in it. A
    // `--reporter` on the command line replaces this list; `npm test` gives none.
    reporters: [...configDefaults.reporters, new ChecklistReporter()],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Timeouts catch hangs, not slowness: some tests do hundreds of
          // PBKDF2 logins, and a shared 2-core CI machine can be slow.
          testTimeout: 30_000,
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'src/**/*.test.ts'],
          setupFiles: [RECORD_ASSERTIONS],
        },
      },
      {
        test: {
          name: 'browser',
          // Tests drive a real Chromium through playwright-core from Node;
          // this is not vitest's browser mode.
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/support/global-setup.ts'],
          setupFiles: [RECORD_ASSERTIONS],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: keeps CI machines from running out of memory.
          fileParallelism: false,
        },
      },
    ],
  },
});

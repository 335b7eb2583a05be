// Kept separate from vite.config.ts: tests don't need the React/MSW build plugins,
// and the browser project tests the *built* app (dist/) rather than sources.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Timeouts catch hangs, not slowness: some tests do hundreds of
          // PBKDF2 logins, and a shared 2-core CI machine can be slow.
          testTimeout: 30_000,
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'src/**/*.test.ts'],
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
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: keeps CI machines from running out of memory.
          fileParallelism: false,
        },
      },
    ],
  },
});

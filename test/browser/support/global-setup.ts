// vitest globalSetup for the `browser` project: serves the already-built dist/
// with `vite preview` (same vite.config.ts, so same base/outDir as production)
// and hands the URL to tests via provide/inject.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the preview server, e.g. http://127.0.0.1:41234/ */
    baseURL: string;
  }
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, 'dist', 'index.html'))) {
    throw new Error('dist/index.html is missing: run `npm run build` first (npm test and npm run test:browser do).');
  }
  const server = await preview({
    root,
    logLevel: 'warn',
    // Port 0 = any free port, so parallel runs and a dev server on 5173 don't clash.
    // 127.0.0.1 is a secure context (service workers allowed) and avoids ::1 vs 127.0.0.1 surprises.
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started but reported no local URL');
  project.provide('baseURL', url);
  return () => server.close();
}

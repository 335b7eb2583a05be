// A Vite plugin that writes the app's service worker into the build:
// worker/app-worker.js with the precache manifest above it, the list of
// every file the build wrote (source maps and the worker scripts aside)
// and a version derived from their content. A new build is a new worker
// script byte for byte, so browsers install it and refill the cache.
// Dev has no such worker: it registers MSW's worker alone, and nothing is
// cached (see src/app/lab-runtime.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const APP_WORKER = 'app-worker.js';
const TEMPLATE = new URL('../worker/app-worker.js', import.meta.url);
/** Served by the browser's worker machinery, not from the app's cache. */
const NOT_CACHED = new Set([APP_WORKER, 'mockServiceWorker.js']);

/** @returns {import('vite').Plugin} */
export function appWorker() {
  return {
    name: 'authlab:app-worker',
    apply: 'build',
    // After Vite's own plugins, so index.html and MSW's worker are in the bundle.
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = Object.keys(bundle).filter((name) => !name.endsWith('.map') && !NOT_CACHED.has(name)).sort();
        const hash = createHash('sha256');
        for (const name of files) {
          const item = /** @type {import('vite').Rollup.OutputChunk | import('vite').Rollup.OutputAsset} */ (bundle[name]);
          hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
        }
        const manifest = { version: hash.digest('hex').slice(0, 16), files };
        this.emitFile({
          type: 'asset',
          fileName: APP_WORKER,
          source: `const APP_PRECACHE = ${JSON.stringify(manifest)};\n${readFileSync(TEMPLATE, 'utf8')}`,
        });
      },
    },
  };
}

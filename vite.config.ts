import react from '@vitejs/plugin-react';
import { msw } from 'msw/vite';
import { defineConfig } from 'vite';
import { appWorker } from './scripts/app-worker-plugin.mjs';
import { csp } from './scripts/csp-plugin.mjs';
import { lessonCheck } from './scripts/lesson-check-plugin.mjs';
import { SHOP_ORIGIN } from './src/sim/origins.ts';

export default defineConfig({
  // Relative URLs throughout the build, so dist/ works from any path of a
  // static host (https://example.org/authlab/) without a rebuild; routes are
  // in the hash, so the page itself is always the directory's index.html.
  base: './',
  plugins: [
    react(),
    // MSW is the backend in production too, so the worker script must ship.
    // 'worker-only' serves /mockServiceWorker.js in dev and always emits it into
    // dist/ (the default 'auto' mode only emits it for bundles importing
    // `virtual:msw`); the app starts the worker itself via msw/browser.
    msw({ mode: 'worker-only' }),
    // The built app's worker: MSW's worker behind an offline cache of the build.
    appWorker(),
    csp({ simulatedOrigins: [SHOP_ORIGIN] }),
    // A malformed lesson fails the build with file:line:col (see lessons/README.md).
    lessonCheck(),
  ],
  build: {
    // Modern browsers only (Vite 8 default, spelled out): chrome/edge 111,
    // firefox 114, safari 16.4. Top-level await and ES2022 classes work natively.
    target: 'baseline-widely-available',
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 5173, strictPort: false },
});

// The browser tests launch the same system Chromium as the benchmark.
export { findChromium, launchChromium } from '../../../scripts/chromium.mjs';

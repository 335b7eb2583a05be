// The browser tests launch the same system Chromium as the benchmark.
export { CHROMIUM_FLAGS, findChromium, launchChromium } from '../../../scripts/chromium.mjs';

// The browser tests launch the same system Chromium as the benchmark.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../../scripts/chromium.mjs';

export { CHROMIUM_FLAGS, findChromium, launchChromium } from '../../../scripts/chromium.mjs';

/**
 * One Chromium for the whole test file: launched before its first test,
 * closed after its last. Call at the top level of the file; the getter
 * throws if a test runs before the launch finished.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running: useChromium() must be called at the top level of the test file');
    return browser;
  };
}

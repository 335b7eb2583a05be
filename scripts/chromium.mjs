// Finds and launches the system Chromium through playwright-core. Shared by the
// browser tests and the benchmark: browser downloads do not work on our CI
// machines, so we drive Debian's `chromium` (installed by .ci/run).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string} path of a Chromium binary, or throws naming what to install */
export function findChromium() {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it: `sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}

/** The flags every launch uses; a test that launches Chromium its own way adds to these. */
export const CHROMIUM_FLAGS = Object.freeze([
  '--no-sandbox', // CI containers run as root, where the sandbox cannot start
  '--disable-gpu',
  // Keep the browser quiet and deterministic: no update/sync/field-trial traffic.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_FLAGS] });
}

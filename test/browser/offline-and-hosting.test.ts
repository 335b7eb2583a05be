/**
 * The built app as a static host serves it: after one visit it works with
 * no network at all (the app worker's cache beside MSW's backend), it runs
 * under its Content-Security-Policy without a single violation, and it
 * works from a sub-path of the host, service worker included.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { SHOP_ORIGIN } from '../../src/sim/origins.ts';
import { useChromium } from './support/chromium.ts';
import { action, exchange } from './support/lab-page.ts';
import { serveDist } from './support/static-host.ts';

const browser = useChromium();
/** Installing the worker fetches every asset; a busy 2-core machine can take seconds. */
const slow = { timeout: 30_000 };

const heading = (page: Page) => page.getByRole('heading', { level: 1, name: 'AuthLab' });
const nav = (page: Page) => page.getByRole('navigation', { name: 'Views' });

/**
 * Resolves once a service worker controls the page and its cache holds every
 * file of the build (the worker fills it beside the running app, after
 * activation: see worker/app-worker.js), read from the manifest the build
 * wrote at the top of the worker script.
 */
async function workerReady(page: Page): Promise<{ scriptURL: string; scope: string }> {
  await expect.poll(() => page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null || registration.active?.state !== 'activated') return false;
    const script = await (await fetch(registration.active.scriptURL, { cache: 'no-store' })).text();
    const manifest = /^const APP_PRECACHE = (.*);$/m.exec(script);
    if (!manifest) return false;
    const { version, files } = JSON.parse(manifest[1]!) as { version: string; files: string[] };
    const cache = await caches.open(`authlab-app-${version}`);
    const held = await Promise.all(files.map((file) => cache.match(new URL(file, registration.active!.scriptURL).href, { ignoreVary: true })));
    return held.every(Boolean);
  }), slow).toBe(true);
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scriptURL: navigator.serviceWorker.controller!.scriptURL, scope: registration.scope };
  });
}

/** Alice logs in through the MSW backend: the exchange shows in the timeline. */
async function logIn(page: Page): Promise<void> {
  await action(page, 'LOG_IN — log in as Alice').click();
  await exchange(page, /^POST \/login → 200/).waitFor(slow);
}

async function newPage(context: BrowserContext): Promise<{ page: Page; errors: Error[] }> {
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { page, errors };
}

describe('offline and hosting', () => {
  test('after the first visit the app loads and works with no network: the playground, every lesson, Compare and Scenario tests', async () => {
    const host = await serveDist('/');
    const context = await browser().newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const { page, errors } = await newPage(context);
      await page.goto(host.url);
      await heading(page).waitFor();
      await workerReady(page);

      // No network: the host is gone and the browser is offline. The HTTP cache goes too
      // (it may keep index.html by heuristic freshness): what remains is the worker's own cache.
      await host.close();
      await context.setOffline(true);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await page.reload();
      await heading(page).waitFor(slow);
      await logIn(page);

      await nav(page).getByRole('link', { name: 'Lessons' }).click();
      const list = page.getByRole('list', { name: 'Lessons, in order' });
      await list.getByRole('link', { name: '1. HTTP forgets you' }).waitFor(slow);
      const lessons = await list.getByRole('heading', { level: 3 }).getByRole('link').allTextContents();
      expect(lessons.length).toBeGreaterThanOrEqual(6);
      for (const lesson of lessons) {
        await page.getByRole('link', { name: lesson, exact: true }).click();
        // Each lesson's text is its own chunk: the step card shows only if it came from the cache.
        await page.getByRole('region', { name: /^Step \d+ of \d+/ }).waitFor(slow);
        await page.getByRole('link', { name: '← All lessons' }).first().click();
        await list.waitFor(slow);
      }

      await nav(page).getByRole('link', { name: 'Compare session vs JWT' }).click();
      await page.getByRole('group', { name: 'Sequences' }).waitFor(slow);
      await nav(page).getByRole('link', { name: 'Scenario tests' }).click();
      await page.getByRole('heading', { name: 'Scenario tests' }).waitFor(slow);
      await page.getByRole('region', { name: 'Write your own scenario' }).waitFor(slow);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await host.close().catch(() => undefined);
    }
  });

  test('the built app runs under its Content-Security-Policy: an inline script is refused, the app raises no violation, and a login works', async () => {
    const context = await browser().newContext();
    // Collected from the first byte of every document, before the app's scripts run.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
    });
    try {
      const { page, errors } = await newPage(context);
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        // The simulated shop's 401s (Compare's replay after logout) are the lesson, not a fault of the page.
        const simulatedStatus = /^Failed to load resource: the server responded with a status of \d+/.test(message.text());
        if (message.type() === 'error' && !simulatedStatus) consoleErrors.push(message.text());
      });
      await page.goto(inject('baseURL'));
      await heading(page).waitFor();

      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content', slow);
      const directives = new Map((policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
      expect(directives.get('script-src')).toEqual(["'self'"]);
      // The page's policy is checked before a request reaches the service worker, so the
      // simulated shop MSW answers must be allowed; nothing else beyond the app's origin.
      expect(directives.get('connect-src')).toEqual(["'self'", SHOP_ORIGIN]);
      expect(directives.get('worker-src')).toEqual(["'self'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'self'"]);

      await logIn(page);
      await nav(page).getByRole('link', { name: 'Compare session vs JWT' }).click();
      await page.getByRole('group', { name: 'Sequences' }).getByRole('button').first().click();
      await page.getByRole('list', { name: 'Steps in the jwt shop' }).getByRole('listitem').first().waitFor(slow);
      await nav(page).getByRole('link', { name: 'Lessons' }).click();
      await page.getByRole('link', { name: '1. HTTP forgets you' }).click();
      await page.getByRole('region', { name: /^Step \d+ of \d+/ }).waitFor(slow);
      await nav(page).getByRole('link', { name: 'Scenario tests' }).click();
      await page.getByRole('region', { name: 'Write your own scenario' }).waitFor(slow);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(errors).toEqual([]);

      // The policy is enforced, not just written: an inline script put into the page does not run, and is reported.
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineScriptRan = true';
        document.head.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
      });
      expect(ran).toBe(false);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([
        expect.stringMatching(/^script-src-elem blocked inline/),
      ]);
    } finally {
      await context.close();
    }
  });

  test('the built app works from a sub-path of a static host, its service worker scoped to that path', async () => {
    const host = await serveDist('/authlab/');
    const context = await browser().newContext();
    try {
      const { page, errors } = await newPage(context);
      await page.goto(host.url);
      await heading(page).waitFor(slow);
      const worker = await workerReady(page);
      const prefix = new URL(host.url);
      expect(new URL(worker.scope).pathname).toBe(prefix.pathname);
      expect(new URL(worker.scriptURL).pathname.startsWith(prefix.pathname)).toBe(true);
      await logIn(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await host.close();
    }
  });
});

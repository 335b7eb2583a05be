/**
 * axe-core finds no violations on the main view in light and dark, after a
 * login in each auth style, nor on the compare view after a sequence; the
 * theme choice survives a reload and a corrupt saved value falls back to the
 * system theme. The lessons list and a lesson page with a step run are
 * checked in both themes too, and so is the scenario tests page after a run
 * with passing, failing and malformed scenarios on screen.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { openLab as openLabIn } from './support/lab-page.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = useChromium();

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Violations in the page, or only in the elements matching `include` (CSS selectors). */
async function axeViolations(page: Page, include?: string[]): Promise<string[]> {
  // Evaluated by the test, not added as an inline <script>: the built app's CSP refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selectors) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(selectors ? { include: selectors.map((s) => [s]) } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  }, include);
  return violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3))}`);
}

async function openLab(theme?: string): Promise<Page> {
  return (await openLabIn(browser(), theme ? { theme } : {})).page;
}

describe('accessibility', () => {
  for (const theme of ['light', 'dark']) {
    for (const style of ['Session cookie', 'JWT']) {
      test(`axe finds no violations: ${theme} theme, ${style}, after logging in`, async () => {
        const page = await openLab(theme);
        await page.getByRole('radio', { name: style, exact: true }).check();
        await page.getByRole('group', { name: "Alice's actions" }).getByRole('button', { name: 'LOG_IN — log in as Alice', exact: true }).click();
        await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        await page.getByText('Sandbox: every switch').click();
        await page.getByLabel('Session idle timeout (min)').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  for (const theme of ['light', 'dark']) {
    test(`axe finds no violations in the stage and the timeline with content: ${theme} theme, two nodes, one crashed, a 401 and a selected message`, async () => {
      const page = await openLab(theme);
      const alice = page.getByRole('group', { name: "Alice's actions" });
      const exchanges = page.getByRole('list', { name: 'Exchanges, oldest first' });
      await page.getByText('Sandbox: every switch').click();
      await page.getByLabel('Nodes', { exact: true }).fill('2');
      await page.getByLabel('Nodes', { exact: true }).press('Enter');
      await page.getByLabel('Session store', { exact: true }).selectOption('per-node');
      await alice.getByRole('button', { name: 'LOG_IN — log in as Alice', exact: true }).click();
      await exchanges.getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
      await alice.getByRole('button', { name: 'CALL_ME — GET /me', exact: true }).click();
      await exchanges.getByRole('button', { name: /^GET \/me → 401 from node-2/ }).waitFor();
      await page.getByRole('group', { name: 'Deployment' }).getByRole('button', { name: 'Crash node-1' }).click();
      await page.locator('.stage [data-node="node-1"].down').waitFor();
      await exchanges.getByRole('button', { name: /^POST \/login → 200/ }).click();
      await page.getByRole('heading', { name: 'Path of the selected request' }).waitFor();
      // Both views have content: drawn rows, a highlighted route and the caption.
      expect(await page.locator('.seq-list svg.seq-row').count()).toBe(2);
      expect(await page.locator('.stage .stage-link.active').count()).toBeGreaterThan(0);
      expect(await axeViolations(page, ['.stage', '.exchanges'])).toEqual([]);
      await page.context().close();
    });

    test(`axe finds no violations: ${theme} theme, scenario tests page after Run all, a failing run of my own and a mistake`, async () => {
      const context = await browser().newContext();
      await context.addInitScript((t) => window.localStorage.setItem('authlab.theme', t), theme);
      const page = await context.newPage();
      await page.goto(new URL('#/scenarios', inject('baseURL')).href);
      const runAll = page.getByRole('region', { name: 'Every lesson and scenario file' });
      await runAll.getByRole('button', { name: 'Run all' }).click();
      await expect.poll(() => runAll.getByRole('status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^Finished after/);
      const own = page.getByRole('region', { name: 'Write your own scenario' });
      const editor = page.getByLabel(/^Your scenario, as/);
      await editor.fill((await editor.inputValue()).replace('body.user.username: alice', 'body.user.username: bob'));
      await own.getByRole('button', { name: 'Run', exact: true }).click();
      await own.locator('.failed-check').waitFor({ timeout: 30_000 });
      await editor.fill(`${await editor.inputValue()}  - bob: dance\n`);
      await own.getByRole('list', { name: 'Mistakes in your scenario' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    test(`axe finds no violations: ${theme} theme, compare view after a sequence`, async () => {
      const context = await browser().newContext();
      await context.addInitScript((t) => window.localStorage.setItem('authlab.theme', t), theme);
      const page = await context.newPage();
      await page.goto(new URL('#/compare?seq=stolen-after-logout', inject('baseURL')).href);
      await expect.poll(() => page.getByRole('list', { name: 'Steps in the jwt shop' }).getByRole('listitem').count(), { timeout: 20_000 }).toBe(15);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  for (const theme of ['light', 'dark']) {
    test(`axe finds no violations in the lessons list and a lesson page mid-step: ${theme} theme`, async () => {
      const context = await browser().newContext();
      await context.addInitScript((t) => window.localStorage.setItem('authlab.theme', t), theme);
      const page = await context.newPage();
      await page.goto(`${inject('baseURL')}#/lessons`);
      await page.getByRole('link', { name: '1. HTTP forgets you' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // A step with its prediction answered, a hint shown, the step run and its checks on screen, beside the lab panels.
      await page.getByRole('link', { name: '1. HTTP forgets you' }).click();
      await page.getByRole('button', { name: 'Next step ▶' }).click();
      await page.getByRole('button', { name: 'Next step ▶' }).click();
      await page.getByRole('button', { name: 'Next step ▶' }).click();
      const card = page.getByRole('region', { name: /^Step 4 of/ });
      await card.getByRole('button', { name: /^Show a hint/ }).click();
      await card.getByRole('radio').first().check();
      await card.getByRole('button', { name: 'Lock in my prediction' }).click();
      await card.getByRole('button', { name: 'Run step' }).click();
      await card.getByRole('table', { name: 'Checks of step 4' }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Show solution' }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  test('the theme choice survives a reload; a corrupt saved value falls back to the system theme', async () => {
    const page = await openLab();
    await page.evaluate(() => window.localStorage.setItem('authlab.theme', 'not-a-theme'));
    await page.reload();
    await page.getByLabel('System').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    expect(await page.getByLabel('System').isChecked()).toBe(true);
    await page.getByLabel('Dark').check();
    await page.reload();
    await page.getByLabel('Dark').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByLabel('Dark').isChecked()).toBe(true);
    await page.context().close();
  });
});

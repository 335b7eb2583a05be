/**
 * A screenshot of each main view for the record, in test-results/screenshots
 * (gitignored): the playground after logging in, the sandbox open, the
 * compare view after a sequence, a lesson step after it ran, the scenario
 * tests page after a run, and the playground in the dark theme.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';

const DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const VIEWPORT = { width: 1280, height: 900 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const browser = useChromium();
beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
});

async function open(hash: string, theme = 'light'): Promise<Page> {
  const context = await browser().newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript((t) => window.localStorage.setItem('authlab.theme', t), theme);
  const page = await context.newPage();
  await page.goto(new URL(hash, inject('baseURL')).href);
  return page;
}

async function logIn(page: Page): Promise<void> {
  await page.getByRole('group', { name: "Alice's actions" }).getByRole('button', { name: 'LOG_IN — log in as Alice', exact: true }).click();
  await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
}

/** Saves the viewport and checks the file is a PNG (signature, IHDR) of the viewport's size. */
async function shoot(page: Page, name: string): Promise<void> {
  const path = join(DIR, `${name}.png`);
  await page.screenshot({ path });
  const png = readFileSync(path);
  expect(png.length).toBeGreaterThan(10_000);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(VIEWPORT);
  await page.context().close();
}

describe('screenshots of the main views', () => {
  test('playground, logged in', async () => {
    const page = await open('#/playground');
    await logIn(page);
    await shoot(page, 'playground-logged-in');
  });

  test('sandbox open', async () => {
    const page = await open('#/playground?auth=jwt');
    await page.getByText('Sandbox: every switch').click();
    await page.getByLabel('JWT algorithm').scrollIntoViewIfNeeded();
    await shoot(page, 'sandbox-open');
  });

  test('a lesson step after it ran, beside the lab panels', async () => {
    const page = await open('#/lessons/server-side-sessions/2');
    const card = page.getByRole('region', { name: /^Step 2 of/ });
    await card.getByRole('button', { name: 'Run step' }).click();
    await card.getByRole('table', { name: 'Checks of step 2' }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'lesson-step');
  });

  test('compare, after a sequence', async () => {
    const page = await open('#/compare?seq=idle-16-min');
    await expect.poll(() => page.getByRole('list', { name: 'Steps in the jwt shop' }).getByRole('listitem').count(), { timeout: 20_000 }).toBe(3);
    await shoot(page, 'compare');
  });

  test('scenario tests, after Run all and a failing run of my own', async () => {
    const page = await open('#/scenarios');
    const runAll = page.getByRole('region', { name: 'Every lesson and scenario file' });
    await runAll.getByRole('button', { name: 'Run all' }).click();
    await expect.poll(() => runAll.getByRole('status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^Finished after/);
    const editor = page.getByLabel(/^Your scenario, as/);
    await editor.fill((await editor.inputValue()).replace('body.user.username: alice', 'body.user.username: bob'));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.editor-report .failed-check').scrollIntoViewIfNeeded();
    await shoot(page, 'scenarios');
  });

  test('dark theme, logged in with JWT', async () => {
    const page = await open('#/playground?auth=jwt', 'dark');
    await logIn(page);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shoot(page, 'playground-dark');
  });
});

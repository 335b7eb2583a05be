// The playground page as the browser tests drive it: opening it in a fresh
// context (optionally with a saved theme or reduced motion) and the
// locators every test uses, found by role and name as a learner would.
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';

export interface LabOptions {
  /** Saved in localStorage before the page loads, as the theme switch would. */
  theme?: string;
  reducedMotion?: 'reduce' | 'no-preference';
}

/** Alice's action buttons, scoped to their group so exchange labels never match. */
export const action = (page: Page, name: string) => page.getByRole('group', { name: "Alice's actions" }).getByRole('button', { name, exact: true });

/** The state the diagram's text alternative marks as current. */
export const currentState = (page: Page) => page.locator('.state-list [aria-current="step"] strong').textContent();

/** The label of the step marked current in the list of recorded steps. */
export const currentStep = (page: Page) => page.getByRole('list', { name: 'Recorded steps' }).locator('[aria-current="step"]').textContent();

export const timeline = (page: Page) => page.getByRole('list', { name: 'Exchanges, oldest first' });

export const exchange = (page: Page, label: RegExp) => timeline(page).getByRole('button', { name: label });

/** Opens the playground and waits until Alice can act; page errors are collected for the test to assert on. */
export async function openLab(browser: Browser, options: LabOptions = {}): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ reducedMotion: options.reducedMotion ?? 'no-preference' });
  if (options.theme) await context.addInitScript((t) => window.localStorage.setItem('authlab.theme', t), options.theme);
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(inject('baseURL'));
  await action(page, 'LOG_IN — log in as Alice').waitFor();
  return { page, errors };
}

/**
 * Play/pause over recorded steps: after going back to the start, Play walks
 * forward through every step and stops at the last; Pause (or the "p" key)
 * stops it where it is.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action, currentState, currentStep } from './support/lab-page.ts';

const browser = useChromium();

async function recordThreeSteps(): Promise<{ page: Page; errors: Error[] }> {
  const page = await browser().newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(inject('baseURL'));
  for (const [event, state] of [
    ['LOG_IN — log in as Alice', 'signedIn'],
    ['CALL_ME — GET /me', 'signedIn'],
    ['LOG_OUT — POST /logout', 'signedOut'],
  ] as const) {
    await action(page, event).click();
    await expect.poll(() => currentStep(page)).toMatch(new RegExp(`^\\d\\. ${event.split(' ')[0]}`));
    await expect.poll(() => currentState(page)).toBe(state);
  }
  await page.getByRole('group', { name: 'Time travel' }).getByRole('button', { name: 'Reset to start' }).click();
  await expect.poll(() => currentStep(page)).toMatch(/^0\. start/);
  expect(await page.getByText('No requests yet.').isVisible()).toBe(true);
  return { page, errors };
}

describe('play/pause', () => {
  test('Play at 2× walks forward through the recorded steps and stops at the last one', async () => {
    const { page, errors } = await recordThreeSteps();
    const travel = page.getByRole('group', { name: 'Time travel' });
    await travel.getByLabel('Speed').selectOption('2');
    // Every step the list marks current, as it happens (polling could miss a short one on a busy machine).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenSteps: string[] }).seenSteps = seen;
      const list = document.querySelector('[aria-label="Recorded steps"]')!;
      new MutationObserver(() => {
        const label = list.querySelector('[aria-current="step"]')?.textContent ?? '';
        if (seen.at(-1) !== label) seen.push(label);
      }).observe(list, { subtree: true, attributes: true, childList: true, characterData: true });
    });
    await travel.getByRole('button', { name: '▶ Play' }).click();
    await travel.getByRole('button', { name: '⏸ Pause' }).waitFor();
    await expect.poll(() => currentStep(page), { timeout: 15_000 }).toMatch(/^3\. LOG_OUT/);
    // Each recorded step came back in order: the whole world, not only the diagram.
    const seen = await page.evaluate(() => (window as unknown as { seenSteps: string[] }).seenSteps.map((s) => s.split(' ')[0]));
    expect(seen).toEqual(['1.', '2.', '3.']);
    await expect.poll(() => currentState(page)).toBe('signedOut');
    const exchanges = page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button');
    expect(await exchanges.count()).toBe(3);
    // Stopped at the end: nothing left to play.
    const play = travel.getByRole('button', { name: '▶ Play' });
    await play.waitFor();
    expect(await play.isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the p key plays and pauses; paused, the step stays put', async () => {
    const { page, errors } = await recordThreeSteps();
    const travel = page.getByRole('group', { name: 'Time travel' });
    await travel.getByLabel('Speed').selectOption('0.5');
    await page.locator('body').press('p');
    await travel.getByRole('button', { name: '⏸ Pause' }).waitFor();
    await expect.poll(() => currentStep(page), { timeout: 15_000 }).not.toMatch(/^0\./);
    await page.locator('body').press('p');
    await travel.getByRole('button', { name: '▶ Play' }).waitFor();
    const paused = await currentStep(page);
    // Longer than one step at 0.5× (2 s): a running player would have moved on.
    await page.waitForTimeout(2500);
    expect(await currentStep(page)).toBe(paused);
    expect(paused).not.toMatch(/^3\./);
    expect(errors).toEqual([]);
    await page.close();
  });
});

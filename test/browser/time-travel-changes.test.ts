/**
 * Time travel in the page across a change to the world's make-up: add a
 * node, act, reset to the start, step forward again. The node comes back
 * with the world of each step (issue 8: this used to throw a TypeError and
 * leave a half-restored world).
 */
import { describe, expect, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action, currentState, currentStep, openLab } from './support/lab-page.ts';

const browser = useChromium();

describe('time travel across an added node', () => {
  test('add a node, log in, reset to the start, step forward: each step comes back, node-2 with it', async () => {
    const { page, errors } = await openLab(browser());
    const travel = page.getByRole('group', { name: 'Time travel' });
    await page.getByRole('button', { name: 'Add a node', exact: true }).click();
    await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(/^1\. deployment: Add a node/);
    await action(page, 'LOG_IN — log in as Alice').click();
    await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(/^2\. LOG_IN/);
    const crashNode2 = page.getByRole('button', { name: 'Crash node-2', exact: true });
    expect(await crashNode2.count()).toBe(1);

    await travel.getByRole('button', { name: 'Reset to start' }).click();
    await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(/^0\. start/);
    await expect.poll(() => crashNode2.count(), { timeout: 10_000 }).toBe(0);

    for (const [step, state] of [
      [/^1\. deployment: Add a node/, 'signedOut'],
      [/^2\. LOG_IN/, 'signedIn'],
    ] as const) {
      await travel.getByRole('button', { name: 'Step forward ▶' }).click();
      await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(step);
      await expect.poll(() => currentState(page), { timeout: 10_000 }).toBe(state);
    }
    expect(await crashNode2.count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Acting after stepping back replaces the later steps, and the page says which.
    await travel.getByRole('button', { name: '◀ Step back' }).click();
    await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(/^1\. deployment: Add a node/);
    await page.getByRole('button', { name: '+16 min', exact: true }).click();
    await expect.poll(() => currentStep(page), { timeout: 10_000 }).toMatch(/^2\. /);
    expect(await page.getByRole('status').filter({ hasText: 'after stepping back' }).textContent()).toMatch(/after stepping back.*the 1 later step\(s\) "LOG_IN" are gone/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

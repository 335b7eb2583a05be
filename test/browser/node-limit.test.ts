/**
 * The Sandbox's "Add a node" at the node limit (8): the button is disabled
 * and the panel says why, in words a screen reader reaches too.
 */
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action } from './support/lab-page.ts';

const browser = useChromium();

describe('the node limit in the page', () => {
  test('with 7 nodes, Add a node works once; then it is disabled and the panel says the deployment already has 8', async () => {
    const page = await (await browser().newContext()).newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${inject('baseURL')}#/playground?deployment.nodes=7`);
    await action(page, 'LOG_IN — log in as Alice').waitFor();
    const add = page.getByRole('button', { name: 'Add a node', exact: true });
    expect(await add.isEnabled()).toBe(true);
    await add.click();
    await expect.poll(() => add.isDisabled(), { timeout: 10_000 }).toBe(true);
    expect(await add.getAttribute('title')).toMatch(/already has 8 nodes, the most a world may have/);
    const deployment = page.getByRole('group', { name: 'Deployment' });
    expect(await deployment.getByRole('list', { name: 'Why some actions are unavailable' }).textContent()).toMatch(/^Add a node: The deployment already has 8 nodes/);
    expect(await page.getByRole('button', { name: 'Crash node-8', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

/**
 * The partner service in real Chromium: its Sandbox button verifies Alice's
 * token with jose's createRemoteJWKSet, whose JWKS fetch goes through the MSW
 * worker and shows on the stage (partner.example → load balancer → node) and
 * in the timeline (the partner's own lane); a second check uses the cache.
 * Screenshots of the stage with the partner's fetch at 1440×900 and 390×844
 * go to test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action, exchange } from './support/lab-page.ts';

const DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const browser = useChromium();
beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
});

const stagePaths = (page: Page) => page.locator('.stage-caption li').allTextContents();
const partnerBox = (page: Page) => page.locator('.stage [data-service="partner"]');
const verifyButton = (page: Page) => page.getByRole('group', { name: 'Partner service (partner.example)' }).getByRole('button', { name: "Verify Alice's access token" });

async function openJwtLab(viewport: { width: number; height: number }): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser().newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(new URL('#/playground?auth=jwt', inject('baseURL')).href);
  await action(page, 'LOG_IN — log in as Alice').click();
  await exchange(page, /^POST \/login → 200/).waitFor();
  return { page, errors };
}

describe('the partner service on the stage', () => {
  test("verifying Alice's token fetches the JWKS through the worker: the stage draws partner → load balancer → node-1, the timeline gives the partner a lane", async () => {
    const { page, errors } = await openJwtLab({ width: 1440, height: 900 });
    expect(await partnerBox(page).count()).toBe(0);
    await verifyButton(page).click();
    await expect.poll(() => stagePaths(page)).toEqual(['GET /.well-known/jwks.json: partner.example → load balancer → node-1 → 200']);
    expect(await partnerBox(page).getAttribute('class')).toContain('active');
    expect(await partnerBox(page).textContent()).toContain('fresh · cooldown');
    expect(await page.locator('.stage [data-node="node-1"]').getAttribute('class')).toContain('active');
    await exchange(page, /^GET \/\.well-known\/jwks\.json → 200 from node-1 partner/).waitFor();
    expect(await page.locator('.seq-header .seq-lane-name.service').textContent()).toBe('Partner');
    expect(await page.locator('.notes li').first().textContent()).toBe("partner: Verify Alice's access token: accepted (fetched GET /.well-known/jwks.json → 200)");

    await partnerBox(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(DIR, 'partner-jwks-1440.png') });

    // The second check is answered from jose's cache: no new request.
    await verifyButton(page).click();
    await expect.poll(() => page.locator('.notes li').first().textContent()).toBe("partner: Verify Alice's access token: accepted (from its cached JWKS, no fetch)");
    expect(await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^GET \/\.well-known\/jwks\.json/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('at 390×844 the partner box and its fetch are on the stage, which scrolls sideways inside its own pane', async () => {
    const { page, errors } = await openJwtLab({ width: 390, height: 844 });
    await verifyButton(page).click();
    await expect.poll(() => stagePaths(page)).toEqual(['GET /.well-known/jwks.json: partner.example → load balancer → node-1 → 200']);
    // The wide drawing scrolls inside the stage's pane; the pane itself fits the screen.
    expect(await page.locator('section.stage').evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
    expect(await page.locator('.stage-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await partnerBox(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(DIR, 'partner-jwks-390.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

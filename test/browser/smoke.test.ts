// Smoke test: the built app loads in a real Chromium.
import { expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';

const browser = useChromium();

test('the built app loads with its title and heading', async () => {
  const page = await browser().newPage();
  // Uncaught exceptions in the page would otherwise go unnoticed.
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(inject('baseURL'));
  expect(await page.title()).toBe('AuthLab');
  const heading = page.getByRole('heading', { level: 1, name: 'AuthLab' });
  await heading.waitFor({ state: 'visible' });
  expect(await heading.isVisible()).toBe(true);
  expect(pageErrors).toEqual([]);
  await page.close();
});

test('the MSW worker script ships with the build (MSW is the backend in production)', async () => {
  const response = await fetch(new URL('mockServiceWorker.js', inject('baseURL')));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/javascript/);
});

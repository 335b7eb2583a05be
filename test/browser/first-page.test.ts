/**
 * The first page in real Chromium against the built app: the MSW service
 * worker answers as the shop, and a learner can log in and out in both auth
 * styles and find every exchange, cookie and token on screen.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action, currentState, exchange, openLab as openLabIn, timeline } from './support/lab-page.ts';

const browser = useChromium();

const openLab = () => openLabIn(browser());

/** Switches the playground to JWT and logs Alice in; returns the token inspector's verdict, which first reads 200. */
async function aliceLoggedInWithJwt(page: Page): Promise<Locator> {
  await page.getByRole('radio', { name: 'JWT', exact: true }).check();
  await action(page, 'REFRESH — POST /refresh').waitFor();
  await action(page, 'LOG_IN — log in as Alice').click();
  const verdict = page.locator('.token .verdict');
  await expect.poll(() => verdict.textContent()).toBe("GET /me from alice's browser: the shop answers 200 as alice");
  return verdict;
}

describe('the first page in Chromium', () => {
  test('the MSW service worker controls the page and answers for the shop', async () => {
    const { page, errors } = await openLab();
    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
    // The built app's worker, which imports MSW's (worker/app-worker.js).
    expect(scriptURL).toMatch(/\/app-worker\.js$/);
    await action(page, 'LOG_IN — log in as Alice').click();
    // The request really went through fetch and the worker: it shows in the Performance timeline.
    await exchange(page, /^POST \/login → 200 from node-1/).waitFor();
    const sawFetch = await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name === 'https://shop.example.com/login'));
    expect(sawFetch).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('session style: log in, call /me, log out, and the old session is gone', async () => {
    const { page, errors } = await openLab();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    // The inspector shows the response's Set-Cookie under its real name.
    const responseHeaders = page.getByRole('table', { name: 'Response headers' });
    await expect.poll(() => responseHeaders.getByRole('row', { name: /Set-Cookie/ }).textContent()).toMatch(/__Host-shop_sid=.*HttpOnly; Secure; SameSite=Lax/);
    const jar = page.locator('.cookie-jar');
    await expect.poll(() => jar.getByRole('row', { name: /__Host-shop_sid/ }).textContent()).toContain('host-only');
    // A session cookie ends with the browser session, which a browser restoring its last session carries on.
    expect(await jar.getByRole('row', { name: /__Host-shop_sid/ }).textContent()).toContain(
      'session (dropped when the browser closes; a browser that restores the previous session may keep it)',
    );
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 200/).waitFor();
    await expect.poll(() => page.getByText('read session (shared store) → found').count()).toBeGreaterThan(0);
    await action(page, 'LOG_OUT — POST /logout').click();
    await exchange(page, /^POST \/logout → 200/).waitFor();
    expect(await jar.getByText('No cookies.').isVisible()).toBe(true);
    // The server deleted the row, and the flow is back to signedOut where only LOG_IN is possible.
    await expect.poll(() => page.locator('.server').textContent()).toContain('No session rows.');
    await expect.poll(() => currentState(page)).toBe('signedOut');
    expect(await action(page, 'CALL_ME — GET /me').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the session lifecycle the server consults shows each verdict: used and kept, then idle-expired after +16 min', async () => {
    const { page, errors } = await openLab();
    const lifecycle = page.getByRole('region', { name: 'A session, as the server rules it' });
    await expect.poll(() => lifecycle.locator('.verdict').textContent()).toMatch(/No verdict yet/);
    // Signed out, the unavailable actions say where they would work.
    await expect.poll(() => page.getByRole('list', { name: 'Why some actions are unavailable' }).textContent()).toContain('CALL_ME is not possible in signedOut; only in signedIn');

    await action(page, 'LOG_IN — log in as Alice').click();
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 200/).waitFor();
    await expect.poll(() => lifecycle.locator('.verdict').textContent()).toMatch(/USE, stays active, on node-1/);

    await page.getByRole('group', { name: 'Virtual clock' }).getByRole('button', { name: '+16 min' }).click();
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 401/).waitFor();
    await expect.poll(() => lifecycle.locator('.verdict').textContent()).toMatch(/USE \[idleTooLong\], active → idleExpired/);
    expect(await lifecycle.locator('.node.current').getAttribute('data-state')).toBe('idleExpired');
    expect(await lifecycle.locator('.edge.last').getAttribute('data-edge')).toContain('USE [idleTooLong]');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('JWT style: log in, see the decoded token, call /me with a Bearer header, log out', async () => {
    const { page, errors } = await openLab();
    await page.getByRole('radio', { name: 'JWT', exact: true }).check();
    await action(page, 'REFRESH — POST /refresh').waitFor();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    const token = page.locator('.token');
    await expect.poll(() => token.textContent()).toContain('"at+jwt"');
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 200/).waitFor();
    const requestHeaders = page.getByRole('table', { name: 'Request headers' });
    expect(await requestHeaders.getByRole('row', { name: /Authorization/ }).textContent()).toMatch(/Bearer ey/);
    await action(page, 'LOG_OUT — POST /logout').click();
    await exchange(page, /^POST \/logout → 200/).waitFor();
    await expect.poll(() => page.locator('.server').textContent()).toMatch(/revoked \(logout\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('moving the virtual clock past the idle timeout ends the session on the server', async () => {
    const { page } = await openLab();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    await page.getByRole('group', { name: 'Virtual clock' }).getByRole('button', { name: '+16 min' }).click();
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 401/).waitFor();
    expect(await page.getByLabel('Response body').textContent()).toContain('session_expired');
    await expect.poll(() => currentState(page)).toBe('sessionEnded');
    expect(await page.locator('.diagram .node.current').getAttribute('data-state')).toBe('sessionEnded');
    await page.close();
  });

  test('the JWT diagram refreshes an expired token on its own and highlights the edge it took', async () => {
    const { page, errors } = await openLab();
    await page.getByRole('radio', { name: 'JWT', exact: true }).check();
    await action(page, 'REFRESH — POST /refresh').waitFor();
    await action(page, 'LOG_IN — log in as Alice').click();
    await expect.poll(() => currentState(page)).toBe('signedIn');
    await page.getByRole('group', { name: 'Virtual clock' }).getByRole('button', { name: '+16 min' }).click();
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 200/).waitFor();
    for (const label of [/^GET \/me → 401/, /^POST \/refresh → 200/]) expect(await exchange(page, label).count()).toBe(1);
    await expect.poll(() => currentState(page)).toBe('signedIn');
    expect(await page.locator('.diagram .edge.last').getAttribute('data-edge')).toBe('callApi done');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the token inspector explains a pasted token, garbage or tampered, without breaking the page', async () => {
    const { page, errors } = await openLab();
    const verdict = await aliceLoggedInWithJwt(page);
    const input = page.getByLabel(/Alice's access token/);
    const token = await input.inputValue();
    await input.fill('not a token at all');
    // The token's own check says what is wrong; the shop, sent `Bearer not a token at all`, finds no bearer token in it.
    await expect.poll(() => page.getByRole('list', { name: "The token's own checks" }).textContent()).toMatch(/format: .*3 dot-separated parts/);
    await expect.poll(() => verdict.textContent()).toMatch(/the shop answers 401 token_missing/);
    await page.getByLabel('Pasted token').fill('not-a-token');
    await expect.poll(() => verdict.textContent()).toMatch(/the shop answers 401 token_malformed/);
    // Flip one character of the payload: the signature no longer matches.
    const [h, p, sig] = token.split('.') as [string, string, string];
    const flipped = `${h}.${p.slice(0, 10)}${p[10] === 'A' ? 'B' : 'A'}${p.slice(11)}.${sig}`;
    await page.getByLabel('Pasted token').fill(flipped);
    await expect.poll(() => verdict.textContent()).toMatch(/401 (bad_signature|token_malformed)/);
    await page.getByRole('button', { name: "Inspect Alice's token again" }).click();
    await expect.poll(() => verdict.textContent()).toBe("GET /me from alice's browser: the shop answers 200 as alice");
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a panel that cannot be drawn says why and offers a way on; the rest of the page keeps working', async () => {
    const { page, errors } = await openLab();
    const pane = page.getByRole('region', { name: "Alice's browser", exact: true });
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // A real input: exp 1e300 seconds is after the last date a browser can show, so the inspector cannot draw it.
    const noDate = `${part({ alg: 'none' })}.${part({ exp: 1e300 })}.`;
    await page.getByLabel(/Alice's access token/).fill(noDate);
    const alert = pane.getByRole('alert');
    await expect.poll(() => alert.textContent()).toBe('The token inspector could not be shown: Invalid time value');
    // Only that panel is gone: the cookie jar beside it, Alice's actions and the views' nav are still there.
    expect(await pane.locator('.cookie-jar').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Lessons' }).isVisible()).toBe(true);
    expect(await pane.getByRole('button', { name: 'Step back' }).isDisabled()).toBe(true);
    await pane.getByRole('button', { name: 'Reload this panel' }).click();
    await expect.poll(() => page.getByLabel(/Alice's access token/).inputValue()).toBe('');
    await page.getByLabel(/Alice's access token/).fill(noDate);
    await alert.waitFor();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    // A new step of the world draws the panel afresh.
    await expect.poll(() => pane.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel(/Alice's access token/).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a view whose code cannot be downloaded says so where the view would be; the nav still works; Retry loads it', async () => {
    const context = await browser().newContext();
    let blocked = true;
    // As when offline, or when a new deploy removed the old chunk.
    await context.route(/\/assets\/ScenariosView-[^/]*\.(js|css)(\?.*)?$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(inject('baseURL'));
    await action(page, 'LOG_IN — log in as Alice').waitFor();
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name: 'Scenario tests' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
    await expect.poll(() => failed.textContent()).toMatch(/^This part of AuthLab could not be loaded \(.*ScenariosView.*\)\./);
    // The nav and the other views still work.
    await nav.getByRole('link', { name: 'Playground' }).click();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    await nav.getByRole('link', { name: 'Scenario tests' }).click();
    await failed.waitFor();
    blocked = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Scenario tests' }).waitFor();
    expect(await failed.count()).toBe(0);
    // The view's styles came too, not only its script.
    expect(await page.locator('main.scenarios').evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    // The browser remembers a script it failed to fetch for the page's life, so Retry reloaded the page at the same address.
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('reload');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a view whose stylesheet alone failed to download loads in place on Retry, and the playground keeps its steps', async () => {
    const context = await browser().newContext();
    let blocked = true;
    await context.route(/\/assets\/ScenariosView-[^/]*\.css(\?.*)?$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(inject('baseURL'));
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name: 'Scenario tests' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'could not be loaded' }).textContent()).toMatch(/^This part of AuthLab could not be loaded \(Unable to preload CSS for .*ScenariosView-.*\.css\)\./);
    // Still out of reach: Retry says so and stays.
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'could not be loaded' }).textContent()).toMatch(/ScenariosView-.*\.css is still out of reach/);
    blocked = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Scenario tests' }).waitFor();
    expect(await page.locator('main.scenarios').evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type)).toBe('navigate');
    await nav.getByRole('link', { name: 'Playground' }).click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('after a JWT logout with the denylist, the inspector says what the shop answers to the copied token: 401 token_revoked', async () => {
    const { page, errors } = await openLab();
    const verdict = await aliceLoggedInWithJwt(page);
    const token = await page.getByLabel(/Alice's access token/).inputValue();
    await action(page, 'LOG_OUT — POST /logout').click();
    await exchange(page, /^POST \/logout → 200/).waitFor();
    const exchanges = await timeline(page).getByRole('button').count();
    await page.getByLabel(/Alice's access token/).fill(token);
    await expect.poll(() => verdict.textContent()).toMatch(/^GET \/me from alice's browser: the shop answers 401 token_revoked: .*denylist/);
    const did = page.getByRole('list', { name: 'What the shop did' });
    await expect.poll(() => did.textContent()).toContain('looked the jti up in the denylist: listed (revoked)');
    // Asking is no request: the timeline has no new exchange.
    expect(await timeline(page).getByRole('button').count()).toBe(exchanges);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the clock advances by a typed duration and says what is wrong with a bad one', async () => {
    const { page, errors } = await openLab();
    const clock = page.getByRole('group', { name: 'Virtual clock' });
    await page.getByLabel('Advance by').fill('soon');
    await clock.getByRole('button', { name: 'Advance', exact: true }).click();
    await expect.poll(() => clock.getByRole('alert').textContent()).toContain('"soon" is not a duration');
    expect(await clock.locator('time').textContent()).toBe('2026-03-02 09:00 UTC');
    // Too long to take (past 100 years) or too long to be a finite number: refused with the input named, the page still there.
    for (const huge of ['99999999999 d', `${'9'.repeat(400)} d`]) {
      await page.getByLabel('Advance by').fill(huge);
      await clock.getByRole('button', { name: 'Advance', exact: true }).click();
      await expect.poll(() => clock.getByRole('alert').textContent()).toBe(`"${huge}" is longer than the clock's limit of 100 years per step`);
      expect(await clock.locator('time').textContent()).toBe('2026-03-02 09:00 UTC');
    }
    await page.getByLabel('Advance by').fill('5 h');
    await clock.getByRole('button', { name: 'Advance', exact: true }).click();
    await expect.poll(() => clock.locator('time').textContent()).toBe('2026-03-02 14:00 UTC');
    expect(await clock.getByRole('alert').count()).toBe(0);
    // 100 years is the longest step, and it is taken.
    await page.getByLabel('Advance by').fill('36500 d');
    await clock.getByRole('button', { name: 'Advance', exact: true }).click();
    await expect.poll(() => clock.locator('time').textContent()).toBe('2126-02-06 14:00 UTC');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('stepping back restores the whole world; forward and the keyboard shortcuts replay it', async () => {
    const { page, errors } = await openLab();
    const travel = page.getByRole('group', { name: 'Time travel' });
    const jar = page.locator('.cookie-jar');
    await action(page, 'LOG_IN — log in as Alice').click();
    await expect.poll(() => currentState(page)).toBe('signedIn');
    await action(page, 'LOG_OUT — POST /logout').click();
    await expect.poll(() => currentState(page)).toBe('signedOut');
    expect(await jar.getByText('No cookies.').isVisible()).toBe(true);

    await travel.getByRole('button', { name: '◀ Step back' }).click();
    await expect.poll(() => currentState(page)).toBe('signedIn');
    await expect.poll(() => jar.getByRole('row', { name: /__Host-shop_sid/ }).count()).toBe(1);
    expect(await exchange(page, /^POST \/logout/).count()).toBe(0);
    // The restored session is real: the server still has it.
    await action(page, 'CALL_ME — GET /me').click();
    await exchange(page, /^GET \/me → 200/).waitFor();
    expect(await page.getByRole('list', { name: 'Recorded steps' }).getByRole('button').allTextContents()).toEqual([
      expect.stringMatching(/^0\. start/),
      expect.stringMatching(/^1\. LOG_IN/),
      expect.stringMatching(/^2\. CALL_ME/),
    ]);

    await page.locator('body').press(',');
    await expect.poll(() => exchange(page, /^GET \/me/).count()).toBe(0);
    await page.locator('body').press('.');
    await expect.poll(() => exchange(page, /^GET \/me → 200/).count()).toBe(1);
    await travel.getByRole('button', { name: 'Reset to start' }).click();
    await expect.poll(() => currentState(page)).toBe('signedOut');
    expect(await page.getByText('No requests yet.').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});


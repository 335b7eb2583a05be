/**
 * The stage and the sequence-diagram timeline in real Chromium: the path of
 * each request in words and in the picture, a second node set up through the
 * sandbox, selecting a message, time travel, reduced motion and a long trace.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';
import { action, exchange, openLab as openLabIn, timeline, type LabOptions } from './support/lab-page.ts';

const browser = useChromium();

const openLab = (options?: LabOptions) => openLabIn(browser(), options);
/** The stage's text alternative: the heading, then one line per request path. */
const stagePaths = (page: Page) => page.locator('.stage-caption li').allTextContents();
const stageHeading = (page: Page) => page.locator('.stage-caption h3').textContent();
const activeNodes = (page: Page) => page.locator('.stage [data-node].active').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
const travel = (page: Page, name: string) => page.getByRole('group', { name: 'Time travel' }).getByRole('button', { name }).click();

async function logInAndCallMe(page: Page): Promise<void> {
  await action(page, 'LOG_IN — log in as Alice').click();
  await exchange(page, /^POST \/login → 200/).waitFor();
  await action(page, 'CALL_ME — GET /me').click();
  await exchange(page, /^GET \/me/).waitFor();
}

describe('the stage and the sequence diagram', () => {
  test("after Alice logs in and calls /me, the stage says which node answered and what it read from the shared store", async () => {
    const { page, errors } = await openLab();
    await action(page, 'LOG_IN — log in as Alice').click();
    await expect.poll(() => stagePaths(page)).toEqual(['POST /login: Alice → load balancer → node-1 → shared store (users read, hit; session write) → 200']);
    await action(page, 'CALL_ME — GET /me').click();
    await expect.poll(() => stagePaths(page)).toEqual([expect.stringMatching(/^GET \/me: Alice → load balancer → node-1 → shared store \(session read, hit;.*\) → 200$/)]);
    expect(await stageHeading(page)).toBe("Path of this step's request");
    // The picture agrees: Alice, node-1 and the store are on the highlighted route.
    expect(await activeNodes(page)).toEqual(['node-1']);
    expect(await page.locator('.stage [data-browser="alice"]').getAttribute('class')).toContain('active');
    expect(await page.locator('.stage .stage-box.store').getAttribute('class')).toContain('active');
    expect(await page.locator('.stage [data-node="node-1"]').textContent()).toContain('served 2 requests');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test("a JWT request's server work sets a verification timed in this browser beside its simulated store round trips", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${inject('baseURL')}#/playground?auth=jwt`);
    await logInAndCallMe(page);
    const inspector = page.locator('.inspector');
    await expect.poll(() => inspector.locator('h3').first().textContent()).toMatch(/^Server work for this request \(\d+ ms of simulated store round trips\)$/);
    // The simulation charges the check nothing; the note gives a real ES256 verification's time in ms instead.
    await expect
      .poll(() => inspector.locator('.verification-cost').textContent(), { timeout: 15_000 })
      .toMatch(/^The simulation charges 0 ms for its signature check; in this browser, one ES256 verification took ~\d+(\.\d+)? ms \(median of \d+ timings of \d+ verifications each\)\.$/);
    const ms = Number(/~(\d+(?:\.\d+)?) ms/.exec((await inspector.locator('.verification-cost').textContent()) ?? '')?.[1]);
    expect(ms).toBeGreaterThan(0);
    await context.close();
  });

  test('two nodes with per-node memory behind round-robin (set in the sandbox): the second request lands on node-2 and gets 401', async () => {
    const { page, errors } = await openLab();
    await page.getByText('Sandbox: every switch').click();
    await page.getByLabel('Nodes', { exact: true }).fill('2');
    await page.getByLabel('Nodes', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('.stage [data-node]').count()).toBe(2);
    await page.getByLabel('Session store', { exact: true }).selectOption('per-node');
    await expect.poll(() => page.locator('.stage .stage-box.store').textContent()).toContain('per-node');
    expect(await page.getByLabel('Load balancer', { exact: true }).inputValue()).toBe('round-robin');
    await logInAndCallMe(page);
    await exchange(page, /^GET \/me → 401 from node-2 alice at /).waitFor();
    await expect.poll(() => stagePaths(page)).toEqual(['GET /me: Alice → load balancer → node-2 → node-2 memory (session read, miss) → 401']);
    expect(await activeNodes(page)).toEqual(['node-2']);
    // The timeline has a lifeline for each node.
    expect(await page.locator('.seq-header').textContent()).toMatch(/node-1.*node-2.*shared store/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('selecting a message in the sequence diagram opens it in the inspector and on the stage, by mouse or keyboard', async () => {
    const { page, errors } = await openLab();
    await logInAndCallMe(page);
    const login = exchange(page, /^POST \/login → 200 from node-1 alice at 09:00:00$/);
    // The row is drawn as arrows; clicking the drawing selects the exchange.
    await login.locator('svg.seq-row').click();
    await expect.poll(() => page.locator('.inspector .request-line').textContent()).toMatch(/^POST https:\/\/shop\.example\.com\/login → 200 from node-1/);
    expect(await login.getAttribute('aria-pressed')).toBe('true');
    expect(await stageHeading(page)).toBe('Path of the selected request');
    expect(await stagePaths(page)).toEqual([expect.stringMatching(/^POST \/login: /)]);
    const me = exchange(page, /^GET \/me → 200/);
    await me.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.inspector .request-line').textContent()).toMatch(/^GET https:\/\/shop\.example\.com\/me → 200/);
    expect(await me.getAttribute('aria-pressed')).toBe('true');
    expect(await login.getAttribute('aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('stepping back and forward: the stage and the timeline follow the restored world', async () => {
    const { page, errors } = await openLab();
    await page.getByText('Sandbox: every switch').click();
    await page.getByLabel('Nodes', { exact: true }).fill('3');
    await page.getByLabel('Nodes', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('.stage [data-node]').count()).toBe(3);
    await logInAndCallMe(page);
    await expect.poll(() => stagePaths(page)).toEqual([expect.stringMatching(/^GET \/me: Alice → load balancer → node-2 /)]);

    await travel(page, '◀ Step back');
    await expect.poll(() => stagePaths(page)).toEqual([expect.stringMatching(/^POST \/login: Alice → load balancer → node-1 /)]);
    expect(await exchange(page, /^GET \/me/).count()).toBe(0);
    expect(await exchange(page, /^POST \/login/).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('.stage [data-node="node-2"]').textContent()).toContain('served 0 requests');

    await travel(page, 'Step forward ▶');
    await expect.poll(() => stagePaths(page)).toEqual([expect.stringMatching(/^GET \/me: Alice → load balancer → node-2 /)]);
    await exchange(page, /^GET \/me → 200 from node-2/).waitFor();

    // Back to before the node count changed: one node on the stage and no requests.
    await travel(page, 'Reset to start');
    await expect.poll(() => page.locator('.stage [data-node]').count()).toBe(1);
    expect(await stageHeading(page)).toBe('No requests yet');
    expect(await page.getByText('No requests yet. Log in as Alice to start.').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('with reduced motion the route is highlighted without a moving dot', async () => {
    for (const motion of ['no-preference', 'reduce'] as const) {
      const { page } = await openLab({ reducedMotion: motion });
      await action(page, 'LOG_IN — log in as Alice').click();
      await expect.poll(() => activeNodes(page)).toEqual(['node-1']);
      expect(await page.locator('.stage .stage-link.active').count()).toBeGreaterThan(0);
      const packet = page.locator('.stage .packet');
      expect(await packet.count()).toBe(1);
      const style = await packet.evaluate((el) => ({ display: getComputedStyle(el).display, animation: getComputedStyle(el).animationName }));
      if (motion === 'reduce') expect(style.display).toBe('none');
      else expect(style).toEqual({ display: 'block', animation: 'stage-travel' });
      await page.context().close();
    }
  });

  test('a long trace: every exchange stays a button, but only rows near the viewport are drawn', async () => {
    const { page, errors } = await openLab();
    await action(page, 'LOG_IN — log in as Alice').click();
    await exchange(page, /^POST \/login → 200/).waitFor();
    await page.evaluate(async () => {
      // The DevTools hook (src/app/console-hook.ts): requests outside Alice's flow, as a script would send them.
      const world = (window as unknown as { authlab: { world: { page(name: string): { me(): Promise<unknown> } } } }).authlab.world;
      for (let i = 0; i < 80; i++) await world.page('alice').me();
    });
    await expect.poll(() => timeline(page).getByRole('button').count()).toBe(81);
    const drawn = await page.locator('.seq-list svg.seq-row').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(30);
    // The step's requests are many: the stage shows the newest few and says so.
    expect(await stageHeading(page)).toMatch(/^Paths of the last 6 of this step's 80 requests/);
    // Scrolled to the top, the first exchange is drawn.
    await page.locator('.seq-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
    await expect.poll(() => exchange(page, /^POST \/login → 200/).locator('svg.seq-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

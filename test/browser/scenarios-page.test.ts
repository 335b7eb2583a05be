/**
 * The scenario tests page in real Chromium: every lesson and scenario file
 * runs through the MSW service worker and passes; a learner's own scenario
 * shows a failing check's expected and actual values with file:line:col,
 * a malformed one its mistakes with line and column, and a shared link
 * opens the same scenario in a new page. All of it by keyboard.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';

const browser = useChromium();

async function openScenarios(hash = '#/scenarios'): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser().newContext();
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(new URL(hash, inject('baseURL')).href);
  await page.getByRole('heading', { name: 'Scenario tests' }).waitFor();
  return { page, errors };
}

const editor = (page: Page) => page.getByLabel(/^Your scenario, as/);
const runAllRegion = (page: Page) => page.getByRole('region', { name: 'Every lesson and scenario file' });
const editorRegion = (page: Page) => page.getByRole('region', { name: 'Write your own scenario' });

/** Replaces the editor's text as typing would (select all, then insert). */
async function typeScenario(page: Page, text: string): Promise<void> {
  await editor(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

describe('the scenario tests page', () => {
  test('Run all, by keyboard: every lesson and scenario file passes, with a summary', async () => {
    const { page, errors } = await openScenarios();
    const region = runAllRegion(page);
    const runAll = region.getByRole('button', { name: 'Run all' });
    await runAll.waitFor();
    const files = await region.locator('.file-result').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-file') ?? ''));
    expect(files).toContain('lessons/02-server-side-sessions.md');
    expect(files).toContain('lessons/scenarios/session-idle-timeout.scenario.yaml');
    await runAll.focus();
    await page.keyboard.press('Enter');
    // While it runs the same button stops it, and focus stays on it.
    await region.getByRole('button', { name: 'Stop' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop');
    await expect.poll(() => region.getByRole('status').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^Finished after [\d.]+ s: \d+ scenarios passed, 0 failed\.$/);
    for (const file of files) {
      expect(await region.locator(`.file-result[data-file="${file}"] .file-head .badge`).textContent(), file).toBe('passed');
    }
    const summary = region.getByRole('definition').first();
    expect(await summary.textContent()).toBe(`${files.length} passed, 0 failed`);
    expect(await region.locator('.step-result.failed').count()).toBe(0);
    expect(errors).toEqual([]);

    // Re-run one scenario: only it runs again, and it passes again.
    const rerun = region.getByRole('button', { name: /^Re-run scenario ".*" of lessons\/scenarios\/session-idle-timeout\.scenario\.yaml$/ }).first();
    await rerun.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => region.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Finished after/);
    expect(await region.locator('.file-result[data-file="lessons/scenarios/session-idle-timeout.scenario.yaml"] .file-head .badge').textContent()).toBe('passed');
    await page.context().close();
  });

  test('editing the example so a check fails shows expected vs actual and where it is written', async () => {
    const { page, errors } = await openScenarios();
    const region = editorRegion(page);
    const text = await editor(page).inputValue();
    const changed = text.replace('body.user.username: alice', 'body.user.username: bob');
    expect(changed).not.toBe(text);
    const lines = changed.split('\n');
    const line = lines.findIndex((l) => l.includes('body.user.username: bob')) + 1;
    const col = lines[line - 1]!.indexOf('body.user') + 1;
    await typeScenario(page, changed);
    await region.getByText(/^No mistakes: 1 scenario, 6 steps\.$/).waitFor();
    await region.getByRole('button', { name: 'Run', exact: true }).click();
    const check = region.locator('.failed-check');
    await check.waitFor({ timeout: 30_000 });
    expect(await check.locator('.where').textContent()).toBe(`my-scenario.scenario.yaml:${line}:${col}`);
    expect(await check.locator('.subject').textContent()).toBe('body.user.username');
    expect(await check.getByRole('definition').allTextContents()).toEqual(['"bob"', '"alice"']);
    expect(await region.locator('.scenario-result .scenario-head .badge').textContent()).toBe('failed');
    // The steps after the failing one are skipped, and the location moves the cursor there.
    expect(await region.locator('.step-result.skipped').count()).toBe(2);
    await check.locator('.where').click();
    const caret = await editor(page).evaluate((area: HTMLTextAreaElement) => [area.selectionStart, document.activeElement === area] as const);
    expect(caret).toEqual([lines.slice(0, line - 1).join('\n').length + col, true]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a malformed scenario shows its mistakes with line and column; choosing one moves the cursor there', async () => {
    const { page, errors } = await openScenarios();
    const region = editorRegion(page);
    const broken = ['title: Broken', 'scenarios:', '  - name: x', '    steps:', '      - bob: dance', '      - alice: log in', '        expect: { status: [' ].join('\n');
    await typeScenario(page, broken);
    const mistakes = region.getByRole('list', { name: 'Mistakes in your scenario' });
    await mistakes.waitFor();
    const items = await mistakes.getByRole('listitem').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatch(/^line \d+, column \d+ \S/);
    expect(await editor(page).getAttribute('aria-invalid')).toBe('true');
    expect(await region.getByRole('button', { name: 'Run', exact: true }).getAttribute('aria-disabled')).toBe('true');
    // Keyboard: Tab from the editor reaches the first mistake; Enter puts the cursor on its line.
    const first = mistakes.getByRole('button').first();
    const [, line, col] = /^line (\d+), column (\d+)$/.exec((await first.textContent()) ?? '')!.map(Number);
    await first.focus();
    await page.keyboard.press('Enter');
    const where = await editor(page).evaluate((area: HTMLTextAreaElement) => {
      const before = area.value.slice(0, area.selectionStart);
      return { focused: document.activeElement === area, line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') };
    });
    expect(where).toEqual({ focused: true, line, col });
    expect(await region.getByText(`Line ${line}, column ${col}`, { exact: true }).isVisible()).toBe(true);
    // A reload keeps the text, mistakes and all.
    await page.reload();
    await mistakes.waitFor();
    expect(await editor(page).inputValue()).toBe(broken);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('share a scenario as a link and open it in a new page', async () => {
    const { page, errors } = await openScenarios();
    const region = editorRegion(page);
    const text = (await editor(page).inputValue()).replace('+10 min', '+12 min').replace('title: My scenario', 'title: Shared by link');
    await typeScenario(page, text);
    // By keyboard: Share comes right after Run in the tab order.
    await region.getByRole('button', { name: 'Run', exact: true }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Share as a link');
    await page.keyboard.press('Enter');
    const link = await region.getByLabel(/^Link to this scenario/).inputValue();
    expect(link).toMatch(/#\/scenarios\?s=[A-Za-z0-9_-]+$/);
    await expect.poll(() => page.evaluate(() => window.location.href)).toBe(link);

    // A new browser profile (nothing saved) opens the link and gets the same text, which runs.
    const other = await browser().newContext();
    const opened = await other.newPage();
    await opened.goto(link);
    await editorRegion(opened).getByText('Opened the scenario from the link. Press Run to run it.', { exact: true }).waitFor();
    expect(await editor(opened).inputValue()).toBe(text);
    // Nothing of this visitor's own was saved, so there is nothing to bring back.
    expect(await editorRegion(opened).getByRole('button', { name: 'Bring back my own scenario' }).count()).toBe(0);
    await editorRegion(opened).getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => editorRegion(opened).locator('.scenario-result .scenario-head .badge').textContent(), { timeout: 30_000 }).toBe('passed');
    await other.close();

    // The sharer writes something else, then follows the link again: the shared text shows, and their own comes back on request.
    const mine = text.replace('title: Shared by link', 'title: Mine, after sharing');
    await typeScenario(page, mine);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/scenarios');
    await page.goto(link);
    await editorRegion(page).getByText(/^Opened the scenario from the link\. Press Run to run it\. Your own scenario is still saved/).waitFor();
    expect(await editor(page).inputValue()).toBe(text);
    await page.reload();
    await editorRegion(page).getByRole('button', { name: 'Bring back my own scenario' }).click();
    expect(await editor(page).inputValue()).toBe(mine);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/scenarios');

    // A damaged link says so and leaves the learner's own text in place.
    const damaged = await browser().newContext();
    const bad = await damaged.newPage();
    await bad.goto(link.replace(/s=.*$/, 's=AAAA%21%21'));
    await editorRegion(bad).getByRole('alert').getByText(/could not be read: the link is damaged or cut short/).waitFor();
    expect(await editor(bad).inputValue()).toContain('title: My scenario');
    await expect.poll(() => bad.evaluate(() => window.location.hash)).toBe('#/scenarios');
    await damaged.close();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a scenario too long for a link says so, and the address keeps no stale link', async () => {
    const { page, errors } = await openScenarios();
    const region = editorRegion(page);
    // Text that hardly compresses: a comment of 12,000 varied characters (a fixed sequence, the same every run).
    let x = 1;
    const noise = Array.from({ length: 12_000 }, () => String.fromCharCode(33 + ((x = (x * 48_271) % 2_147_483_647) % 90))).join('');
    await typeScenario(page, `${await editor(page).inputValue()}# ${noise}\n`);
    await region.getByRole('button', { name: 'Share as a link' }).click();
    await region.getByRole('alert').getByText(/^This scenario is too long to share as a link: it needs [\d,]+ characters and links are kept under 8,000/).waitFor();
    expect(await region.getByLabel(/^Link to this scenario/).count()).toBe(0);
    expect(await page.evaluate(() => window.location.hash)).toBe('#/scenarios');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a damaged saved scenario shows a message and the example, not a blank page', async () => {
    const context = await browser().newContext();
    await context.addInitScript(() => window.localStorage.setItem('authlab.scenario-draft', '{"version":1,"text":'));
    const page = await context.newPage();
    await page.goto(new URL('#/scenarios', inject('baseURL')).href);
    await editorRegion(page).getByRole('alert').getByText(/Your saved scenario was damaged/).waitFor();
    expect(await editor(page).inputValue()).toContain('title: My scenario');
    await context.close();
  });
});

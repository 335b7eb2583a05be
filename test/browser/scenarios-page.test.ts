/**
 * The scenario tests page in real Chromium: every lesson and scenario file
 * runs through the MSW service worker and passes; a learner's own scenario
 * shows a failing check's expected and actual values with file:line:col,
 * a malformed one its mistakes with line and column, and a shared link
 * opens the same scenario in a new page. All of it by keyboard.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { encodeShare } from '../../src/app/share-link.ts';
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

  test('a damaged saved scenario shows a message and the example, not a blank page, and offers the damaged value for download', async () => {
    const context = await browser().newContext();
    const damaged = '{"version":1,"text":"title: Half of my work\\nscenarios:';
    // Only when nothing is saved: a reload must see what the page saved, not the damaged value again.
    await context.addInitScript((raw) => {
      if (window.localStorage.getItem('authlab.scenario-draft') === null) window.localStorage.setItem('authlab.scenario-draft', raw);
    }, damaged);
    const page = await context.newPage();
    await page.goto(new URL('#/scenarios', inject('baseURL')).href);
    const alert = editorRegion(page).getByRole('alert').filter({ hasText: /Your saved scenario was damaged/ });
    await alert.waitFor();
    expect(await editor(page).inputValue()).toContain('title: My scenario');
    // Before anything is typed, the damaged value can be downloaded exactly as it was saved.
    expect(await savedDraft(page)).toBe(damaged);
    expect(await downloadFrom(page, alert.getByRole('button', { name: 'Download the damaged saved value' }))).toBe(damaged);
    // Typing replaces it, and says so; the download is still offered until the page is left.
    await typeScenario(page, 'title: New start\nscenarios: []\n');
    await expect.poll(() => savedDraft(page)).toBe(JSON.stringify({ version: 1, text: 'title: New start\nscenarios: []\n' }));
    await alert.getByText(/has been replaced by what you typed/).waitFor();
    expect(await downloadFrom(page, alert.getByRole('button', { name: 'Download the damaged saved value' }))).toBe(damaged);
    await context.close();
  });
});

/** The draft as localStorage holds it now (the raw saved value). */
const savedDraft = (page: Page) => page.evaluate(() => window.localStorage.getItem('authlab.scenario-draft'));
const savedDraftText = async (page: Page) => (JSON.parse((await savedDraft(page)) ?? 'null') as { text: string } | null)?.text;

/** Clicks a download button and returns the downloaded file's text. */
async function downloadFrom(page: Page, button: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return readFile(path, 'utf8');
}

const MINE = 'title: My own work\nscenarios:\n  - name: mine\n    steps:\n      - alice: log in\n';
const SHARED = 'title: From a friend\nscenarios:\n  - name: theirs\n    steps:\n      - alice: log in\n        expect: { status: 200 }\n';

/** A context whose saved draft is MINE (set once, so reloads see what the page saved). */
async function contextWithMyDraft(): Promise<BrowserContext> {
  const context = await browser().newContext();
  await context.addInitScript((text) => {
    if (window.localStorage.getItem('authlab.scenario-draft') === null) window.localStorage.setItem('authlab.scenario-draft', JSON.stringify({ version: 1, text }));
  }, MINE);
  return context;
}

async function linkTo(text: string): Promise<string> {
  const encoded = await encodeShare(text);
  if (!encoded.ok) throw new Error(encoded.message);
  return new URL(`#/scenarios?s=${encoded.value}`, inject('baseURL')).href;
}

describe("the learner's saved scenario is never lost silently", () => {
  test('editing a scenario opened from a link never writes over the learner\'s own saved scenario until they choose', async () => {
    const context = await contextWithMyDraft();
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    const link = await linkTo(SHARED);
    await page.goto(link);
    const region = editorRegion(page);
    const notice = region.getByRole('status').filter({ hasText: /^Opened the scenario from the link/ });
    await notice.getByText(/Your own scenario is still saved/).waitFor();
    expect(await editor(page).inputValue()).toBe(SHARED);

    // One character typed into the shared text: the learner's own draft is untouched, and the way back stays.
    await editor(page).focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('#');
    const edited = `${SHARED}#`;
    expect(await editor(page).inputValue()).toBe(edited);
    await page.waitForTimeout(400);
    expect(await savedDraftText(page)).toBe(MINE);
    expect(await notice.getByText(/Your own scenario is still saved/).isVisible()).toBe(true);
    expect(await region.getByRole('button', { name: 'Bring back my own scenario' }).isVisible()).toBe(true);

    // A reload keeps the edited shared copy (the address no longer carries the link), still apart from the learner's own.
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/scenarios');
    await page.reload();
    await region.getByRole('button', { name: 'Bring back my own scenario' }).waitFor();
    expect(await editor(page).inputValue()).toBe(edited);
    expect(await savedDraftText(page)).toBe(MINE);
    await region.getByRole('button', { name: 'Bring back my own scenario' }).click();
    expect(await editor(page).inputValue()).toBe(MINE);
    await page.reload();
    await editor(page).waitFor();
    expect(await editor(page).inputValue()).toBe(MINE);

    // Keeping the shared text as one's own is a choice the learner makes, and only then is the draft replaced.
    await page.goto(link);
    await notice.waitFor();
    await typeScenario(page, edited);
    await region.getByRole('button', { name: 'Keep this as my scenario' }).click();
    await expect.poll(() => savedDraftText(page)).toBe(edited);
    expect(await region.getByRole('button', { name: 'Bring back my own scenario' }).count()).toBe(0);
    await page.reload();
    await editor(page).waitFor();
    expect(await editor(page).inputValue()).toBe(edited);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a draft changed in another tab is warned about, never overwritten silently; the learner picks which to keep', async () => {
    const context = await contextWithMyDraft();
    const url = new URL('#/scenarios', inject('baseURL')).href;
    const [first, second] = [await context.newPage(), await context.newPage()];
    for (const page of [first, second]) {
      await page.goto(url);
      await editor(page).waitFor();
      expect(await editor(page).inputValue()).toBe(MINE);
    }
    const fromFirst = `${MINE}# written in the first tab\n`;
    await typeScenario(first, fromFirst);
    await expect.poll(() => savedDraftText(first)).toBe(fromFirst);

    // The second tab warns, keeps showing its own text, and typing there does not write over the first tab's.
    const warning = editorRegion(second).getByRole('alert').filter({ hasText: /changed in another tab/ });
    await warning.waitFor();
    expect(await editor(second).inputValue()).toBe(MINE);
    const fromSecond = `${MINE}# written in the second tab\n`;
    await typeScenario(second, fromSecond);
    await second.waitForTimeout(400);
    expect(await savedDraftText(second)).toBe(fromFirst);
    expect(await warning.isVisible()).toBe(true);

    // Keep this tab's version: it is saved, and now the first tab is the one warned.
    await warning.getByRole('button', { name: "Keep this tab's version" }).click();
    await expect.poll(() => savedDraftText(second)).toBe(fromSecond);
    expect(await warning.count()).toBe(0);
    const firstWarning = editorRegion(first).getByRole('alert').filter({ hasText: /changed in another tab/ });
    await firstWarning.waitFor();
    expect(await editor(first).inputValue()).toBe(fromFirst);
    // Load the other tab's version: the first tab shows what the second saved.
    await firstWarning.getByRole('button', { name: "Load the other tab's version" }).click();
    expect(await editor(first).inputValue()).toBe(fromSecond);
    expect(await firstWarning.count()).toBe(0);
    expect(await savedDraftText(first)).toBe(fromSecond);
    await context.close();
  });

  test('a write the browser refuses is said, for an edited shared copy and for the own draft', async () => {
    const context = await contextWithMyDraft();
    const page = await context.newPage();
    await page.goto(await linkTo(SHARED));
    const region = editorRegion(page);
    const opened = region.getByRole('status').filter({ hasText: /^Opened the scenario from the link/ });
    await opened.getByText(/Your own scenario is still saved/).waitFor();
    // From here on the browser's storage is full, as a quota error says.
    await page.evaluate(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const refused = region.getByRole('alert').filter({ hasText: /could not be saved in this browser/ });
    await typeScenario(page, `${SHARED}# more\n`);
    await refused.waitFor();
    // The notice about the link stays true, and the way back stays.
    expect(await opened.getByText(/Your own scenario is still saved/).isVisible()).toBe(true);
    expect(await savedDraftText(page)).toBe(MINE);
    await region.getByRole('button', { name: 'Bring back my own scenario' }).click();
    expect(await editor(page).inputValue()).toBe(MINE);
    expect(await refused.count()).toBe(0);
    await typeScenario(page, `${MINE}# more\n`);
    await refused.waitFor();
    await context.close();
  });

  test('the editor checks the text after a pause in typing, not on every keystroke', async () => {
    const { page, errors } = await openScenarios();
    const region = editorRegion(page);
    await region.getByText(/^No mistakes: 1 scenario, 6 steps\.$/).waitFor();
    // Right after a keystroke that breaks the text, the result still describes the text before it…
    const soon = await page.evaluate(async () => {
      const area = document.getElementById('scenario-text') as HTMLTextAreaElement;
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setValue.call(area, `${area.value}  - [`);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 60));
      return document.getElementById('scenario-mistakes')?.textContent;
    });
    expect(soon).toMatch(/^No mistakes/);
    // …and after the pause it shows the mistake.
    await region.getByRole('list', { name: 'Mistakes in your scenario' }).waitFor({ timeout: 2000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

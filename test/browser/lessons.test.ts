/**
 * The guided lessons in real Chromium, as a learner uses them: the list,
 * a whole lesson walked with the keyboard (predict, run, see the checks, next)
 * with the lab panels showing the lesson's world, progress that survives a
 * reload, a link straight to a step, and unreadable saved progress reset with
 * a message instead of a blank page.
 */
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchChromium } from './support/chromium.ts';

let browser: Browser;
/** Preparing a lesson's world can take seconds on a busy 2-core machine: wait for what a learner would see, not for a deadline. */
const slow = { timeout: 30_000 };
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(hash: string, init?: (page: Page) => Promise<void>): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await init?.(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  return { page, errors };
}

const stepCard = (page: Page) => page.getByRole('region', { name: /^Step \d+ of \d+/ });
const stepTitle = (page: Page) => page.locator('#current-step-title');
const lessonWorld = (page: Page) => page.getByRole('region', { name: "The lesson's world" });
const currentState = (page: Page) => lessonWorld(page).locator('.state-list [aria-current="step"] strong').textContent();
const hash = (page: Page) => page.evaluate(() => window.location.hash);
const lessonItem = (page: Page, title: string) => page.getByRole('list', { name: 'Lessons, in order' }).getByRole('listitem').filter({ hasText: title });
const progressOf = (page: Page, title: string) => lessonItem(page, title).locator('.lesson-progress').textContent();

/** A downloaded file's text. */
function downloadText(download: Download): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    void download.createReadStream().then((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    });
  });
}

/** Runs the step on screen and waits for its checks to pass. */
async function runStep(page: Page): Promise<void> {
  const card = stepCard(page);
  await card.getByRole('button', { name: 'Run step' }).click();
  await expect.poll(() => card.getByText('Every check passed.').count(), slow).toBe(1);
}

/** Tabs until the focused element matches, then presses a key: the page is usable without a mouse. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, key = 'Enter'): Promise<void> {
  // Wait once for the target to exist and be enabled; then each focus check is quick, so a
  // re-render mid-walk costs one more Tab rather than a 30-second locator wait.
  await target.waitFor({ state: 'visible', timeout: 30_000 });
  await expect.poll(() => target.isEnabled(), slow).toBe(true);
  for (let i = 0; i < 80; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false)) {
      await page.keyboard.press(key);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the control with Tab');
}

describe('guided lessons in Chromium', () => {
  test('the list shows every lesson with its summary, objectives, checklist IDs and progress', async () => {
    const { page, errors } = await open('#/lessons');
    const list = page.getByRole('list', { name: 'Lessons, in order' });
    await list.getByRole('link', { name: '1. HTTP forgets you' }).waitFor();
    expect(await list.getByRole('heading', { level: 3 }).count()).toBeGreaterThanOrEqual(6);
    const sessions = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: '2. Server-side sessions' }) });
    expect(await sessions.textContent()).toContain('Proves checklist items SESS-07.');
    expect(await sessions.getByRole('list', { name: 'Objectives of Server-side sessions' }).getByRole('listitem').count()).toBe(3);
    expect(await sessions.locator('.lesson-progress').textContent()).toMatch(/^Not started · \d+ steps$/);
    expect(await page.getByRole('link', { name: 'Lessons' }).getAttribute('aria-current')).toBe('page');
    // A first visit has nothing saved: no progress, and no word of a reset.
    expect(await page.getByText('Your saved lesson progress was reset').count()).toBe(0);
    // A link to a lesson that does not exist says so above the list.
    await page.evaluate(() => (window.location.hash = '#/lessons/no-such-lesson/2'));
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'no lesson called' }).textContent(), slow).toBe(
      'There is no lesson called "no-such-lesson". Choose one from the list.',
    );
    expect(await list.getByRole('listitem').count()).toBeGreaterThanOrEqual(6);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a learner walks lesson 1 with the keyboard: predicts, runs each step, sees the checks, and completes it; progress survives a reload', async () => {
    const { page, errors } = await open('#/lessons');
    await tabTo(page, page.getByRole('link', { name: '1. HTTP forgets you' }));
    await stepTitle(page).waitFor();
    const total = Number(/of (\d+)/.exec((await stepTitle(page).textContent()) ?? '')?.[1]);
    expect(total).toBe(5);
    // The lab panels show the lesson's fresh world.
    await expect.poll(() => currentState(page), slow).toBe('signedOut');
    expect(await lessonWorld(page).getByText('No requests yet.').isVisible()).toBe(true);

    for (let step = 1; step <= total; step += 1) {
      await expect.poll(() => stepTitle(page).textContent(), slow).toMatch(new RegExp(`^Step ${step} of ${total}`));
      expect(await hash(page)).toBe(`#/lessons/http-forgets-you/${step}`);
      const card = stepCard(page);
      const run = card.getByRole('button', { name: 'Run step' });
      const prediction = card.getByRole('group', { name: /^Predict first:/ });
      if (await prediction.count()) {
        // Run waits for the prediction.
        expect(await run.isDisabled()).toBe(true);
        await card.getByRole('button', { name: /^Show a hint \(1 of/ }).focus();
        await page.keyboard.press('Enter');
        expect(await card.getByRole('list', { name: 'Hints' }).getByRole('listitem').count()).toBe(1);
        await tabTo(page, prediction.getByRole('radio').first(), 'Space');
        await page.keyboard.press('ArrowDown'); // the second choice: "401 not_authenticated", the right one
        await tabTo(page, card.getByRole('button', { name: 'Lock in my prediction' }));
        const reveal = card.locator('.reveal');
        await expect.poll(() => reveal.textContent(), slow).toContain('Right. You chose “401 not_authenticated”.');
        // The lesson's explanation comes with the reveal.
        expect(await reveal.textContent()).toContain('The server recognises Alice only by what the request carries.');
      }
      await tabTo(page, run);
      await expect.poll(() => card.getByText('Every check passed.').count(), slow).toBe(1);
      const checks = card.getByRole('table', { name: `Checks of step ${step}` });
      expect(await checks.locator('tbody tr.fail').count()).toBe(0);
      expect(await checks.locator('tbody tr.pass').count()).toBeGreaterThan(0);
      if (step === 2) {
        // The step ran through the playground machinery: Alice's flow diagram and the timeline show it.
        expect(await checks.getByRole('row', { name: /alice flow/ }).textContent()).toContain('signedIn');
        await expect.poll(() => currentState(page), slow).toBe('signedIn');
        await lessonWorld(page).getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
      }
      if (step < total) await tabTo(page, page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Next step ▶' }));
    }
    await page.getByRole('heading', { name: 'Lesson complete. Takeaway' }).waitFor();
    expect(await page.getByRole('link', { name: /^Next lesson: Server-side sessions/ }).count()).toBe(1);

    await page.reload();
    await page.getByRole('link', { name: '← All lessons' }).click();
    const item = page.getByRole('list', { name: 'Lessons, in order' }).getByRole('listitem').filter({ hasText: 'HTTP forgets you' });
    await expect.poll(() => item.locator('.lesson-progress').textContent(), slow).toBe('✓ 5 of 5 steps done · 1 of 1 predictions right · completed');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a link to a step opens that step in a world prepared by the steps before it', async () => {
    const { page, errors } = await open('#/lessons/server-side-sessions/2');
    await expect.poll(() => stepTitle(page).textContent(), slow).toMatch(/^Step 2 of \d+: alice: view account/);
    // Step 1 was replayed to get here: Alice is logged in and her login is on the timeline.
    await expect.poll(() => currentState(page), slow).toBe('signedIn');
    expect(await page.getByRole('list', { name: /^Steps of Log in, use the session, log out so far/ }).textContent()).toContain('alice: log in — replayed');
    await stepCard(page).getByRole('button', { name: 'Run step' }).click();
    await expect.poll(() => stepCard(page).getByText('Every check passed.').count(), slow).toBe(1);
    // Previous step goes back to the moment before step 1: a fresh, signed-out world; the URL follows.
    await page.getByRole('button', { name: '◀ Previous step' }).click();
    await expect.poll(() => hash(page), slow).toBe('#/lessons/server-side-sessions/1');
    await expect.poll(() => currentState(page), slow).toBe('signedOut');
    // The playground keeps its own world: going there shows it, not the lesson's.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Playground' }).click();
    await page.getByRole('group', { name: "Alice's actions" }).getByRole('button', { name: 'LOG_IN — log in as Alice', exact: true }).waitFor();
    expect(await page.getByText('No requests yet.').isVisible()).toBe(true);
    await page.goBack();
    await expect.poll(() => stepTitle(page).textContent(), slow).toMatch(/^Step 1 of/);
    await expect.poll(() => currentState(page), slow).toBe('signedOut');

    // The first step of the lesson's second scenario: a fresh world, the prose before it, the first scenario done.
    await page.evaluate(() => (window.location.hash = '#/lessons/server-side-sessions/6'));
    await expect.poll(() => stepTitle(page).textContent(), slow).toMatch(/^Step 6 of/);
    expect(await page.getByRole('heading', { name: 'A copied cookie after logout' }).isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Scenario: A copy replayed after logout' }).locator('#current-step-title').count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Steps of A copy replayed after logout so far' }).getByRole('listitem').count()).toBe(0);
    await expect.poll(() => currentState(page), slow).toBe('signedOut');
    await expect.poll(() => lessonWorld(page).getByText('No requests yet.').count(), slow).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a wrong prediction is revealed with the answer; progress exports to a file and imports back; a bad file changes nothing; reset starts afresh', async () => {
    const { page, errors } = await open('#/lessons/http-forgets-you/4');
    const card = stepCard(page);
    await card.getByRole('radio', { name: '200, the shop remembers Alice' }).check();
    await card.getByRole('button', { name: 'Lock in my prediction' }).click();
    await expect.poll(() => card.locator('.reveal').textContent(), slow).toContain('Not quite. You chose “200, the shop remembers Alice”; the answer is “401 not_authenticated”.');
    await card.getByRole('button', { name: 'Run step' }).click();
    await expect.poll(() => card.getByText('Every check passed.').count(), slow).toBe(1);

    await page.getByRole('link', { name: '← All lessons' }).click();
    const item = page.getByRole('list', { name: 'Lessons, in order' }).getByRole('listitem').filter({ hasText: 'HTTP forgets you' });
    await expect.poll(() => item.locator('.lesson-progress').textContent(), slow).toBe('1 of 5 steps done · 0 of 1 predictions right · continue at step 4');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress' }).click()]);
    expect(download.suggestedFilename()).toBe('authlab-progress.json');
    const exported = await downloadText(download);
    expect(JSON.parse(exported)).toMatchObject({ app: 'authlab', kind: 'progress', version: 1, lessons: { 'http-forgets-you': { completedSteps: [4] } } });

    const input = page.getByLabel('Import progress…');
    await input.setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from('{"app":"authlab","kind":"progress","version":1,"lessons":{"http-forgets-you":{"completed":"yes"}}}') });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'wrong.json was not imported' }).textContent(), slow).toMatch(
      /your progress is unchanged: nothing in it could be used\. Refused or changed: "http-forgets-you": "furthestStep": Invalid key/,
    );
    expect(await item.locator('.lesson-progress').textContent()).toContain('1 of 5 steps done');

    // Reset the lesson: its steps and answers are forgotten; then the exported file brings them back.
    await item.getByRole('link').click();
    await page.getByRole('button', { name: 'Reset lesson' }).click();
    await expect.poll(() => hash(page), slow).toBe('#/lessons/http-forgets-you/1');
    await page.getByRole('link', { name: '← All lessons' }).click();
    await expect.poll(() => item.locator('.lesson-progress').textContent(), slow).toMatch(/^Not started/);
    await input.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported progress' }).textContent(), slow).toBe(
      'Imported progress for 1 lesson(s) from mine.json, added to the progress already here.',
    );
    await expect.poll(() => item.locator('.lesson-progress').textContent(), slow).toContain('1 of 5 steps done');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('unreadable saved progress is reset with a message that offers the old data; the lessons keep working', async () => {
    const { page, errors } = await open('#/lessons', async (p) => {
      await p.context().addInitScript(() => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('authlab.progress', '{"state": {"lessons": oops');
          sessionStorage.setItem('seeded', '1');
        }
      });
    });
    const notice = page.getByRole('alert').filter({ hasText: 'Your saved lesson progress was reset' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('not valid JSON');
    const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Download the old data' }).click()]);
    expect(download.suggestedFilename()).toBe('authlab-progress-unreadable.txt');
    expect(await page.evaluate(() => localStorage.getItem('authlab.progress.unreadable'))).toBe('{"state": {"lessons": oops');
    await page.getByRole('link', { name: '1. HTTP forgets you' }).click();
    await stepTitle(page).waitFor();
    // Reset cleanly: a reload brings no message back.
    await page.reload();
    await stepTitle(page).waitFor();
    expect(await page.getByText('Your saved lesson progress was reset').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('two tabs each complete a step of a different lesson: both tabs and a reload show both', async () => {
    const { page: a, errors } = await open('#/lessons/http-forgets-you/1');
    const b = await a.context().newPage();
    b.on('pageerror', (error) => errors.push(error));
    await b.goto(`${inject('baseURL')}#/lessons/server-side-sessions/2`);
    await expect.poll(() => stepTitle(a).textContent(), slow).toMatch(/^Step 1 of 5/);
    await expect.poll(() => stepTitle(b).textContent(), slow).toMatch(/^Step 2 of/);
    await runStep(a);
    await runStep(b);
    for (const page of [a, b]) {
      await page.getByRole('link', { name: '← All lessons' }).click();
      await expect.poll(() => progressOf(page, 'HTTP forgets you'), slow).toMatch(/^1 of 5 steps done/);
      await expect.poll(() => progressOf(page, 'Server-side sessions'), slow).toMatch(/^1 of \d+ steps done/);
    }
    await a.reload();
    await expect.poll(() => progressOf(a, 'HTTP forgets you'), slow).toMatch(/^1 of 5 steps done/);
    expect(await progressOf(a, 'Server-side sessions')).toMatch(/^1 of \d+ steps done/);
    expect(errors).toEqual([]);
    await a.context().close();
  });

  test('with localStorage full, a step run says its progress could not be saved and offers the export; an import says it was not stored', async () => {
    const { page, errors } = await open('#/lessons/http-forgets-you/1');
    await expect.poll(() => stepTitle(page).textContent(), slow).toMatch(/^Step 1 of 5/);
    // Fill this origin's localStorage to its quota, as other data of the site might.
    await page.evaluate(() => {
      let size = 1 << 22;
      for (let i = 0; size >= 1; i += 1) {
        try {
          localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
        } catch {
          size = Math.floor(size / 2);
        }
      }
    });
    await runStep(page);
    const warning = page.getByRole('alert').filter({ hasText: 'could not be saved' });
    await expect.poll(() => warning.textContent(), slow).toMatch(/^Your lesson progress could not be saved in this browser \(QuotaExceededError: .*"Export progress"/);
    const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Export progress' }).click()]);
    expect(JSON.parse(await downloadText(download))).toMatchObject({ lessons: { 'http-forgets-you': { completedSteps: [1] } } });

    await page.getByRole('link', { name: '← All lessons' }).click();
    const file = { app: 'authlab', kind: 'progress', version: 1, lessons: { 'jwt-anatomy': { furthestStep: 2, completedSteps: [1, 2], predictions: {}, completed: false } } };
    await page.getByLabel('Import progress…').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'big.json' }).textContent(), slow).toBe(
      'Progress for 1 lesson(s) from big.json is shown, but it could not be stored in this browser, so it will be gone when you reload.',
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('saved progress with one huge bad lesson: only that lesson is reset, the backup key really holds the old text, and the notice quotes only its start', async () => {
    const { page, errors } = await open('#/lessons', async (p) => {
      await p.context().addInitScript(() => {
        if (sessionStorage.getItem('seeded')) return;
        const good = { furthestStep: 3, completedSteps: [1, 2], predictions: {}, completed: false };
        const state = { lessons: { 'http-forgets-you': good, 'server-side-sessions': { furthestStep: 'x'.repeat(3_500_000) } } };
        localStorage.setItem('authlab.progress', JSON.stringify({ state, version: 1 }));
        sessionStorage.setItem('seeded', '1');
      });
    });
    const notice = page.getByRole('alert').filter({ hasText: 'was reset' });
    await notice.waitFor(slow);
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/^Saved progress for 1 lesson\(s\) was reset because it could not be read: "server-side-sessions": "furthestStep": Invalid type: /);
    expect(text).toMatch(/characters in all\)/);
    expect(text).toContain('Your progress for the other lesson(s) is kept.');
    expect(text).toContain('under "authlab.progress.unreadable"');
    expect(text.length).toBeLessThan(1000);
    // The page is not widened by the quoted value.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('authlab.progress.unreadable')?.length)).toBeGreaterThan(3_500_000);
    await expect.poll(() => progressOf(page, 'HTTP forgets you'), slow).toBe('2 of 5 steps done · continue at step 3');
    expect(await progressOf(page, 'Server-side sessions')).toMatch(/^Not started/);
    await page.reload();
    await expect.poll(() => progressOf(page, 'HTTP forgets you'), slow).toBe('2 of 5 steps done · continue at step 3');
    expect(await page.getByText('was reset').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('an imported file is checked against the lessons: unknown IDs and arrays refused, impossible steps clamped, each named', async () => {
    const { page, errors } = await open('#/lessons');
    const file = {
      app: 'authlab',
      kind: 'progress',
      version: 1,
      lessons: {
        'http-forgets-you': { furthestStep: 1e308, completedSteps: [1, -2, 99], predictions: {}, completed: false },
        'no-such-lesson': { furthestStep: 1, completedSteps: [1], predictions: {}, completed: false },
        'server-side-sessions': [],
      },
    };
    await page.getByLabel('Import progress…').setInputFiles({ name: 'odd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const said = page.getByRole('alert').filter({ hasText: 'odd.json' });
    await expect.poll(() => said.textContent(), slow).toMatch(/^Imported progress for 1 lesson\(s\) from odd\.json, added to the progress already here\. Refused or changed: /);
    const text = (await said.textContent()) ?? '';
    expect(text).toContain('"http-forgets-you": "furthestStep" was 1e+308; the lesson has 5 steps, so it is now 5');
    expect(text).toContain('"http-forgets-you": "completedSteps" had -2, 99, not steps of this 5-step lesson; they were left out');
    expect(text).toContain('"no-such-lesson": there is no such lesson; its progress was not imported');
    expect(text).toContain('"server-side-sessions": an array where an object belongs; its progress was not imported');
    await expect.poll(() => progressOf(page, 'HTTP forgets you'), slow).toBe('1 of 5 steps done · continue at step 5');
    expect(await progressOf(page, 'Server-side sessions')).toMatch(/^Not started/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

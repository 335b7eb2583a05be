/**
 * The compare view and shareable URLs in Chromium against the built app: a
 * named sequence runs in two worlds at once and the counters tell them
 * apart; a shared link restores its view and configuration; a broken link
 * names the bad parameter and the page still works; Back and Forward move
 * between views.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { useChromium } from './support/chromium.ts';

const browser = useChromium();

async function open(hash: string): Promise<{ page: Page; errors: Error[] }> {
  const page = await browser().newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(new URL(hash, inject('baseURL')).href);
  return { page, errors };
}

const aliceAction = (page: Page, name: string) => page.getByRole('group', { name: "Alice's actions" }).getByRole('button', { name, exact: true });

/** The session, JWT and ratio cells of a row of the compare table. */
async function figures(page: Page, measure: string): Promise<string[]> {
  const row = page.getByRole('table', { name: 'Both worlds, all nodes' }).getByRole('row', { name: measure, exact: false }).first();
  return row.locator('td').allTextContents();
}

describe('compare view', () => {
  test('a named sequence runs in both worlds and the counters and words tell them apart', async () => {
    const { page, errors } = await open('#/compare');
    const sequences = page.getByRole('group', { name: 'Sequences' });
    await sequences.getByRole('button', { name: /Log in, \/me ×10, add to cart, log out, replay/ }).click();
    const sessionLog = page.getByRole('list', { name: 'Steps in the session-cookie shop' });
    const jwtLog = page.getByRole('list', { name: 'Steps in the jwt shop' });
    await expect.poll(() => jwtLog.getByRole('listitem').count(), { timeout: 20_000 }).toBe(15);
    await expect.poll(() => sessionLog.getByRole('listitem').count()).toBe(15);
    expect(await sessionLog.getByRole('listitem').last().textContent()).toContain('401 unknown_session');
    expect(await jwtLog.getByRole('listitem').last().textContent()).toContain('401 token_revoked');

    // Two worlds under their own ids on the one MSW worker: each handled exactly its own 14 requests.
    const ids = await page.locator('.compare-side code').allTextContents();
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect(await figures(page, 'Requests handled')).toEqual(['14', '14', '×1']);
    const [sessionChecks, jwtChecks, checksRatio] = await figures(page, 'Signature checks');
    expect(sessionChecks).toBe('0');
    expect(Number(jwtChecks)).toBeGreaterThan(10);
    expect(checksRatio).toBe('only JWT');
    const [sessionBytes, jwtBytes] = (await figures(page, 'Credential bytes per request')).map(Number);
    expect(jwtBytes).toBeGreaterThan(5 * sessionBytes!);
    // The words are built from the same figures.
    const words = page.locator('.compare-words');
    expect(await words.textContent()).toContain(`${sessionBytes} B per session request, ${jwtBytes} B per JWT request`);
    expect(await words.textContent()).toContain('Both shops refused it.');
    // The cost of a verification is timed by real jose in this Chromium, beside the simulated store round trip.
    const cost = words.getByRole('listitem').filter({ hasText: /^Cost: in this browser/ });
    await expect.poll(() => cost.count(), { timeout: 20_000 }).toBe(1);
    const timed = /one ES256 verification took ~(\d+(?:\.\d+)?) ms \(median of 5 timings of 50 verifications each\); each shared-store read is charged 1 ms in this simulation/.exec((await cost.textContent()) ?? '');
    expect(Number(timed?.[1])).toBeGreaterThan(0);
    expect(await words.textContent()).toContain('it read the denylist on 13 of 14 requests');
    // The URL names the sequence, so the link reruns it.
    expect(new URL(page.url()).hash).toBe('#/compare?seq=stolen-after-logout');

    // One action on both worlds at once.
    await page.getByRole('group', { name: 'One action on both shops' }).getByRole('button', { name: 'LOG_IN', exact: true }).click();
    await expect.poll(() => figures(page, 'Requests handled')).toEqual(['15', '15', '×1']);
    expect(new URL(page.url()).hash).toBe('#/compare');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a shared compare link with a sequence and settings runs it on opening', async () => {
    const { page, errors } = await open('#/compare?seq=per-node-round-robin&jwt.revocation=none');
    const jwtLog = page.getByRole('list', { name: 'Steps in the jwt shop' });
    await expect.poll(() => jwtLog.getByRole('listitem').count(), { timeout: 20_000 }).toBe(5);
    expect(await page.getByLabel('JWT revocation').inputValue()).toBe('none');
    expect(await page.getByLabel('Nodes').inputValue()).toBe('2');
    expect(await page.getByRole('list', { name: 'Steps in the session-cookie shop' }).getByRole('listitem').nth(1).textContent()).toContain('401 unknown_session (node-2)');
    // No denylist: the JWT world made no credential lookups for /me.
    expect(await figures(page, 'Requests that looked up the credential’s state')).toEqual(['1', '0', '×0']);
    // But not a store-free one: login and each of the four /me read the users row.
    expect(await figures(page, 'Requests that read the users row')).toEqual(['1', '5', '×5']);
    expect(await page.locator('.compare-words').textContent()).toContain('so an access token it issued cannot be revoked before it expires (5 min after issue here)');
    expect(await page.getByRole('group', { name: 'Sequences' }).textContent()).toContain('tokens verify on any node with the public key (ES256).');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('shareable URL', () => {
  test('a shared playground link restores JWT, RS256 and 2 nodes, shown in the Sandbox', async () => {
    const { page, errors } = await open('#/playground?auth=jwt&jwt.alg=RS256&deployment.nodes=2');
    await aliceAction(page, 'REFRESH — POST /refresh').waitFor();
    expect(await page.getByRole('radio', { name: 'JWT', exact: true }).isChecked()).toBe(true);
    await page.getByText('Sandbox: every switch').click();
    expect(await page.getByLabel('JWT algorithm').inputValue()).toBe('RS256');
    expect(await page.getByLabel('Nodes').inputValue()).toBe('2');
    expect(await page.getByRole('alert').count()).toBe(0);
    // A change in the Sandbox is written back to the address.
    await page.getByLabel('JWT revocation').selectOption('none');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/playground?auth=jwt&jwt.alg=RS256&jwt.revocation=none&deployment.nodes=2');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a link with the most nodes and a setting the Sandbox used to lack: the Sandbox shows both, the stage draws 8 nodes, one more is refused', async () => {
    const { page, errors } = await open('#/playground?auth=jwt&jwt.clockToleranceSec=30&deployment.nodes=8');
    await aliceAction(page, 'REFRESH — POST /refresh').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.locator('.stage [data-node]').count()).toBe(8);
    await page.getByText('Sandbox: every switch').click();
    expect(await page.getByLabel('Nodes', { exact: true }).inputValue()).toBe('8');
    expect(await page.getByLabel('Clock tolerance for exp and nbf (s)').inputValue()).toBe('30');
    // The explanation and the setting's name sit under the control.
    expect(await page.getByLabel('Clock tolerance for exp and nbf (s)').getAttribute('aria-describedby')).toBe('setting-jwt-clockToleranceSec-hint');
    expect(await page.locator('#setting-jwt-clockToleranceSec-hint').textContent()).toMatch(/keep it to a few \(JWT-05\)\. jwt\.clockToleranceSec$/);
    await page.getByLabel('Nodes', { exact: true }).fill('9');
    expect(await page.getByRole('alert').textContent()).toBe('Enter a whole number from 1 to 8');
    expect(await page.locator('.stage [data-node]').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('an invalid value is named in a visible message and the page works with defaults', async () => {
    const { page, errors } = await open('#/playground?auth=jwt&jwt.alg=XS999&deployment.nodes=9');
    const alert = page.locator('.url-problems');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('URL parameter "jwt.alg": "XS999" is not one of HS256, RS256, ES256, EdDSA; using the default "ES256".');
    expect(await alert.textContent()).toContain('URL parameter "deployment.nodes": "9" is not a whole number from 1 to 8');
    // The valid part (auth=jwt) applied, the rest is default, and Alice can log in.
    await aliceAction(page, 'LOG_IN — log in as Alice').click();
    await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
    await page.getByText('Sandbox: every switch').click();
    expect(await page.getByLabel('JWT algorithm').inputValue()).toBe('ES256');
    expect(await page.getByLabel('Nodes').inputValue()).toBe('1');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    expect(await alert.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Back and Forward move between the playground and the compare view, each keeping its configuration', async () => {
    const { page, errors } = await open('#/playground?auth=jwt');
    await aliceAction(page, 'LOG_IN — log in as Alice').click();
    await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Views' });
    await nav.getByRole('link', { name: 'Compare session vs JWT' }).click();
    await page.getByRole('group', { name: 'Sequences' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/compare');
    await page.getByLabel('Nodes').selectOption('3');
    await expect.poll(() => new URL(page.url()).hash).toBe('#/compare?deployment.nodes=3');

    await page.goBack();
    await aliceAction(page, 'LOG_IN — log in as Alice').waitFor();
    expect(new URL(page.url()).hash).toBe('#/playground?auth=jwt');
    // The same world as before: Alice is still logged in, her login still listed.
    expect(await page.getByRole('list', { name: 'Exchanges, oldest first' }).getByRole('button', { name: /^POST \/login → 200/ }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Playground' }).getAttribute('aria-current')).toBe('page');

    await page.goForward();
    await page.getByRole('group', { name: 'Sequences' }).waitFor();
    expect(await page.getByLabel('Nodes').inputValue()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });
});

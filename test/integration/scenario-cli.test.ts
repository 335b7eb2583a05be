/**
 * `npm run scenario -- <file>…` as a teacher uses it: exit code 0 when every
 * step passes, 1 with the failing step and file:line otherwise.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function scenario(...files: string[]) {
  const run = spawnSync(process.execPath, ['scripts/scenario.mjs', ...files], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('npm run scenario', () => {
  it('exits 0 and prints each passing step', () => {
    const { code, out } = scenario('test/fixtures/scenarios/passing.scenario.yaml');
    expect(out).toContain('PASS test/fixtures/scenarios/passing.scenario.yaml');
    expect(out).toContain('✓ step 2: alice: log out');
    expect(code).toBe(0);
  }, 60_000);

  it('exits 1 and names the failing step, its file:line and the expected and actual values', () => {
    const { code, out } = scenario('test/fixtures/scenarios/passing.scenario.yaml', 'test/fixtures/scenarios/failing.scenario.yaml');
    expect(out).toContain('✗ step 2: alice: view account');
    expect(out).toContain('test/fixtures/scenarios/failing.scenario.yaml:10:11: body.user.username: expected "bob", got "alice"');
    expect(out).toContain('- step 3: alice: log out (skipped)');
    expect(out).toContain('1 of 2 file(s) passed');
    expect(code).toBe(1);
  }, 60_000);

  it('exits 1 on a malformed file with file:line:col and what was expected', () => {
    const { code, out } = scenario('test/fixtures/scenarios/malformed.scenario.yaml');
    expect(out).toMatch(/test\/fixtures\/scenarios\/malformed\.scenario\.yaml:4:9: unknown actor or field "bob"; expected one actor \(alice, mallory/);
    expect(code).toBe(1);
  }, 60_000);
});

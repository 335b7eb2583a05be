/**
 * The checklist reporter end to end: vitest runs a tiny suite with its own
 * checklist (test/fixtures/proofs) in a child process. A whole run whose doc
 * claims a row that no passing, asserting check proved fails, naming the row;
 * a run of one file does not decide coverage and passes.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/proofs/', import.meta.url));

/** `vitest run` in the fixture, with none of this run's own VITEST_* variables. */
function vitest(...args: string[]): Promise<{ code: number | null; out: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'));
  const child = spawn(process.execPath, [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', '--config', 'vitest.config.ts', ...args], { cwd: FIXTURE, env: { ...env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('the checklist reporter', () => {
  // Both runs at once: each is a fresh vitest, most of whose time is start-up.
  const whole = vitest();
  const oneFile = vitest('tests/asserts.test.ts');

  it('fails a whole run, naming each row that no passing, asserting check proved', async () => {
    const { code, out } = await whole;
    expect(out).toContain('"SESS-02: a title with nothing behind it" names SESS-02 but its body made no assertion');
    expect(out).toContain('Checklist coverage: docs/security-checklist.md claims more than this run showed.');
    expect(out).toContain('- SESS-02 (docs/security-checklist.md:6): no test in tests/empty.test.ts named it, passed and asserted something');
    expect(out).toContain('- SESS-03 (docs/security-checklist.md:7): no test in tests/asserts.test.ts named it, passed and asserted something');
    expect(out).not.toMatch(/- SESS-0[147]\b/);
    expect(code).toBe(1);
  }, 60_000);

  it('counts only what the test body asserted, not its beforeEach or afterEach hooks', async () => {
    const { out } = await whole;
    expect(out).toContain('"SESS-05: an empty test inside asserting hooks" names SESS-05 but its body made no assertion');
    expect(out).toContain('"SESS-06: an empty nested test" names SESS-06 but its body made no assertion');
    expect(out).toContain('- SESS-05 (docs/security-checklist.md:9): no test in tests/hooks.test.ts named it, passed and asserted something');
    expect(out).toContain('- SESS-06 (docs/security-checklist.md:10): no test in tests/hooks.test.ts named it, passed and asserted something');
    expect(out).not.toContain('SESS-07: a nested test whose body checks what it names" names');
  }, 60_000);

  it('leaves coverage undecided in a run of one file, which passes', async () => {
    const { code, out } = await oneFile;
    expect(out).toContain('Checklist coverage: not checked, as this is not a whole run (1 of 3 test files).');
    expect(code).toBe(0);
  }, 60_000);
});

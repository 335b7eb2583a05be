/**
 * The scenario runner against real worlds (msw/node): Alice's steps go
 * through her flow machine, every check reports expected vs actual, and
 * after a failing step the rest are skipped.
 */
import { describe, expect, it } from 'vitest';
import { proofsOfRun } from '../../src/lessons/proofs';
import { runFile } from '../../src/lessons/runner';
import { useScenarioHarness } from './scenario-harness';

const { host, parse, run } = useScenarioHarness();

describe('the scenario runner', () => {
  it("drives Alice's JWT flow machine: an expired token is refreshed and the call retried, all in one step", async () => {
    const report = await run(`title: t
scenarios:
  - world: { authStyle: jwt }
    steps:
      - alice: log in
        expect: { alice flow: signedIn }
      - clock: +6 min
      - alice: view account
        expect:
          requests: [GET /me → 401 token_expired, POST /refresh → 200, GET /me → 200]
          status: 200
          alice flow: signedIn
`);
    expect(report.passed).toBe(true);
  });

  it('reports each failing check with expected and actual values and its position, then skips the rest', async () => {
    const report = await run(`title: t
scenarios:
  - steps:
      - alice: log in
        expect: { status: 401, alice flow: signedIn, store sessions rows: 1 }
      - alice: log out
`);
    const [first, second] = report.scenarios[0]!.steps;
    expect(report.passed).toBe(false);
    expect(first!.status).toBe('failed');
    expect(first!.checks).toEqual([
      expect.objectContaining({ subject: 'status', expected: 401, actual: 200, passed: false, pos: { line: 5, col: 19 } }),
      expect.objectContaining({ subject: 'alice flow', expected: 'signedIn', actual: 'signedIn', passed: true }),
      expect.objectContaining({ subject: 'store sessions rows', expected: 1, actual: 1, passed: true }),
    ]);
    expect(second).toMatchObject({ status: 'skipped', label: 'alice: log out' });
  });

  it("fails a step whose event Alice's flow cannot take in its current state", async () => {
    const report = await run(`title: t
scenarios:
  - steps:
      - alice: view cart
        expect: { status: 200 }
`);
    expect(report.scenarios[0]!.steps[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Alice\'s flow is in "signedOut", where VIEW_CART is not possible (possible: LOG_IN)'),
    });
  });

  it("fails `alice localStorage: {}` while both tokens are stored there, and passes it once they are not", async () => {
    const report = await run(`title: t
scenarios:
  - world: { authStyle: jwt, jwt: { storage: localStorage } }
    steps:
      - alice: log in
        expect: { alice localStorage: {} }
  - world: { authStyle: jwt }
    steps:
      - alice: log in
        expect: { alice localStorage: {} }
`);
    const [stored, inMemory] = report.scenarios;
    expect(stored!.steps[0]!.checks[0]).toMatchObject({ passed: false, actual: { 'shop.accessToken': expect.any(String), 'shop.refreshToken': expect.any(String) } });
    expect(inMemory!.steps[0]!.checks[0]).toMatchObject({ passed: true, actual: {} });
  });

  it('counts an ID of proves: only from the scenarios that show it, and only when they all passed with a check', async () => {
    const file = parse(`title: t
proves: [SESS-05, SESS-07, SESS-02]
scenarios:
  - name: idle
    proves: [SESS-05]
    world: { session: { idleTimeoutMs: 900000 } }
    steps:
      - alice: log in
      - clock: +16 min
      - alice: view account
        expect: { status: 200 }
  - name: logout
    proves: [SESS-07]
    steps:
      - alice: log in
      - alice: log out
        expect: { status: 200, store sessions rows: 0 }
`);
    const proofs = proofsOfRun(file, await runFile(file, host));
    expect(proofs).toEqual([
      { id: 'SESS-05', scenarios: ['idle'], checks: 0, proven: false },
      { id: 'SESS-07', scenarios: ['logout'], checks: 2, proven: true },
      // Named by no scenario: shown by the whole file, one of whose scenarios failed.
      { id: 'SESS-02', scenarios: ['idle', 'logout'], checks: 2, proven: false },
    ]);
  });

  it('gives every scenario a fresh world', async () => {
    const report = await run(`title: t
scenarios:
  - steps:
      - alice: log in
        expect: { store sessions rows: 1 }
  - steps:
      - alice: send GET /me
        expect: { status: 401, store sessions rows: 0 }
`);
    expect(report.passed).toBe(true);
  });
});

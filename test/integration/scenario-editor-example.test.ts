/**
 * The example the Scenarios page opens with claims that logging out ends the
 * session. Its checks must tell a real logout from one that only clears the
 * cookie: run it against a shop whose logout leaves the server's row in
 * place (a test double of that flaw), and it must fail.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_SCENARIO } from '../../src/app/scenario-draft';
import { RequestContext } from '../../src/sim/deployment/request-context';
import { formatFileReport } from '../../src/lessons/report-text';
import { useScenarioHarness } from './scenario-harness';

const harness = useScenarioHarness();

afterEach(() => vi.restoreAllMocks());

describe("the scenario editor's example", () => {
  it('passes against the shop', async () => {
    await harness.runPassing(EXAMPLE_SCENARIO, 'my-scenario.scenario.yaml');
  });

  it('fails against a shop whose logout only clears the cookie and keeps the session row', async () => {
    // Only logout deletes a session in the example, so a delete that keeps the row is exactly "logout clears the cookie only".
    const keepRow = vi.spyOn(RequestContext.prototype, 'deleteSession').mockImplementation(function (this: RequestContext, id: string) {
      return this.sessions.has(id);
    });
    const report = await harness.run(EXAMPLE_SCENARIO, 'my-scenario.scenario.yaml');
    expect(keepRow).toHaveBeenCalled();
    expect(report.passed, formatFileReport(report)).toBe(false);
    const failed = report.scenarios[0]!.steps.find((s) => s.status === 'failed');
    expect(failed?.label).toMatch(/log out|replay/);
  });
});

/**
 * The iframe request kind through the lesson language: Mallory's page embeds
 * a shop page in a frame. A frame is never top-level, so Alice's SameSite=Lax
 * session cookie stays home, and with SameSite=None it rides along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../scripts/scenario-host';
import { parseScenarioFile } from '../../src/lessons/parse-lesson';
import { runFile } from '../../src/lessons/runner';

const host = nodeHost();
beforeAll(() => host.start());
afterAll(() => host.stop());

async function run(yaml: string) {
  const parsed = parseScenarioFile('frame.scenario.yaml', yaml);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return runFile(parsed.value, host);
}

describe('mallory: frame </path> in evil.example', () => {
  it('CSRF-07: a cross-site frame does not carry the Lax session cookie (it is not a top-level navigation), a cross-site link does', async () => {
    const report = await run(`title: t
scenarios:
  - world: { authStyle: session }
    steps:
      - alice: log in
      - mallory: frame /me in evil.example
        expect:
          status: 401
          request header sec-fetch-dest: iframe
          trace:
            - { kind: cookie, action: withheld, name: __Host-shop_sid }
      - mallory: link to /me from evil.example
        expect:
          status: 200
`);
    expect(report.passed, JSON.stringify(report, null, 1).slice(0, 2000)).toBe(true);
  });

  it("with SameSite=None the frame carries the session cookie: the shop answers with Alice's account inside Mallory's page", async () => {
    const report = await run(`title: t
scenarios:
  - world: { authStyle: session, session: { sameSite: None } }
    steps:
      - alice: log in
      - mallory: frame /me in evil.example
        expect:
          status: 200
          body.user.username: alice
`);
    expect(report.passed, JSON.stringify(report, null, 1).slice(0, 2000)).toBe(true);
  });
});

/**
 * The iframe request kind through the lesson language: Mallory's page embeds
 * a shop page in a frame. A frame is never top-level, so Alice's SameSite=Lax
 * session cookie stays home, and with SameSite=None it rides along.
 */
import { describe, it } from 'vitest';
import { useScenarioHarness } from './scenario-harness';

const { runPassing } = useScenarioHarness();

describe('mallory: frame </path> in evil.example', () => {
  it('CSRF-07: a cross-site frame does not carry the Lax session cookie (it is not a top-level navigation), a cross-site link does', async () => {
    await runPassing(`title: t
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
  });

  it("with SameSite=None the frame carries the session cookie: the shop answers with Alice's account inside Mallory's page", async () => {
    await runPassing(`title: t
scenarios:
  - world: { authStyle: session, session: { sameSite: None } }
    steps:
      - alice: log in
      - mallory: frame /me in evil.example
        expect:
          status: 200
          body.user.username: alice
`);
  });
});

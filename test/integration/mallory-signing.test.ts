/**
 * Mallory's "sign the token with her own HS256 secret | ES256 key" applies
 * the step's `header:` as well as its `claims:` (null removes a field), so a
 * lesson can send a hostile `kid` to the shop and show that it is harmless:
 * keys are looked up only in the shop's own key set (JWT-10).
 */
import { describe, it } from 'vitest';
import { useScenarioHarness } from './scenario-harness';

const { runPassing: run } = useScenarioHarness();

describe("Mallory's own signing key honours header:", () => {
  it('JWT-10: a hostile kid on her HS256 token reaches the shop, which finds no such key: 401 unknown_key, nothing fetched', async () => {
    await run(`title: t
scenarios:
  - world: { authStyle: jwt, jwt: { alg: HS256, storage: localStorage } }
    steps:
      - alice: log in
      - mallory: get a copy of alice's access token
      - mallory: sign the token with her own HS256 secret
        claims: { sub: u-9001, role: admin }
        header: { kid: "../../../../dev/null" }
        expect:
          mallory token header: { alg: HS256, kid: "../../../../dev/null", typ: at+jwt }
          mallory token payload.role: admin
      - mallory: send GET /me with her token
        expect:
          status: 401
          error: unknown_key
          request header authorization: { matches: "^Bearer " }
          requests: [GET /me → 401 unknown_key]
          trace:
            - { kind: crypto, op: verify, alg: HS256, ok: false, code: unknown_key, verifier: jose }
      - mallory: sign the token with her own HS256 secret
        header: { kid: "' OR '1'='1' --" }
      - mallory: send GET /me with her token
        expect: { status: 401, error: unknown_key, requests: [GET /me → 401 unknown_key] }
`);
  });

  it('null removes a header field, as it removes a claim, for both of her keys', async () => {
    await run(`title: t
scenarios:
  - world: { authStyle: jwt, jwt: { alg: HS256, storage: localStorage } }
    steps:
      - alice: log in
      - mallory: get a copy of alice's access token
      - mallory: sign the token with her own HS256 secret
        claims: { exp: null }
        header: { kid: null, typ: null }
        expect:
          mallory token header keys: [alg]
          mallory token payload.exp: absent
          mallory token payload.sub: u-1001
      - mallory: sign the token with her own ES256 key
        header: { kid: mallory-1, typ: null }
        expect:
          mallory token header keys: [alg, kid]
          mallory token header.kid: mallory-1
`);
  });
});

/**
 * Alice's current access token, or any token the learner pastes, judged as
 * the shop's verifier would: coloured parts, claims with times on the
 * virtual clock, one line per check, and the answer the server would give.
 */
import { useEffect, useState } from 'react';
import { explainToken, type TokenExplanation } from '../../sim/tokens/explain-token';
import type { World } from '../../sim/world';
import { clockDate, relativeTime } from '../format';

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf']);

export function TokenInspector({ world }: { world: World }) {
  const current = world.page('alice').accessToken ?? '';
  /** null follows Alice's token; a string is what the learner pasted. */
  const [pasted, setPasted] = useState<string | null>(null);
  const token = pasted ?? current;
  const now = world.clock.now();
  const [explanation, setExplanation] = useState<TokenExplanation | null>(null);

  useEffect(() => {
    let live = true;
    if (!token.trim()) {
      setExplanation(null);
      return;
    }
    void explainToken(token, { keys: world.keys, jwt: world.config.jwt, now }).then((result) => {
      if (live) setExplanation(result);
    });
    return () => {
      live = false;
    };
  }, [token, world, world.keys, now]);

  const storage = world.config.jwt.storage === 'localStorage' ? 'localStorage' : world.config.jwt.storage === 'cookie' ? 'an HttpOnly cookie' : 'page memory';
  return (
    <div className="token">
      <h3>Token inspector</h3>
      <label htmlFor="token-input">
        {pasted === null ? `Alice's access token (kept in ${storage}); paste any token to inspect it` : 'Pasted token'}
      </label>
      <textarea id="token-input" rows={3} spellCheck={false} value={token} placeholder="header.payload.signature" onChange={(e) => setPasted(e.target.value)} />
      {pasted !== null && (
        <button type="button" onClick={() => setPasted(null)}>
          Inspect Alice's token again
        </button>
      )}
      {explanation?.segments && (
        <p className="jwt" aria-label="Token parts">
          <span className="jwt-header">{explanation.segments.header}</span>.<span className="jwt-payload">{explanation.segments.payload}</span>.
          <span className="jwt-signature">{explanation.segments.signature || '(no signature)'}</span>
        </p>
      )}
      {explanation?.header && explanation.payload && (
        <dl className="claims">
          {Object.entries({ ...explanation.header, ...explanation.payload }).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{JSON.stringify(value)}</code>
                {TIME_CLAIMS.has(name) && typeof value === 'number' && ` — ${clockDate(value * 1000)}, ${relativeTime(value * 1000, now)}`}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {explanation && (
        <>
          <ul className="checks" aria-label="Verification checks">
            {explanation.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'ok' : 'bad'}>
                <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> <strong>{check.name}</strong>: {check.detail}
                <span className="visually-hidden">{check.ok ? ' (passes)' : ' (fails)'}</span>
              </li>
            ))}
          </ul>
          <p className={`verdict ${explanation.verdict.accepted ? 'ok' : 'bad'}`} role="status">
            {explanation.verdict.accepted
              ? 'The shop would accept this as an access token.'
              : `The shop would answer 401 ${explanation.verdict.code}: ${explanation.verdict.reason}`}
          </p>
        </>
      )}
      {!token.trim() && <p className="empty">No access token in Alice's page (log in with JWTs, or paste one).</p>}
      <p className="note">Signed, not encrypted: anyone holding a JWT can read its claims.</p>
    </div>
  );
}

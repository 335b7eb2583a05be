/**
 * Alice's current access token, or any token the learner pastes: coloured
 * parts, claims with times on the virtual clock, the token's own checks, and
 * the answer the shop itself gives to it, asked off the record
 * (src/sim/shop/token-inspection.ts), with what the shop did to decide.
 */
import { useEffect, useState } from 'react';
import { useWorldVersion } from '../../app/use-world';
import { inspectToken, type ShopAnswerToToken, type TokenInspection } from '../../sim/shop/token-inspection';
import type { World } from '../../sim/world';
import { clockDate, relativeTime } from '../format';

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf']);

function answerText(answer: ShopAnswerToToken): string {
  const said = answer.status === 200 ? `200${answer.username ? ` as ${answer.username}` : ''}` : `${answer.status} ${answer.code ?? ''}${answer.message ? `: ${answer.message}` : ''}`;
  return `${answer.asked}: the shop answers ${said}`;
}

function ShopAnswer({ answer, label }: { answer: ShopAnswerToToken; label: string }) {
  return (
    <>
      <p className={`verdict ${answer.status === 200 ? 'ok' : 'bad'}`} role="status">
        {answerText(answer)}
      </p>
      {answer.did.length > 0 && (
        <ol className="shop-did" aria-label={label}>
          {answer.did.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      )}
    </>
  );
}

export function TokenInspector({ world }: { world: World }) {
  const current = world.page('alice').accessToken ?? '';
  /** null follows Alice's token; a string is what the learner pasted. */
  const [pasted, setPasted] = useState<string | null>(null);
  const token = pasted ?? current;
  const now = world.clock.now();
  const [inspection, setInspection] = useState<TokenInspection | null>(null);
  // The shop's answer depends on the whole world (its denylist, users, settings), so ask again on every change.
  const version = useWorldVersion(world);

  useEffect(() => {
    let live = true;
    if (!token.trim()) {
      setInspection(null);
      return;
    }
    void inspectToken(world, token).then((result) => {
      if (live) setInspection(result);
    });
    return () => {
      live = false;
    };
  }, [token, world, version]);
  const explanation = inspection?.explanation;

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
      {inspection && explanation && (
        <>
          <p className="note">The token's own checks, by the safe verifier's rules:</p>
          <ul className="checks" aria-label="The token's own checks">
            {explanation.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'ok' : 'bad'}>
                <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> <strong>{check.name}</strong>: {check.detail}
                <span className="visually-hidden">{check.ok ? ' (passes)' : ' (fails)'}</span>
              </li>
            ))}
          </ul>
          {inspection.fromBrowser && <ShopAnswer answer={inspection.fromBrowser} label="What the shop did" />}
          {inspection.elsewhere && <ShopAnswer answer={inspection.elsewhere} label="What the shop did, without Alice's cookies" />}
          {inspection.notAsked && <p className="verdict">{inspection.notAsked}</p>}
          {inspection.fromBrowser && (
            <p className="note">
              Asked of the shop's own code for GET /me, off the record: it read the stores it needed, but nothing was counted as a request, a store read or a signature check,
              and nothing entered the trace.
            </p>
          )}
        </>
      )}
      {!token.trim() && <p className="empty">No access token in Alice's page (log in with JWTs, or paste one).</p>}
      <p className="note">Signed, not encrypted: anyone holding a JWT can read its claims.</p>
    </div>
  );
}

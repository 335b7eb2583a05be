/** Alice's current access token, decoded (anyone holding it can do this) with times on the virtual clock. */
import { decodeToken } from '../../sim/tokens/decode';
import type { World } from '../../sim/world';
import { clockDate, relativeTime } from '../format';

const TIME_CLAIMS = new Set(['iat', 'exp', 'nbf']);

export function TokenView({ world }: { world: World }) {
  if (world.config.authStyle !== 'jwt') return null;
  const token = world.page('alice').accessToken;
  if (!token) return <p className="empty">No access token in the page (log in first; a reload loses a token kept in memory).</p>;
  const decoded = decodeToken(token);
  const [header, payload, signature] = token.split('.');
  const now = world.clock.now();
  return (
    <div className="token">
      <h3>Access token (kept in {world.config.jwt.storage === 'localStorage' ? 'localStorage' : 'page memory'})</h3>
      <p className="jwt" aria-label="Encoded token">
        <span className="jwt-header">{header}</span>.<span className="jwt-payload">{payload}</span>.
        <span className="jwt-signature">{signature}</span>
      </p>
      {decoded.ok ? (
        <dl className="claims">
          {Object.entries({ ...decoded.header, ...decoded.payload }).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{JSON.stringify(value)}</code>
                {TIME_CLAIMS.has(name) && typeof value === 'number' && ` — ${clockDate(value * 1000)}, ${relativeTime(value * 1000, now)}`}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="error">{decoded.problem}</p>
      )}
      <p className="note">Signed, not encrypted: anyone holding the token can read these claims.</p>
    </div>
  );
}

/** One browser's cookie jar with every attribute, and what page scripts can read. */
import type { World } from '../../sim/world';
import { relativeTime, shorten } from '../format';
import { cookieKey, scriptReach } from './cookie-script-reach';

export function CookieJarView({ world, browser }: { world: World; browser: string }) {
  const sim = world.browser(browser);
  const cookies = sim.cookies();
  const now = world.clock.now();
  const listed = new Set(sim.jar.scriptVisible(sim.page, now).map(cookieKey));
  return (
    <div className="cookie-jar">
      <h3>Cookie jar</h3>
      {cookies.length === 0 ? (
        <p className="empty">No cookies.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Cookie jar table">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Domain</th>
              <th scope="col">Path</th>
              <th scope="col">Secure</th>
              <th scope="col">HttpOnly</th>
              <th scope="col">SameSite</th>
              <th scope="col">Expires</th>
              <th scope="col">Scripts can read it</th>
            </tr>
          </thead>
          <tbody>
            {cookies.map((c) => (
              <tr key={`${c.domain}${c.path}${c.name}`}>
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td title={c.value}>
                  <code>{shorten(c.value)}</code>
                </td>
                <td>{c.hostOnly ? `${c.domain} (host-only)` : `.${c.domain}`}</td>
                <td>{c.path}</td>
                <td>{c.secure ? 'yes' : 'no'}</td>
                <td>{c.httpOnly ? 'yes' : 'no'}</td>
                <td>{c.sameSite}</td>
                <td>{c.expiresAt === undefined ? 'session (dropped when the browser closes; a browser that restores the previous session may keep it)' : relativeTime(c.expiresAt, now)}</td>
                <td>{scriptReach(c, sim.page, listed.has(cookieKey(c)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <p>
        <code>document.cookie</code> on {sim.page} reads: <code>{sim.documentCookie() || '(nothing)'}</code>
      </p>
      {sim.localStorage.size > 0 && (
        <>
          <h3>localStorage (any script on the page can read it)</h3>
          <ul>
            {[...sim.localStorage].map(([key, value]) => (
              <li key={key}>
                <code>{key}</code> = <code title={value}>{shorten(value, 16)}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

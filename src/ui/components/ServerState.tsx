/** What the server keeps: session rows per store, refresh families, the denylist, per-node counters. */
import type { World } from '../../sim/world';
import { clockTime, relativeTime, shorten } from '../format';

export function ServerState({ world }: { world: World }) {
  const now = world.clock.now();
  const shared = world.config.deployment.sessionStore === 'shared';
  const stores = shared
    ? [{ name: 'Shared session store', rows: [...world.db.sessions.values()] }]
    : world.deployment.nodes.map((n) => ({ name: `${n.id} memory`, rows: [...n.memorySessions.values()] }));
  const families = [...world.db.refreshFamilies.values()];
  const denylist = [...world.db.denylist.values()];
  return (
    <div className="server">
      {world.config.authStyle === 'session' &&
        stores.map((store) => (
          <div key={store.name}>
            <h3>{store.name}</h3>
            {store.rows.length === 0 ? (
              <p className="empty">No session rows.</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Session id</th>
                    <th scope="col">User</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last seen</th>
                    <th scope="col">Cart</th>
                  </tr>
                </thead>
                <tbody>
                  {store.rows.map((row) => (
                    <tr key={row.id}>
                      <td title={row.id}>
                        <code>{shorten(row.id, 6)}</code>
                      </td>
                      <td>{row.userId ?? 'guest'}</td>
                      <td>{clockTime(row.createdAt)}</td>
                      <td>{relativeTime(row.lastSeenAt, now)}</td>
                      <td>{row.cart.map((i) => `${i.qty}× ${i.sku}`).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      {world.config.authStyle === 'jwt' && (
        <>
          <h3>Refresh-token families</h3>
          {families.length === 0 ? (
            <p className="empty">None.</p>
          ) : (
            <ul>
              {families.map((f) => (
                <li key={f.id}>
                  <code>{shorten(f.id, 6)}</code> for {f.userId}: {f.state}{f.endedBy ? ` (${f.endedBy})` : ''}, {f.rotations} rotation{f.rotations === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          )}
          <h3>Signing keys (JWKS publishes only the public ones)</h3>
          <ul>
            {world.keys.keys.map((k) => (
              <li key={k.kid}>
                <code>{k.kid}</code> {k.alg}
                {k.retiredAt === undefined ? ' — signs new tokens' : ' — retired, still verifies'}
                {k.publicJwk ? '' : ' — secret (HMAC), never published'}
              </li>
            ))}
          </ul>
          <h3>Denylist ({world.config.jwt.revocation === 'denylist' ? 'on' : 'off'})</h3>
          {denylist.length === 0 ? (
            <p className="empty">Empty.</p>
          ) : (
            <ul>
              {denylist.map((d) => (
                <li key={d.jti}>
                  jti <code>{shorten(d.jti, 6)}</code> until {relativeTime(d.until, now)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>Per-node counters</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Requests</th>
            <th scope="col">Store reads</th>
            <th scope="col">Store writes</th>
            <th scope="col">Signature checks</th>
            <th scope="col">Signatures issued</th>
          </tr>
        </thead>
        <tbody>
          {world.deployment.nodes.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                {n.id}
                {n.up ? '' : ' (down)'}
              </th>
              <td>{n.counters.requests}</td>
              <td>{n.counters.storeReads}</td>
              <td>{n.counters.storeWrites}</td>
              <td>{n.counters.signatureChecks}</td>
              <td>{n.counters.signaturesIssued}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

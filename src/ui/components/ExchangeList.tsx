/** Every HTTP exchange in order; choose one to inspect it. */
import { useLab } from '../../app/lab-store';
import type { World } from '../../sim/world';
import { clockTime, pathOf } from '../format';

export function ExchangeList({ world }: { world: World }) {
  const { selectedExchange, select } = useLab();
  const exchanges = world.trace.ofKind('exchange');
  const shown = selectedExchange ?? exchanges.at(-1)?.id;
  if (exchanges.length === 0) return <p className="empty">No requests yet. Log in as Alice to start.</p>;
  return (
    <ol className="exchange-list" aria-label="Exchanges, oldest first">
      {exchanges.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className={e.id === shown ? 'selected' : undefined}
            aria-pressed={e.id === shown}
            aria-label={`${e.request.method} ${pathOf(e.request.url)} → ${e.response.status}${e.node ? ` from ${e.node}` : ''}, ${e.browser} at ${clockTime(e.at)}`}
            onClick={() => select(e.id)}
          >
            <span className="time">{clockTime(e.at)}</span>
            <span className="who">{e.browser}</span>
            <span className="method">{e.request.method}</span>
            <span className="path">{pathOf(e.request.url)}</span>
            <span className={`status s${String(e.response.status)[0]}`}>{e.response.status}</span>
            {e.node && <span className="node">{e.node}</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}

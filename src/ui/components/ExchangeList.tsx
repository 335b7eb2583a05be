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
            onClick={() => select(e.id)}
          >
            {/* Spaces between the spans make the visible text read as the button's name. */}
            <span className="method">{e.request.method}</span> <span className="path">{pathOf(e.request.url)}</span>{' '}
            <span className={`status s${String(e.response.status)[0]}`}>→ {e.response.status}</span>{' '}
            <span className="node">{e.node ? `from ${e.node}` : ''}</span> <span className="who">{e.browser}</span>{' '}
            <span className="time">at {clockTime(e.at)}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

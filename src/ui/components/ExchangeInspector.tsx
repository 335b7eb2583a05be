/** One exchange in full: request, response, and what it made the server do. */
import { useLab } from '../../app/lab-store';
import type { TraceEvent } from '../../sim/trace';
import type { World } from '../../sim/world';
import { pretty } from '../format';
import { HeaderTable } from './HeaderTable';
import { VerificationCostNote } from './VerificationCostNote';

function describeEffect(e: TraceEvent): string {
  switch (e.kind) {
    case 'store':
      return `${e.node}: ${e.op} ${e.store}${e.shared ? ' (shared store)' : ' (node memory)'}${e.hit === undefined ? '' : e.hit ? ' → found' : ' → not found'}`;
    case 'crypto':
      return `${e.node}: ${e.op} ${e.alg}${e.kid ? ` kid=${e.kid}` : ''} → ${e.ok ? 'ok' : e.code} (${e.verifier})`;
    case 'note':
      return `${e.node ?? e.actor}: ${e.text}`;
    default:
      return e.kind;
  }
}

export function ExchangeInspector({ world }: { world: World }) {
  const selected = useLab((s) => s.selectedExchange);
  const exchanges = world.trace.ofKind('exchange');
  // Nothing chosen: follow the newest exchange as the learner steps.
  const exchange = selected === null ? exchanges.at(-1) : exchanges.find((e) => e.id === selected);
  if (!exchange) return <p className="empty">Select an exchange to see its headers, body and server work.</p>;
  const caused = world.trace.causedBy(exchange.id);
  // The server's own words about this request (e.g. a dead session id replaced by a guest session) sit among its work.
  const effects = caused.filter((e) => e.kind === 'store' || e.kind === 'crypto' || e.kind === 'note');
  const verifications = effects.filter((e): e is Extract<TraceEvent, { kind: 'crypto' }> => e.kind === 'crypto' && e.op === 'verify');
  const cookieNotes = caused.filter((e): e is Extract<TraceEvent, { kind: 'cookie' }> => e.kind === 'cookie');
  return (
    <div className="inspector-body">
      <p className="request-line">
        <strong>
          {exchange.request.method} {exchange.request.url}
        </strong>{' '}
        → <strong>{exchange.response.status}</strong>
        {exchange.node ? ` from ${exchange.node}` : ''} · initiated by {exchange.request.initiator} ({exchange.request.mode})
        {exchange.plaintext && <span className="warn"> · plain http: readable on the network</span>}
      </p>
      <HeaderTable headers={exchange.request.headers} caption="Request headers" />
      {exchange.request.body !== undefined && <pre aria-label="Request body" tabIndex={0}>{pretty(exchange.request.body)}</pre>}
      <HeaderTable headers={exchange.response.headers} caption="Response headers" />
      <pre aria-label="Response body" tabIndex={0}>{pretty(exchange.response.body)}</pre>
      <h3>Server work for this request ({exchange.serverMs} ms of simulated store round trips)</h3>
      {verifications.length > 0 && <VerificationCostNote checks={verifications.length} alg={verifications[0]!.alg} />}
      {effects.length === 0 ? <p className="empty">No store access and no signature check.</p> : (
        <ul className="effects">
          {effects.map((e) => (
            <li key={e.seq}>{describeEffect(e)}</li>
          ))}
        </ul>
      )}
      {cookieNotes.length > 0 && (
        <>
          <h3>Cookie decisions in {exchange.browser}'s browser</h3>
          <ul className="effects">
            {cookieNotes.map((e) => (
              <li key={e.seq}>
                {e.action} <code>{e.name}</code>
                {e.reason ? `: ${e.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="note">
        Page scripts may not set <code>Cookie</code> or read <code>Set-Cookie</code>, so on the real wire (and in DevTools) the
        simulated browser carries them as <code>x-authlab-cookie</code> / <code>x-authlab-set-cookie</code>. Here they are shown
        under their real names.
      </p>
    </div>
  );
}

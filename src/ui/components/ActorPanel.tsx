/** Any action by any other actor: Mallory's attacks, the admin's console, the deployment's failures. */
import { useLab } from '../../app/lab-store';
import { ACTOR_ACTIONS, nodeAction, type ActorAction } from '../../app/actor-actions';
import type { World } from '../../sim/world';

const GROUPS: { actor: ActorAction['actor']; title: string }[] = [
  { actor: 'mallory', title: 'Mallory (attacker)' },
  { actor: 'admin', title: 'Admin' },
  { actor: 'partner', title: 'Partner service (partner.example)' },
  { actor: 'alice', title: 'Alice, outside the flow' },
  { actor: 'deployment', title: 'Deployment' },
];

/** The action's id and why it cannot be taken now, if it cannot. */
function whyBlocked(action: ActorAction, world: World): [string, string][] {
  const why = action.blockedReason?.(world);
  return why ? [[action.id, why]] : [];
}

export function ActorPanel({ world }: { world: World }) {
  const { act, busy } = useLab();
  const nodes = world.deployment.nodes.map((n) => nodeAction(n.id, n.up));
  const notes = world.trace.ofKind('note').slice(-6).reverse();
  return (
    <section className="pane actors" aria-labelledby="actors-title">
      <h2 id="actors-title">Other actors</h2>
      {GROUPS.map((group) => {
        const actions = [...ACTOR_ACTIONS.filter((a) => a.actor === group.actor), ...(group.actor === 'deployment' ? nodes : [])];
        const blocked = new Map(actions.flatMap((a) => whyBlocked(a, world)));
        const reasonsId = `actor-blocked-${group.actor}`;
        return (
          <div key={group.actor} role="group" aria-label={group.title} className="actor-group" aria-describedby={blocked.size > 0 ? reasonsId : undefined}>
            <h3>{group.title}</h3>
            {actions.map((action) => (
              <button key={action.id} type="button" disabled={busy || blocked.has(action.id)} title={blocked.get(action.id) ?? action.hint} onClick={() => void act(action)}>
                {action.label}
              </button>
            ))}
            {/* Disabled buttons cannot be focused, so their reasons are written out too. */}
            {blocked.size > 0 && (
              <ul className="blocked" id={reasonsId} aria-label="Why some actions are unavailable">
                {actions.filter((a) => blocked.has(a.id)).map((a) => (
                  <li key={a.id}>{`${a.label}: ${blocked.get(a.id)!}`}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      <h3>What happened</h3>
      {notes.length === 0 ? (
        <p className="empty">Nothing yet: each action's outcome appears here, newest first.</p>
      ) : (
        <ol className="notes" aria-label="Outcomes, newest first" aria-live="polite">
          {notes.map((note) => (
            <li key={note.seq}>
              <strong>{note.actor}</strong>: {note.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

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

export function ActorPanel({ world }: { world: World }) {
  const { act, busy } = useLab();
  const nodes = world.deployment.nodes.map((n) => nodeAction(n.id, n.up));
  const notes = world.trace.ofKind('note').slice(-6).reverse();
  return (
    <section className="pane actors" aria-labelledby="actors-title">
      <h2 id="actors-title">Other actors</h2>
      {GROUPS.map((group) => {
        const actions = [...ACTOR_ACTIONS.filter((a) => a.actor === group.actor), ...(group.actor === 'deployment' ? nodes : [])];
        return (
          <div key={group.actor} role="group" aria-label={group.title} className="actor-group">
            <h3>{group.title}</h3>
            {actions.map((action) => (
              <button key={action.id} type="button" disabled={busy} title={action.hint} onClick={() => void act(action)}>
                {action.label}
              </button>
            ))}
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

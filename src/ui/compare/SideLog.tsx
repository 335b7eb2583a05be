/** One world of the compare view: where Alice's flow is and what each step did there. */
import type { CompareSide } from '../../app/compare-runner';

export function SideLog({ side, title }: { side: CompareSide; title: string }) {
  const id = `side-${side.style}`;
  return (
    <section className="pane compare-side" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p>
        World <code>{side.world.id}</code>, {side.world.deployment.nodes.length} node(s). Alice's flow: <strong className="flow-state">{side.state()}</strong>
      </p>
      {side.log.length === 0 ? (
        <p className="empty">No steps yet.</p>
      ) : (
        <ol className="side-log" aria-label={`Steps in the ${title.toLowerCase()}`}>
          {side.log.map((outcome, i) => (
            <li key={i} className={outcome.skipped ? 'skipped' : undefined}>
              <strong>{outcome.label}</strong>: {outcome.detail}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

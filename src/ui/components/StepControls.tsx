/**
 * Time travel over the learner's recorded steps: back, forward, reset, or
 * jump to any step. Keys: "," steps back and "." steps forward (like frame
 * stepping in a video player), except while typing in a field.
 */
import { useEffect } from 'react';
import { useLab } from '../../app/lab-store';
import { clockTime } from '../format';

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function StepControls() {
  const { history, travel, busy } = useLab();
  useLab((s) => s.steps);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (event.key === ',') travel('back');
      else if (event.key === '.') travel('forward');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [travel]);

  if (!history) return null;
  return (
    <div className="steps">
      <div className="buttons" role="group" aria-label="Time travel">
        <button type="button" disabled={busy || !history.canBack} onClick={() => travel('back')} aria-keyshortcuts=",">
          ◀ Step back
        </button>
        <button type="button" disabled={busy || !history.canForward} onClick={() => travel('forward')} aria-keyshortcuts=".">
          Step forward ▶
        </button>
        <button type="button" disabled={busy || history.index === 0} onClick={() => travel('reset')}>
          Reset to start
        </button>
        <span className="note">
          Keys: <kbd>,</kbd> step back · <kbd>.</kbd> step forward. Stepping back restores the whole world: cookies, stores, clock and the
          machine.
        </span>
      </div>
      <ol className="step-list" aria-label="Recorded steps">
        {history.steps.map((step, i) => (
          <li key={i}>
            <button type="button" disabled={busy} aria-current={i === history.index ? 'step' : undefined} onClick={() => travel(i)}>
              {i}. {step.label} <span className="time">{clockTime(step.world.at)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

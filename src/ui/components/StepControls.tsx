/**
 * Time travel over the learner's recorded steps: back, forward, reset, play
 * forward at a chosen speed, or jump to any step. Keys: "," steps back, "."
 * steps forward (like frame stepping in a video player) and "p" plays or
 * pauses, except while typing in a field.
 */
import { useEffect } from 'react';
import { useLab } from '../../app/lab-store';
import { clockTime } from '../format';
import { SPEEDS, usePlayback } from './use-playback';

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function StepControls() {
  const { history, travel, busy, travelError, replacedSteps } = useLab();
  useLab((s) => s.steps);
  const playback = usePlayback();
  const { toggle } = playback;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (event.key === ',') travel('back');
      else if (event.key === '.') travel('forward');
      else if (event.key === 'p') toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [travel, toggle]);

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
        <span className="play">
          <button type="button" disabled={busy || !(playback.playing || playback.canPlay)} onClick={toggle} aria-keyshortcuts="p">
            {playback.playing ? '⏸ Pause' : '▶ Play'}
          </button>
          <label htmlFor="playback-speed">Speed</label>
          <select id="playback-speed" value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}× ({(1 / speed).toFixed(1)} s per step)
              </option>
            ))}
          </select>
        </span>
        <span className="note">
          Keys: <kbd>,</kbd> step back · <kbd>.</kbd> step forward · <kbd>p</kbd> play/pause (after stepping back). Stepping back restores the
          whole world: cookies, stores, clock and the machine.
        </span>
      </div>
      {travelError && (
        <p role="alert" className="error">
          {travelError}
        </p>
      )}
      {replacedSteps && (
        <p role="status" className="note replaced-steps">
          {replacedSteps}
        </p>
      )}
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

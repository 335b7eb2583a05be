/** Moves the world's virtual clock: fixed steps, or any duration the learner types. */
import { useState, type FormEvent } from 'react';
import { useLab } from '../../app/lab-store';
import { DAY, MINUTE, clockStepProblem, parseDuration } from '../../sim/clock';
import type { World } from '../../sim/world';
import { clockDate } from '../format';

const STEPS = [
  { label: '+1 min', ms: MINUTE },
  { label: '+16 min', ms: 16 * MINUTE },
  { label: '+1 day', ms: DAY },
];

export function ClockControls({ world, disabled }: { world: World; disabled: boolean }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const advanceClock = useLab((s) => s.advanceClock);
  const advanceBy = (event: FormEvent) => {
    event.preventDefault();
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      setProblem(`"${text}" is not a duration; try 90 s, 16 min, 8 h or 2 days`);
      return;
    }
    const refused = clockStepProblem(ms, world.clock.now(), `"${text.trim()}"`);
    if (refused) {
      setProblem(refused.message);
      return;
    }
    setProblem(null);
    advanceClock(ms, `+${text.trim().replace(/^\+/, '')}`);
  };
  return (
    <div className="clock" role="group" aria-label="Virtual clock">
      <span>
        Virtual time: <time>{clockDate(world.clock.now())}</time>
      </span>
      {STEPS.map((step) => (
        <button key={step.label} type="button" disabled={disabled} onClick={() => advanceClock(step.ms, step.label)}>
          {step.label}
        </button>
      ))}
      <form onSubmit={advanceBy} className="clock-custom">
        <label htmlFor="clock-custom">Advance by</label>
        <input
          id="clock-custom"
          size={8}
          value={text}
          placeholder="e.g. 5 h"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'clock-problem' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={disabled}>
          Advance
        </button>
        {problem && (
          <span id="clock-problem" role="alert" className="error">
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}

/** Choose the auth style and move the virtual clock; Alice acts through her flow diagram. */
import { useLab } from '../../app/lab-store';
import { DAY, MINUTE } from '../../sim/clock';
import type { AuthStyle } from '../../sim/config';
import type { World } from '../../sim/world';
import { clockDate } from '../format';

const STYLES: { value: AuthStyle; label: string; hint: string }[] = [
  { value: 'session', label: 'Session cookie', hint: 'a random id in an HttpOnly cookie; the state lives in a server-side store' },
  { value: 'jwt', label: 'JWT', hint: 'a signed access token the page sends as Authorization: Bearer; a refresh token in an HttpOnly cookie' },
];

const CLOCK_STEPS = [
  { label: '+1 min', ms: MINUTE },
  { label: '+16 min', ms: 16 * MINUTE },
  { label: '+1 day', ms: DAY },
];

export function ActionBar({ world }: { world: World }) {
  const { authStyle, setAuthStyle, busy } = useLab();
  return (
    <section className="pane actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Setup</h2>
      <fieldset className="styles" disabled={busy}>
        <legend>The shop logs people in with</legend>
        {STYLES.map((style) => (
          <label key={style.value} title={style.hint}>
            <input
              type="radio"
              name="auth-style"
              value={style.value}
              checked={authStyle === style.value}
              onChange={() => void setAuthStyle(style.value)}
            />
            {style.label}
          </label>
        ))}
      </fieldset>
      <div className="clock" role="group" aria-label="Virtual clock">
        <span>
          Virtual time: <time>{clockDate(world.clock.now())}</time>
        </span>
        {CLOCK_STEPS.map((step) => (
          <button key={step.label} type="button" disabled={busy} onClick={() => world.advance(step.ms)}>
            {step.label}
          </button>
        ))}
      </div>
    </section>
  );
}

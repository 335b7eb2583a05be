/** Choose the auth style and move the virtual clock; Alice acts through her flow diagram. */
import { useLab } from '../../app/lab-store';
import type { AuthStyle } from '../../sim/config';
import type { World } from '../../sim/world';
import { ClockControls } from './ClockControls';

const STYLES: { value: AuthStyle; label: string; hint: string }[] = [
  { value: 'session', label: 'Session cookie', hint: 'a random id in an HttpOnly cookie; the state lives in a server-side store' },
  { value: 'jwt', label: 'JWT', hint: 'a signed access token the page sends as Authorization: Bearer; a refresh token in an HttpOnly cookie' },
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
      <ClockControls world={world} disabled={busy} />
    </section>
  );
}

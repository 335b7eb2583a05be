/**
 * Every switch of the world, each with what it changes and why it matters.
 * A change applies at once and is a recorded step (step back to undo it).
 */
import { useState } from 'react';
import { useLab } from '../../app/lab-store';
import { HOUR, MINUTE } from '../../sim/clock';
import { JWT_ALGS, type ConfigPatch, type WorldConfig } from '../../sim/config';
import { SWITCH_EXPLANATIONS, type VulnerableSwitch } from '../../sim/vulnerable/switches';
import type { World } from '../../sim/world';

interface Choice {
  label: string;
  hint: string;
  options: readonly string[];
  get(c: WorldConfig): string;
  patch(value: string): ConfigPatch;
}

interface NumberSetting {
  label: string;
  hint: string;
  unit: string;
  min: number;
  max: number;
  get(c: WorldConfig): number;
  patch(value: number): ConfigPatch;
}

interface Toggle {
  label: string;
  hint: string;
  get(c: WorldConfig): boolean;
  patch(on: boolean): ConfigPatch;
}

/** Safe-side hardening that is off by default (the vulnerable switches have their own box below). */
const TOGGLES: Toggle[] = [
  { label: 'Synchronizer CSRF tokens (session style)', hint: "Every write, login included, must echo the session's random token in X-CSRF-Token; the page fetches it from GET /csrf (CSRF-01, CSRF-08). Off, the Fetch Metadata, Origin and JSON-only checks defend alone.", get: (c) => c.session.csrfTokens, patch: (on) => ({ session: { csrfTokens: on } }) },
  { label: 'Bind access tokens to a fingerprint cookie', hint: 'Each token carries the hash of a random value kept only in an HttpOnly __Host- cookie, so a copied token fails from another browser (XSS-03). A script in the page can still use it there.', get: (c) => c.jwt.fingerprint, patch: (on) => ({ jwt: { fingerprint: on } }) },
];

const CHOICES: Choice[] = [
  { label: 'Session cookie SameSite', hint: 'Which cross-site requests carry the session cookie. Unset leaves it to the browser (Chrome: Lax; Firefox/Safari: None).', options: ['Strict', 'Lax', 'None', 'unset'], get: (c) => c.session.sameSite, patch: (v) => ({ session: { sameSite: v as WorldConfig['session']['sameSite'] } }) },
  { label: 'JWT algorithm', hint: 'HS256 shares one secret between signer and verifiers; RS256/ES256/EdDSA verify with a public key from the JWKS. Changing it makes new keys: old tokens stop verifying.', options: JWT_ALGS, get: (c) => c.jwt.alg, patch: (v) => ({ jwt: { alg: v as WorldConfig['jwt']['alg'] } }) },
  { label: 'Where the page keeps the access token', hint: 'memory: lost on reload, refresh token in an HttpOnly cookie; localStorage: any script can read both tokens (XSS-02); cookie: HttpOnly, but then CSRF defences are needed (CSRF-10).', options: ['memory', 'localStorage', 'cookie'], get: (c) => c.jwt.storage, patch: (v) => ({ jwt: { storage: v as WorldConfig['jwt']['storage'] } }) },
  { label: 'JWT revocation', hint: 'none: logout cannot stop a copied token before exp; denylist: one lookup per request (REVOKE-01); not-before: one user lookup per request (REVOKE-03). Each brings back shared state.', options: ['none', 'denylist', 'not-before'], get: (c) => c.jwt.revocation, patch: (v) => ({ jwt: { revocation: v as WorldConfig['jwt']['revocation'] } }) },
  { label: 'Session store', hint: 'per-node: fast, but a session exists only on the node that made it and dies with it (SCALE-01); shared: every node sees it, at one round trip per lookup (SCALE-02).', options: ['shared', 'per-node'], get: (c) => c.deployment.sessionStore, patch: (v) => ({ deployment: { sessionStore: v as WorldConfig['deployment']['sessionStore'] } }) },
  { label: 'Load balancer', hint: 'round-robin spreads requests; sticky pins a browser to a node with a cookie (its crash logs per-node sessions out, SCALE-03); least-busy picks the idlest node.', options: ['round-robin', 'sticky', 'least-busy'], get: (c) => c.deployment.lbPolicy, patch: (v) => ({ deployment: { lbPolicy: v as WorldConfig['deployment']['lbPolicy'] } }) },
];

const NUMBERS: NumberSetting[] = [
  { label: 'Session idle timeout', hint: 'Inactivity after which the server ends the session (SESS-05).', unit: 'min', min: 1, max: 1440, get: (c) => c.session.idleTimeoutMs / MINUTE, patch: (v) => ({ session: { idleTimeoutMs: v * MINUTE } }) },
  { label: 'Session absolute timeout', hint: 'Lifetime however active the user is (SESS-06).', unit: 'h', min: 1, max: 720, get: (c) => c.session.absoluteTimeoutMs / HOUR, patch: (v) => ({ session: { absoluteTimeoutMs: v * HOUR } }) },
  { label: 'Access token lifetime', hint: 'How long a stolen access token works without a lookup-based revocation.', unit: 'min', min: 1, max: 1440, get: (c) => c.jwt.accessTtlMs / MINUTE, patch: (v) => ({ jwt: { accessTtlMs: v * MINUTE } }) },
  { label: 'Refresh token family lifetime', hint: 'Absolute limit of a login with refresh tokens; rotation cannot extend it.', unit: 'h', min: 1, max: 720, get: (c) => c.jwt.refreshTtlMs / HOUR, patch: (v) => ({ jwt: { refreshTtlMs: v * HOUR } }) },
  { label: 'Refresh token idle limit', hint: 'A family unused for this long expires, so a forgotten device stops refreshing (REFRESH-03).', unit: 'h', min: 1, max: 720, get: (c) => c.jwt.refreshIdleTtlMs / HOUR, patch: (v) => ({ jwt: { refreshIdleTtlMs: v * HOUR } }) },
  { label: 'Nodes', hint: 'Server instances behind the load balancer (nodes are added, never removed; crash them below).', unit: '', min: 1, max: 6, get: (c) => c.deployment.nodes, patch: (v) => ({ deployment: { nodes: v } }) },
  { label: 'Shared store round trip', hint: 'Simulated latency of each shared-store or database access, charged per request.', unit: 'ms', min: 0, max: 100, get: (c) => c.deployment.sharedStoreLatencyMs, patch: (v) => ({ deployment: { sharedStoreLatencyMs: v } }) },
];

const slug = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function NumberField({ setting, config, disabled }: { setting: NumberSetting; config: WorldConfig; disabled: boolean }) {
  const configure = useLab((s) => s.configure);
  const [draft, setDraft] = useState<string | null>(null);
  const id = `setting-${slug(setting.label)}`;
  const value = draft ?? String(setting.get(config));
  const number = Number(value);
  const problem = Number.isInteger(number) && number >= setting.min && number <= setting.max ? null : `Enter a whole number from ${setting.min} to ${setting.max}`;
  const apply = () => {
    if (problem || draft === null) return;
    setDraft(null);
    void configure(setting.patch(number), `${setting.label} = ${number}${setting.unit ? ` ${setting.unit}` : ''}`);
  };
  return (
    <div className="setting">
      <label htmlFor={id}>
        {setting.label} {setting.unit && `(${setting.unit})`}
      </label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      {problem && (
        <span id={`${id}-problem`} role="alert" className="error">
          {problem}
        </span>
      )}
      <small id={`${id}-hint`}>{setting.hint}</small>
    </div>
  );
}

export function Sandbox({ world }: { world: World }) {
  const { configure, busy } = useLab();
  const config = world.config;
  return (
    <details className="pane sandbox">
      <summary>
        <h2>Sandbox: every switch</h2>
      </summary>
      <div className="settings">
        {CHOICES.map((choice) => {
          const id = `setting-${slug(choice.label)}`;
          return (
            <div className="setting" key={choice.label}>
              <label htmlFor={id}>{choice.label}</label>
              <select id={id} value={choice.get(config)} disabled={busy} aria-describedby={`${id}-hint`} onChange={(e) => void configure(choice.patch(e.target.value), `${choice.label} = ${e.target.value}`)}>
                {choice.options.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>
              <small id={`${id}-hint`}>{choice.hint}</small>
            </div>
          );
        })}
        {NUMBERS.map((setting) => (
          <NumberField key={setting.label} setting={setting} config={config} disabled={busy} />
        ))}
        {TOGGLES.map((toggle) => {
          const id = `setting-${slug(toggle.label)}`;
          return (
            <div className="setting" key={toggle.label}>
              <label>
                <input
                  type="checkbox"
                  checked={toggle.get(config)}
                  disabled={busy}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) => void configure(toggle.patch(e.target.checked), `${toggle.label} ${e.target.checked ? 'on' : 'off'}`)}
                />{' '}
                {toggle.label}
              </label>
              <small id={`${id}-hint`}>{toggle.hint}</small>
            </div>
          );
        })}
      </div>
      <fieldset className="vulnerable">
        <legend>Vulnerable switches (off in a safe shop)</legend>
        {(Object.keys(SWITCH_EXPLANATIONS) as VulnerableSwitch[]).map((name) => (
          <div className="setting" key={name}>
            <label>
              <input type="checkbox" checked={config.vulnerable[name]} disabled={busy} aria-describedby={`switch-${name}`} onChange={(e) => void configure({ vulnerable: { [name]: e.target.checked } }, `${name} ${e.target.checked ? 'on' : 'off'}`)} />
              {name}
            </label>
            <small id={`switch-${name}`}>{SWITCH_EXPLANATIONS[name]}</small>
          </div>
        ))}
      </fieldset>
    </details>
  );
}

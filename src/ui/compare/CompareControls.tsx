/**
 * What to do to both shops: a named sequence (fresh worlds, then every step),
 * one action at a time, and the configuration both worlds share.
 */
import { useCompare } from '../../app/compare-store';
import { COMPARE_ACTIONS, COMPARE_SEQUENCES, mergePatches, stepLabel } from '../../app/compare-sequences';
import { patchOf } from '../../app/url-state';
import type { ConfigPatch, WorldConfig } from '../../sim/config';
import { JWT_ALGS } from '../../sim/config';

interface Setting {
  id: string;
  label: string;
  options: readonly string[];
  get(c: WorldConfig): string;
  patch(value: string): ConfigPatch;
}

const SETTINGS: Setting[] = [
  { id: 'cmp-revocation', label: 'JWT revocation', options: ['none', 'denylist', 'not-before'], get: (c) => c.jwt.revocation, patch: (v) => ({ jwt: { revocation: v as WorldConfig['jwt']['revocation'] } }) },
  { id: 'cmp-alg', label: 'JWT algorithm', options: JWT_ALGS, get: (c) => c.jwt.alg, patch: (v) => ({ jwt: { alg: v as WorldConfig['jwt']['alg'] } }) },
  { id: 'cmp-store', label: 'Session store', options: ['shared', 'per-node'], get: (c) => c.deployment.sessionStore, patch: (v) => ({ deployment: { sessionStore: v as WorldConfig['deployment']['sessionStore'] } }) },
  { id: 'cmp-lb', label: 'Load balancer', options: ['round-robin', 'sticky', 'least-busy'], get: (c) => c.deployment.lbPolicy, patch: (v) => ({ deployment: { lbPolicy: v as WorldConfig['deployment']['lbPolicy'] } }) },
  { id: 'cmp-nodes', label: 'Nodes', options: ['1', '2', '3', '4'], get: (c) => String(c.deployment.nodes), patch: (v) => ({ deployment: { nodes: Number(v) } }) },
];

export function CompareControls() {
  const { session, busy, open, runSequence, act } = useCompare();
  if (!session) return null;
  const current = session.world.config;
  // Changes start from what the worlds run now (a sequence's own settings included).
  const base = patchOf(current);
  return (
    <section className="pane compare-controls" aria-labelledby="compare-controls-title">
      <h3 id="compare-controls-title">Run the same thing against both shops</h3>
      <div role="group" aria-label="Sequences" className="sequences">
        {COMPARE_SEQUENCES.map((sequence) => (
          <div key={sequence.id} className="sequence">
            <button type="button" disabled={busy} aria-describedby={`seq-${sequence.id}`} onClick={() => void runSequence(sequence.id)}>
              ▶ {sequence.title}
            </button>
            <small id={`seq-${sequence.id}`}>{sequence.about}</small>
          </div>
        ))}
      </div>
      <div role="group" aria-label="One action on both shops" className="buttons">
        {COMPARE_ACTIONS.map((step) => (
          <button key={stepLabel(step)} type="button" disabled={busy} onClick={() => void act(step)}>
            {stepLabel(step)}
          </button>
        ))}
      </div>
      <fieldset className="compare-config" disabled={busy}>
        <legend>Configuration of both worlds (a change starts them afresh)</legend>
        {SETTINGS.map((setting) => (
          <div className="setting" key={setting.id}>
            <label htmlFor={setting.id}>{setting.label}</label>
            <select id={setting.id} value={setting.get(current)} onChange={(e) => void open(mergePatches(base, setting.patch(e.target.value)))}>
              {setting.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </div>
        ))}
        <button type="button" onClick={() => void open(base)}>
          Start both afresh
        </button>
      </fieldset>
    </section>
  );
}

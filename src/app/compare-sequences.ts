/**
 * What the compare view can do to both shops at once, as data: the single
 * actions behind its buttons and the named sequences a learner runs with one
 * click. Pure: no worlds here, only what to do (compare-runner.ts does it).
 */
import { DAY, MINUTE } from '../sim/clock';
import { mergeConfig, type ConfigPatch, type WorldConfig } from '../sim/config';

/** Alice's flow events that both client machines know (REFRESH only exists in the JWT flow). */
export type CompareFlowEvent = 'LOG_IN' | 'CALL_ME' | 'VIEW_CART' | 'ADD_TO_CART' | 'SAVE_SETTINGS' | 'REFRESH' | 'LOG_OUT';

export type CompareStep =
  /** An event sent to Alice's flow machine, `times` times in a row. */
  | { kind: 'flow'; event: CompareFlowEvent; times?: number }
  /** The virtual clock moves forward in both worlds. */
  | { kind: 'clock'; ms: number }
  /** Mallory copies the credential Alice's browser sent last (Cookie or Authorization header). */
  | { kind: 'steal' }
  /** Mallory replays the copied credential: GET /me from her own machine. */
  | { kind: 'replay' };

export interface CompareSequence {
  id: string;
  title: string;
  /**
   * What it shows, in one sentence, for the configuration it runs with (see
   * sequenceAbout): a sentence that names a timeout or a key must name the
   * worlds' own.
   */
  about(config: WorldConfig): string;
  /** Configuration both worlds start with, on top of the compare view's own. */
  config?: ConfigPatch;
  steps: readonly CompareStep[];
}

/** A short label for a step, as the step log and the buttons show it. */
export function stepLabel(step: CompareStep): string {
  switch (step.kind) {
    case 'flow':
      return step.times && step.times > 1 ? `${step.event} ×${step.times}` : step.event;
    case 'clock':
      return `+${formatDuration(step.ms)}`;
    case 'steal':
      return 'Mallory copies the credential';
    case 'replay':
      return 'Mallory replays it: GET /me';
  }
}

/** A duration as the compare view writes it: "1 day", "16 min", "30 s". */
export function formatDuration(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY} day${ms === DAY ? '' : 's'}`;
  if (ms % MINUTE === 0) return `${ms / MINUTE} min`;
  return `${ms / 1000} s`;
}

export const COMPARE_SEQUENCES: readonly CompareSequence[] = [
  {
    id: 'stolen-after-logout',
    title: 'Log in, /me ×10, add to cart, log out, replay the stolen credential',
    about: () => 'Counts the cost of ordinary traffic in each style, then asks whether logging out ends a credential Mallory copied while Alice was logged in.',
    steps: [
      { kind: 'flow', event: 'LOG_IN' },
      { kind: 'flow', event: 'CALL_ME', times: 10 },
      { kind: 'flow', event: 'ADD_TO_CART' },
      { kind: 'steal' },
      { kind: 'flow', event: 'LOG_OUT' },
      { kind: 'replay' },
    ],
  },
  {
    id: 'idle-16-min',
    title: 'Log in, +16 min, call /me',
    about: (config) =>
      `A pause of 16 min against the session idle timeout (${formatDuration(config.session.idleTimeoutMs)}) and the access-token lifetime (${formatDuration(config.jwt.accessTtlMs)}): who is still logged in, and what did it cost?`,
    steps: [
      { kind: 'flow', event: 'LOG_IN' },
      { kind: 'clock', ms: 16 * MINUTE },
      { kind: 'flow', event: 'CALL_ME' },
    ],
  },
  {
    id: 'per-node-round-robin',
    title: '2 nodes, per-node session store, round-robin: log in, /me ×4',
    about: (config) =>
      'Sessions kept in one node’s memory meet a load balancer that alternates nodes; ' +
      (config.jwt.alg === 'HS256'
        ? 'tokens verify on any node that holds the shared secret (HS256), which can sign tokens too.'
        : `tokens verify on any node with the public key (${config.jwt.alg}).`),
    config: { deployment: { nodes: 2, sessionStore: 'per-node', lbPolicy: 'round-robin' } },
    steps: [
      { kind: 'flow', event: 'LOG_IN' },
      { kind: 'flow', event: 'CALL_ME', times: 4 },
    ],
  },
];

/** What `sequence` shows when run on top of `config` (the sequence's own settings applied, as the compare view runs it). */
export function sequenceAbout(sequence: CompareSequence, config: WorldConfig): string {
  return sequence.about(mergeConfig(config, sequence.config));
}

export function findSequence(id: string): CompareSequence | undefined {
  return COMPARE_SEQUENCES.find((s) => s.id === id);
}

/** The single actions of the compare view's buttons, applied to both worlds at once. */
export const COMPARE_ACTIONS: readonly CompareStep[] = [
  { kind: 'flow', event: 'LOG_IN' },
  { kind: 'flow', event: 'CALL_ME' },
  { kind: 'flow', event: 'VIEW_CART' },
  { kind: 'flow', event: 'ADD_TO_CART' },
  { kind: 'flow', event: 'SAVE_SETTINGS' },
  { kind: 'flow', event: 'REFRESH' },
  { kind: 'flow', event: 'LOG_OUT' },
  { kind: 'clock', ms: MINUTE },
  { kind: 'clock', ms: 16 * MINUTE },
  { kind: 'clock', ms: DAY },
  { kind: 'steal' },
  { kind: 'replay' },
];

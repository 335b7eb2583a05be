/**
 * The compare view's store: a session world and a JWT world, created through
 * the lab runtime (so each is registered with the MSW worker under its own
 * id), each with Alice's flow machine; the same steps run on both at once.
 * The runner is loaded lazily with the view, keeping it out of the first bundle.
 */
import { create } from 'zustand';
import { mergePatches, type ConfigPatch } from '../sim/config';
import type { CompareSide } from './compare-runner';
import { findSequence, type CompareStep } from './compare-sequences';
import { loadRuntime } from './lab-store';

export interface CompareState {
  status: 'idle' | 'starting' | 'ready' | 'failed';
  /** The learner's configuration for both worlds (a sequence may add its own on top). */
  config: ConfigPatch;
  /** The named sequence the worlds ran, while nothing else has been done to them. */
  sequence: string | null;
  session: CompareSide | null;
  jwt: CompareSide | null;
  /** Bumps after every step, so the view re-reads the worlds' figures. */
  version: number;
  busy: boolean;
  error: string | null;
  /** Fresh worlds with `config`; runs `sequence` on them when given. */
  open(config?: ConfigPatch, sequence?: string): Promise<void>;
  /** Fresh worlds, then every step of the named sequence on both. */
  runSequence(id: string): Promise<void>;
  /** One step on both worlds at once. */
  act(step: CompareStep): Promise<void>;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useCompare = create<CompareState>()((set, get) => {
  async function freshSides(config: ConfigPatch): Promise<{ session: CompareSide; jwt: CompareSide }> {
    const [runtime, { CompareSide }] = await Promise.all([loadRuntime(), import('./compare-runner')]);
    const make = async (style: 'session' | 'jwt') => {
      const world = await runtime.createWorld(mergePatches(config, { authStyle: style }));
      return new CompareSide(style, world, runtime.createFlow(style, world.page('alice')));
    };
    const [session, jwt] = await Promise.all([make('session'), make('jwt')]);
    // The old worlds leave the MSW registry: nothing can reach them any more.
    for (const old of [get().session, get().jwt]) {
      if (!old) continue;
      old.stop();
      runtime.dispose(old.world);
    }
    return { session, jwt };
  }

  let queue: Promise<void> = Promise.resolve();

  async function runAll(steps: readonly CompareStep[]): Promise<void> {
    const { runStep } = await import('./compare-runner');
    for (const step of steps) {
      const { session, jwt } = get();
      if (!session || !jwt) return;
      await Promise.all([runStep(session, step), runStep(jwt, step)]);
      set((s) => ({ version: s.version + 1 }));
    }
  }

  async function openNow(config: ConfigPatch, sequence: string | undefined): Promise<void> {
    const named = sequence ? findSequence(sequence) : undefined;
    set({ status: get().session ? 'ready' : 'starting', busy: true, error: null, config });
    try {
      const sides = await freshSides(mergePatches(config, named?.config));
      set((s) => ({ ...sides, status: 'ready', sequence: null, version: s.version + 1 }));
      if (named) {
        await runAll(named.steps);
        set({ sequence: named.id });
      }
    } catch (error) {
      set({ status: get().session ? 'ready' : 'failed', error: `The compare view could not start: ${describe(error)}` });
    } finally {
      set({ busy: false });
    }
  }

  return {
    status: 'idle',
    config: {},
    sequence: null,
    session: null,
    jwt: null,
    version: 0,
    busy: false,
    error: null,

    open(config = get().config, sequence) {
      // One rebuild at a time (a URL change can arrive mid-run): each waits for the one before.
      queue = queue.then(() => openNow(config, sequence));
      return queue;
    },

    async runSequence(id) {
      if (get().busy) return;
      await get().open(get().config, id);
    },

    async act(step) {
      if (get().busy || !get().session) return;
      set({ busy: true, error: null, sequence: null });
      try {
        await runAll([step]);
      } catch (error) {
        set({ error: describe(error) });
      } finally {
        set({ busy: false });
      }
    },
  };
});

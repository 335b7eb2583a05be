/**
 * The one zustand store of the first page: which auth style is shown, the
 * world that runs it, what is selected, and what went wrong. The world
 * itself is a plain object; components subscribe to it with useWorld().
 */
import { create } from 'zustand';
import type { AuthStyle } from '../sim/config';
import type { World } from '../sim/world';
import type { LabRuntime } from './lab-runtime';

export type LabStatus = 'starting' | 'ready' | 'failed';

export interface LabState {
  status: LabStatus;
  authStyle: AuthStyle;
  world: World | null;
  selectedExchange: string | null;
  /** The last action's failure (never a crash of the page). */
  error: string | null;
  busy: boolean;
  start(): Promise<void>;
  setAuthStyle(style: AuthStyle): Promise<void>;
  run(label: string, action: (world: World) => Promise<unknown>): Promise<void>;
  select(exchangeId: string | null): void;
}

let runtime: Promise<LabRuntime> | null = null;

/** Starts the MSW worker and world registry once, on first use. */
export function loadRuntime(): Promise<LabRuntime> {
  runtime ??= import('./lab-runtime').then((m) => m.startLabRuntime());
  return runtime;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const useLab = create<LabState>()((set, get) => ({
  status: 'starting',
  authStyle: 'session',
  world: null,
  selectedExchange: null,
  error: null,
  busy: false,

  async start() {
    try {
      const lab = await loadRuntime();
      const world = await lab.createWorld({ authStyle: get().authStyle });
      set({ status: 'ready', world, error: null });
    } catch (error) {
      set({ status: 'failed', error: `The simulated shop could not start: ${describe(error)}` });
    }
  },

  async setAuthStyle(style) {
    const lab = await loadRuntime();
    const previous = get().world;
    set({ busy: true, authStyle: style });
    try {
      const world = await lab.createWorld({ authStyle: style });
      if (previous) lab.dispose(previous);
      set({ world, selectedExchange: null, error: null });
    } catch (error) {
      set({ error: describe(error) });
    } finally {
      set({ busy: false });
    }
  },

  async run(label, action) {
    const world = get().world;
    if (!world || get().busy) return;
    set({ busy: true, error: null });
    try {
      await action(world);
      const last = world.trace.ofKind('exchange').at(-1);
      set({ selectedExchange: last?.id ?? get().selectedExchange });
    } catch (error) {
      set({ error: `${label} failed: ${describe(error)}` });
    } finally {
      set({ busy: false });
    }
  },

  select(exchangeId) {
    set({ selectedExchange: exchangeId });
  },
}));

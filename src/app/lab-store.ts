/**
 * The one zustand store of the page: which auth style is shown, the world
 * that runs it, Alice's flow machine, what is selected, and what went wrong.
 * The world and the flow are plain objects; components subscribe to them.
 */
import { create } from 'zustand';
import type { AuthStyle } from '../sim/config';
import type { World } from '../sim/world';
import type { FlowRunner } from './flow-runner';
import type { LabRuntime } from './lab-runtime';

export type LabStatus = 'starting' | 'ready' | 'failed';

export interface LabState {
  status: LabStatus;
  authStyle: AuthStyle;
  world: World | null;
  flow: FlowRunner | null;
  /** The exchange shown in the inspector; null follows the latest one. */
  selectedExchange: string | null;
  /** The last failure (never a crash of the page). */
  error: string | null;
  busy: boolean;
  start(): Promise<void>;
  setAuthStyle(style: AuthStyle): Promise<void>;
  /** Sends an event to Alice's flow machine; the inspector follows the new exchanges. */
  sendFlow(event: string): void;
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

async function newLab(style: AuthStyle): Promise<{ world: World; flow: FlowRunner }> {
  const lab = await loadRuntime();
  const world = await lab.createWorld({ authStyle: style });
  return { world, flow: lab.createFlow(style, world.page('alice')) };
}

export const useLab = create<LabState>()((set, get) => ({
  status: 'starting',
  authStyle: 'session',
  world: null,
  flow: null,
  selectedExchange: null,
  error: null,
  busy: false,

  async start() {
    try {
      set({ status: 'ready', ...(await newLab(get().authStyle)), error: null });
    } catch (error) {
      set({ status: 'failed', error: `The simulated shop could not start: ${describe(error)}` });
    }
  },

  async setAuthStyle(style) {
    const { world: previous, flow: previousFlow } = get();
    set({ busy: true, authStyle: style });
    try {
      const next = await newLab(style);
      previousFlow?.stop();
      if (previous) (await loadRuntime()).dispose(previous);
      set({ ...next, selectedExchange: null, error: null });
    } catch (error) {
      set({ error: describe(error) });
    } finally {
      set({ busy: false });
    }
  },

  sendFlow(event) {
    set({ selectedExchange: null, error: null });
    get().flow?.send(event);
  },

  select(exchangeId) {
    set({ selectedExchange: exchangeId });
  },
}));

/**
 * The one zustand store of the page: which auth style is shown, the world
 * that runs it, Alice's flow machine, what is selected, and what went wrong.
 * The world and the flow are plain objects; components subscribe to them.
 */
import { create } from 'zustand';
import type { AuthStyle, ConfigPatch } from '../sim/config';
import type { ActorAction } from './actor-actions';
import type { World } from '../sim/world';
import type { FlowRunner } from '../machines/flow-runner';
import { replacedNote, type History } from './history';
import type { LabRuntime } from './lab-runtime';

export type LabStatus = 'starting' | 'ready' | 'failed';

/** A world with Alice's flow and its recorded steps: what the lab panels show. */
export interface ShownLab {
  world: World;
  flow: FlowRunner;
  history: History;
}

export interface LabState {
  status: LabStatus;
  authStyle: AuthStyle;
  world: World | null;
  flow: FlowRunner | null;
  /** Recorded steps for back/forward; `steps` bumps when it changes. */
  history: History | null;
  steps: number;
  /** The exchange shown in the inspector; null follows the latest one. */
  selectedExchange: string | null;
  /** The last failure (never a crash of the page). */
  error: string | null;
  /** Why the last step back or forward failed (the world stayed where it was); shown beside the time-travel buttons. */
  travelError: string | null;
  /** Which recorded steps the last action replaced, when it was taken after stepping back; shown beside the time-travel buttons. */
  replacedSteps: string | null;
  busy: boolean;
  /** Starts the first world, optionally configured (e.g. from the URL). */
  start(style?: AuthStyle, patch?: ConfigPatch): Promise<void>;
  /** Replaces the world with a fresh one of this style (and configuration). */
  setAuthStyle(style: AuthStyle, patch?: ConfigPatch): Promise<void>;
  /** Sends an event to Alice's flow machine and records the step once it settles. */
  sendFlow(event: string): Promise<void>;
  /** Moves the virtual clock and records the step. */
  advanceClock(ms: number, label: string): void;
  /** Runs another actor's action (Mallory, admin, deployment), notes its outcome and records the step. */
  act(action: ActorAction): Promise<void>;
  /** Changes the world's settings and records the step. */
  configure(patch: ConfigPatch, label: string): Promise<void>;
  /** Time travel: 'back' | 'forward' | 'reset', or a step index. */
  travel(to: 'back' | 'forward' | 'reset' | number): void;
  select(exchangeId: string | null): void;
  /** True while another view (a lesson) lends the panels its world; the playground's own waits in `parked`. */
  lent: boolean;
  parked: ShownLab | null;
  /** Shows a lesson's world in the lab panels without disposing the playground's. */
  adopt(lab: ShownLab): void;
  /** Shows the playground's own world again (the lender keeps and disposes its own). */
  release(): void;
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

async function newLab(style: AuthStyle, patch: ConfigPatch = {}): Promise<{ world: World; flow: FlowRunner; history: History }> {
  const lab = await loadRuntime();
  const world = await lab.createWorld({ ...patch, authStyle: style });
  const flow = lab.createFlow(style, world.page('alice'));
  return { world, flow, history: lab.createHistory(world, flow) };
}

export const useLab = create<LabState>()((set, get) => ({
  status: 'starting',
  authStyle: 'session',
  world: null,
  flow: null,
  history: null,
  steps: 0,
  selectedExchange: null,
  error: null,
  travelError: null,
  replacedSteps: null,
  busy: false,
  lent: false,
  parked: null,

  async start(style = get().authStyle, patch) {
    set({ authStyle: style });
    try {
      const lab = await newLab(style, patch);
      if (get().lent) set({ parked: lab });
      else set({ status: 'ready', ...lab, error: null });
    } catch (error) {
      set({ status: 'failed', error: `The simulated shop could not start: ${describe(error)}` });
    }
  },

  async setAuthStyle(style, patch) {
    const { world: previous, flow: previousFlow } = get();
    set({ busy: true, authStyle: style });
    try {
      const next = await newLab(style, patch);
      previousFlow?.stop();
      if (previous) (await loadRuntime()).dispose(previous);
      set({ ...next, selectedExchange: null, error: null, travelError: null });
    } catch (error) {
      set({ error: describe(error) });
    } finally {
      set({ busy: false });
    }
  },

  async sendFlow(event) {
    const { flow, history } = get();
    if (!flow || !history || !flow.isResting()) return;
    set({ selectedExchange: null, error: null, travelError: null, busy: true });
    try {
      flow.send(event);
      await flow.settled();
      set({ replacedSteps: replacedNote(history.record(event), event) });
    } catch (error) {
      set({ error: `${event} failed: ${describe(error)}` });
    } finally {
      set((s) => ({ busy: false, steps: s.steps + 1 }));
    }
  },

  async act(action) {
    const { world, history, busy } = get();
    if (!world || !history || busy) return;
    set({ busy: true, error: null, travelError: null, selectedExchange: null });
    try {
      const outcome = await action.run(world);
      world.trace.record({ kind: 'note', actor: action.actor, text: `${action.label}: ${outcome}` });
      const label = `${action.actor}: ${action.label}`;
      set({ replacedSteps: replacedNote(history.record(label), label) });
    } catch (error) {
      set({ error: `${action.label} failed: ${describe(error)}` });
    } finally {
      set((s) => ({ busy: false, steps: s.steps + 1 }));
    }
  },

  async configure(patch, label) {
    const { world, history, busy } = get();
    if (!world || !history || busy) return;
    set({ busy: true, error: null, travelError: null });
    try {
      await world.configure(patch);
      set({ replacedSteps: replacedNote(history.record(label), label) });
    } catch (error) {
      set({ error: `${label} failed: ${describe(error)}` });
    } finally {
      set((s) => ({ busy: false, steps: s.steps + 1 }));
    }
  },

  advanceClock(ms, label) {
    const { world, history, busy } = get();
    if (!world || !history || busy) return;
    try {
      world.advance(ms);
    } catch (error) {
      // A refused step (past the last date a Date can show) leaves the world as it was; say so instead of throwing from a click.
      set({ error: `${label} refused: ${describe(error)}` });
      return;
    }
    const replacedSteps = replacedNote(history.record(label), label);
    set((s) => ({ steps: s.steps + 1, error: null, travelError: null, replacedSteps }));
  },

  travel(to) {
    const { history, busy } = get();
    if (!history || busy) return;
    try {
      if (to === 'back') history.back();
      else if (to === 'forward') history.forward();
      else if (to === 'reset') history.reset();
      else history.goTo(to);
      set((s) => ({ steps: s.steps + 1, selectedExchange: null, travelError: null, replacedSteps: null }));
    } catch (error) {
      // History restores all or nothing: the world on screen is still the step it was.
      set((s) => ({ steps: s.steps + 1, travelError: describe(error) }));
    }
  },

  select(exchangeId) {
    set({ selectedExchange: exchangeId });
  },

  adopt(lab) {
    const s = get();
    const own = s.world && s.flow && s.history ? { world: s.world, flow: s.flow, history: s.history } : null;
    set({ ...lab, lent: true, parked: s.lent ? s.parked : own, status: 'ready', selectedExchange: null, error: null, travelError: null, steps: s.steps + 1 });
  },

  release() {
    const { lent, parked } = get();
    if (!lent) return;
    set((s) => ({
      ...(parked ?? { world: null, flow: null, history: null }),
      lent: false,
      parked: null,
      status: parked ? 'ready' : 'starting',
      selectedExchange: null,
      travelError: null,
      busy: false,
      steps: s.steps + 1,
    }));
  },
}));

/**
 * The guided lesson: which lesson and step are open, the world the step runs
 * in, and what each step showed. The lesson's world, Alice's flow and their
 * recorded steps are lent to the lab store, so the playground's panels (the
 * diagram, the stage, the timeline, the inspector) show the step as it runs.
 *
 * Step N of a scenario runs in the world left by steps 1…N-1. Going back
 * restores that world from the recorded steps; opening a step directly (a
 * link, or skipping ahead) replays the steps before it in a fresh world.
 */
import { create } from 'zustand';
import { runStep, type Lesson, type Notebook, type RunContext, type StepReport } from '../lessons';
import type { History } from './history';
import { loadRuntime, useLab } from './lab-store';
import { loadCatalog, type Catalog } from './lesson-catalog';
import { useLessonRoute } from './lesson-route';
import { clampStep, numberSteps, stepText, type NumberedStep } from './lesson-steps';
import { useProgress } from './progress-store';
import type { LessonTarget } from './url-state';
import { useView } from './view-store';

export type SessionStatus = 'loading' | 'preparing' | 'ready' | 'running';

export interface LessonSessionState {
  catalog: Catalog | null;
  /** The lesson on screen; null shows the list. */
  lesson: Lesson | null;
  /** The current step, 1-based across the lesson. */
  step: number;
  status: SessionStatus;
  /** What each step run in the current world showed, by step number. */
  reports: Record<number, StepReport>;
  /** Steps that were replayed only to reach a linked step. */
  replayed: number[];
  hintsShown: number;
  solutionShown: boolean;
  /** Something went wrong (an unknown lesson, a world that would not start); the page stays usable. */
  error: string | null;
  /** Shows the list (no target) or a lesson's step, preparing its world. */
  open(target: LessonTarget | undefined): Promise<void>;
  /** Locks in the learner's prediction for the current step. */
  predict(choice: string): void;
  /** Runs the current step in the lesson's world and checks it. */
  run(): Promise<void>;
  /** Opens another step of this lesson (the URL follows). */
  goToStep(step: number): void;
  /** A fresh world at step 1; the lesson's answers are asked again. */
  reset(): Promise<void>;
  showHint(): void;
  toggleSolution(): void;
}

/** The lesson's running world; outside the store because it is a live object, not state. */
interface Running {
  lesson: Lesson;
  scenarioIndex: number;
  ctx: RunContext;
  history: History;
  /** Mallory's notebook before each recorded step, so going back restores what she knew. */
  notebooks: Notebook[];
}

let running: Running | null = null;
/** Bumps on every open, so a slower earlier open never overwrites a later one. */
let generation = 0;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const cloneNotebook = (n: Notebook): Notebook => structuredClone(n);

function stopRunning(): void {
  if (!running) return;
  const { ctx } = running;
  running = null;
  if (useLab.getState().world === ctx.world) useLab.getState().release();
  ctx.flow.stop();
  void loadRuntime().then((runtime) => runtime.dispose(ctx.world));
}

/** A fresh world for one scenario of the lesson, shown in the lab panels. */
async function startScenario(lesson: Lesson, scenarioIndex: number): Promise<Running> {
  const scenario = lesson.scenarios[scenarioIndex]!;
  const runtime = await loadRuntime();
  const world = await runtime.createWorld(scenario.world);
  const flow = runtime.createFlow(world.config.authStyle, world.page('alice'));
  const history = runtime.createHistory(world, flow);
  return { lesson, scenarioIndex, ctx: { world, flow, notebook: { cookies: new Map() } }, history, notebooks: [{ cookies: new Map() }] };
}

/** Runs one step for real and records it, keeping the lab's panels in step. */
async function play(r: Running, at: NumberedStep): Promise<StepReport> {
  const lab = useLab.getState();
  useLab.setState({ busy: true, selectedExchange: null });
  try {
    const report = await runStep(r.ctx, at.step, at.indexInScenario);
    r.history.record(stepText(at.step));
    r.notebooks.splice(at.indexInScenario + 1, Infinity, cloneNotebook(r.ctx.notebook));
    return report;
  } finally {
    if (lab.world === r.ctx.world) useLab.setState((s) => ({ busy: false, steps: s.steps + 1 }));
    else useLab.setState({ busy: false });
  }
}

export const useLessonSession = create<LessonSessionState>()((set, get) => {
  /** Brings the world to the moment before `number` and makes it the current step. */
  async function prepare(lesson: Lesson, number: number): Promise<void> {
    const mine = ++generation;
    const steps = numberSteps(lesson);
    const at = steps[number - 1]!;
    const previous = running;
    const sameScenario = previous && previous.lesson === lesson && previous.scenarioIndex === at.scenarioIndex;
    const keep = (reports: Record<number, StepReport>) =>
      Object.fromEntries(Object.entries(reports).filter(([n]) => Number(n) < number && steps[Number(n) - 1]?.scenarioIndex === at.scenarioIndex));

    if (sameScenario && previous.history.steps.length > at.indexInScenario) {
      // The moment before this step is recorded: go back (or forward) to it.
      try {
        previous.history.goTo(at.indexInScenario);
      } catch (error) {
        // Nothing moved (time travel is all or nothing): stay on the step whose world is on screen.
        useLab.setState((s) => ({ steps: s.steps + 1 }));
        set({ error: `Could not return to step ${number}: ${describe(error)}` });
        return;
      }
      previous.ctx.notebook = cloneNotebook(previous.notebooks[at.indexInScenario]!);
      useLab.setState((s) => ({ steps: s.steps + 1, selectedExchange: null }));
      set((s) => ({ lesson, step: number, status: 'ready', reports: keep(s.reports), hintsShown: 0, error: null }));
      useProgress.getState().reach(lesson.id, number);
      return;
    }

    set({ lesson, step: number, status: 'preparing', hintsShown: 0, error: null });
    let next: Running;
    try {
      next = await startScenario(lesson, at.scenarioIndex);
    } catch (error) {
      if (mine === generation) set({ status: 'ready', error: `The lesson's world could not start: ${describe(error)}` });
      return;
    }
    if (mine !== generation) {
      next.ctx.flow.stop();
      void loadRuntime().then((runtime) => runtime.dispose(next.ctx.world));
      return;
    }
    stopRunning();
    running = next;
    // If the learner has already left for another view, the world is shown when they come back (open re-adopts it).
    if (useView.getState().view === 'lessons') useLab.getState().adopt({ world: next.ctx.world, flow: next.ctx.flow, history: next.history });
    // Replay the scenario's earlier steps, so the world is where the linked step expects it.
    const reports: Record<number, StepReport> = {};
    const replayed: number[] = [];
    for (const earlier of steps.filter((s) => s.scenarioIndex === at.scenarioIndex && s.indexInScenario < at.indexInScenario)) {
      const report = await play(next, earlier);
      if (mine !== generation) return;
      reports[earlier.number] = report;
      replayed.push(earlier.number);
      if (report.status !== 'passed') {
        set({ reports, replayed, status: 'ready', error: `Step ${earlier.number} did not pass while preparing this step; reset the lesson to start again.` });
        return;
      }
    }
    set({ reports, replayed, status: 'ready' });
    useProgress.getState().reach(lesson.id, number);
  }

  async function open(target: LessonTarget | undefined): Promise<void> {
    const catalog = get().catalog ?? (await loadCatalog());
    if (!get().catalog) set({ catalog });
    if (!target) {
      set({ lesson: null, status: 'ready', error: null });
      return;
    }
    const lesson = catalog.lessons.find((l) => l.id === target.id);
    if (!lesson) {
      const broken = catalog.entries.some((e) => !e.parsed && e.file.includes(target.id));
      set({
        lesson: null,
        status: 'ready',
        error: broken ? `The lesson "${target.id}" could not be read; its errors are listed below.` : `There is no lesson called "${target.id}". Choose one from the list.`,
      });
      return;
    }
    const step = clampStep(lesson, target.step);
    if (step !== target.step) {
      // The address always names the step on screen, so it can be shared as it is; this comes back here.
      useLessonRoute.getState().go({ id: lesson.id, step });
      return;
    }
    const { lesson: shown, step: shownStep, status } = get();
    if (shown === lesson && shownStep === step && running?.lesson === lesson && status !== 'preparing') {
      // Already on screen: just make sure the panels show this lesson's world again.
      if (useLab.getState().world !== running.ctx.world) useLab.getState().adopt({ world: running.ctx.world, flow: running.ctx.flow, history: running.history });
      return;
    }
    if (shown !== lesson) set({ solutionShown: false, reports: {}, replayed: [] });
    await prepare(lesson, step);
  }

  return {
    catalog: null,
    lesson: null,
    step: 1,
    status: 'loading',
    reports: {},
    replayed: [],
    hintsShown: 0,
    solutionShown: false,
    error: null,
    open,

    predict(choice) {
      const { lesson, step } = get();
      const at = lesson && numberSteps(lesson)[step - 1];
      if (!lesson || !at?.step.predict) return;
      useProgress.getState().answer(lesson.id, step, choice, choice === at.step.predict.answer);
    },

    async run() {
      const { lesson, step, status } = get();
      const r = running;
      if (!lesson || !r || r.lesson !== lesson || status !== 'ready') return;
      const steps = numberSteps(lesson);
      const at = steps[step - 1]!;
      if (at.step.predict && !useProgress.getState().lessons[lesson.id]?.predictions[step]) return;
      set({ status: 'running', error: null });
      if (useLab.getState().world !== r.ctx.world && useView.getState().view === 'lessons') useLab.getState().adopt({ world: r.ctx.world, flow: r.ctx.flow, history: r.history });
      try {
        // The learner may have stepped back in the lab's time travel: run from the moment before this step.
        if (r.history.index !== at.indexInScenario && r.history.steps.length > at.indexInScenario) {
          r.history.goTo(at.indexInScenario);
          r.ctx.notebook = cloneNotebook(r.notebooks[at.indexInScenario]!);
        }
        const report = await play(r, at);
        set((s) => ({ reports: { ...s.reports, [step]: report }, replayed: s.replayed.filter((n) => n !== step), status: 'ready' }));
        if (report.status === 'passed') useProgress.getState().completeStep(lesson.id, step, steps.length);
      } catch (error) {
        set({ status: 'ready', error: `The step could not run: ${describe(error)}` });
      }
    },

    goToStep(step) {
      const { lesson } = get();
      if (lesson) useLessonRoute.getState().go({ id: lesson.id, step });
    },

    async reset() {
      const { lesson } = get();
      if (!lesson) return;
      useProgress.getState().resetLesson(lesson.id);
      stopRunning();
      set({ reports: {}, replayed: [], solutionShown: false });
      if (useLessonRoute.getState().target?.step !== 1) useLessonRoute.getState().go({ id: lesson.id, step: 1 });
      else await prepare(lesson, 1);
    },

    showHint() {
      set((s) => ({ hintsShown: s.hintsShown + 1 }));
    },

    toggleSolution() {
      set((s) => ({ solutionShown: !s.solutionShown }));
    },
  };
});

// Follow the address: a link, Back/Forward, or the buttons above (which change the route).
useLessonRoute.subscribe((s, before) => {
  if (s.target !== before.target) void useLessonSession.getState().open(s.target);
});
void useLessonSession.getState().open(useLessonRoute.getState().target);

// Leaving the lessons view gives the panels back to the playground; the lesson's world waits for the learner's return.
useView.subscribe((s) => {
  if (s.view !== 'lessons' && running && useLab.getState().world === running.ctx.world) useLab.getState().release();
});

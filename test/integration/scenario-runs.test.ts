/**
 * The scenario tests page's runner (the store behind it) against real worlds
 * under msw/node: reports grow step by step with progress, each scenario
 * gets a world of its own, one scenario's exception never stops the others,
 * Stop stops, and re-running one scenario keeps the other results.
 */
import { describe, expect, it } from 'vitest';
import { runTargets } from '../../src/app/catalog-runs';
import { parseSource } from '../../src/app/lesson-catalog';
import { countRuns, createScenarioRuns, fileStatus, type Progress, type RunTarget } from '../../src/app/scenario-runs';
import type { WorldHost } from '../../src/lessons/runner';
import type { World } from '../../src/sim/world';
import { useScenarioHarness } from './scenario-harness';

const { host, parse } = useScenarioHarness();

function target(yaml: string, file = 't.scenario.yaml'): RunTarget {
  return { file, parsed: parse(yaml, file) };
}

const TWO = `title: two
scenarios:
  - name: first
    steps:
      - alice: log in
        expect: { status: 200 }
      - alice: view account
        expect: { status: 200, body.user.username: alice }
  - name: second
    steps:
      - alice: view cart
      - alice: log in
        expect: { alice flow: signedIn }
`;

const PASSING = `title: passing
scenarios:
  - name: fresh world
    steps:
      - alice: send GET /me
        expect: { status: 401 }
      - alice: log in
        expect: { status: 200 }
`;

/** Counts worlds made and forgotten, and can make one scenario's world break the runner. */
function countingHost(breakWorld?: number): WorldHost & { made: World[]; disposed: World[] } {
  const made: World[] = [];
  const disposed: World[] = [];
  return {
    made,
    disposed,
    async createWorld(config) {
      const world = await host.createWorld(config);
      made.push(world);
      if (made.length === breakWorld) {
        // The runner asks the world for Alice's page before the first step: make that throw.
        return new Proxy(world, { get: (w, key) => (key === 'page' ? () => { throw new Error('no page today'); } : Reflect.get(w, key, w)) });
      }
      return world;
    },
    dispose(world) {
      disposed.push(world);
      host.dispose?.(world);
    },
  };
}

describe('the scenario runs store', () => {
  it('reports step by step with progress, one fresh world per scenario, and a summary', async () => {
    const counting = countingHost();
    const store = createScenarioRuns(counting, { now: (() => { let t = 0; return () => (t += 250); })() });
    const seen: Progress[] = [];
    const stepsSeen: number[] = [];
    store.subscribe((s) => {
      if (s.progress) seen.push(s.progress);
      stepsSeen.push(s.runs['t.scenario.yaml']?.[0]?.steps.length ?? 0);
    });
    const targets = [target(TWO), target(PASSING, 'p.scenario.yaml')];
    await store.getState().run(targets);
    const state = store.getState();
    expect(state.running).toBe(false);
    expect(state.last).toEqual({ ms: 250, stopped: false });
    expect(state.runs['t.scenario.yaml']!.map((r) => r.status)).toEqual(['passed', 'failed']);
    expect(state.runs['p.scenario.yaml']!.map((r) => r.status)).toEqual(['passed']);
    // The second scenario's first step fails (no cart before logging in), so its second is skipped.
    const second = state.runs['t.scenario.yaml']![1]!;
    expect(second.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(second.steps[0]!.error).toMatch(/\S/);
    // Reports grew one step at a time, and progress counted every step, skipped ones too.
    expect(stepsSeen).toContain(1);
    expect(seen.at(-1)?.done).toBe(6);
    expect(Math.max(...seen.map((p) => p.total))).toBe(6);
    expect(seen.some((p) => p.file === 'p.scenario.yaml' && p.scenario === 'fresh world')).toBe(true);
    // Three scenarios, three worlds, each forgotten afterwards; the last one saw no session from the others.
    expect(counting.made).toHaveLength(3);
    expect(new Set(counting.made.map((w) => w.id)).size).toBe(3);
    expect(counting.disposed).toEqual(counting.made);
    expect(countRuns(targets, state.runs)).toEqual({
      files: { passed: 1, failed: 1, notRun: 0 },
      scenarios: { passed: 2, failed: 1, notRun: 0 },
      steps: { passed: 4, failed: 1, skipped: 1 },
    });
  });

  it("one scenario's runner exception is shown on it, and the next scenarios still run", async () => {
    const counting = countingHost(1);
    const store = createScenarioRuns(counting);
    await store.getState().run([target(TWO), target(PASSING, 'p.scenario.yaml')]);
    // The broken scenario's world was forgotten too.
    expect(counting.disposed).toHaveLength(counting.made.length);
    const runs = store.getState().runs;
    expect(runs['t.scenario.yaml']![0]).toMatchObject({ status: 'failed', error: 'the runner failed in this scenario: no page today' });
    expect(runs['t.scenario.yaml']![1]!.status).toBe('failed');
    expect(runs['p.scenario.yaml']![0]!.status).toBe('passed');
    expect(store.getState().running).toBe(false);
  });

  it('Stop ends the run after the current step; the rest is marked stopped', async () => {
    const store = createScenarioRuns(host, {
      yieldToPage: async () => store.getState().stop(),
    });
    await store.getState().run([target(TWO), target(PASSING, 'p.scenario.yaml')]);
    const { runs, last } = store.getState();
    expect(runs['t.scenario.yaml']!.map((r) => r.status)).toEqual(['stopped', 'stopped']);
    expect(runs['t.scenario.yaml']![0]!.steps).toHaveLength(1);
    expect(runs['p.scenario.yaml']!.map((r) => r.status)).toEqual(['stopped']);
    expect(last?.stopped).toBe(true);
  });

  it('re-running one scenario keeps the results of the others; a second run while one runs is ignored', async () => {
    const counting = countingHost();
    const store = createScenarioRuns(counting);
    const two = target(TWO);
    await store.getState().run([two]);
    const before = store.getState().runs['t.scenario.yaml']!;
    const again = store.getState().run([two], 0);
    await store.getState().run([two]); // ignored: a batch is running
    await again;
    const after = store.getState().runs['t.scenario.yaml']!;
    expect(after[1]).toBe(before[1]);
    expect(after[0]!.status).toBe('passed');
    expect(counting.made).toHaveLength(3);
    expect(fileStatus(two.parsed, after)).toBe('failed');
  });

  it('a file that does not parse keeps its file:line:col mistakes and is left out; the other files run', async () => {
    const broken = parseSource('lessons/scenarios/broken.scenario.yaml', 'title: Broken\nscenarios:\n  - steps:\n      - bob: dance\n');
    const good = parseSource('lessons/scenarios/good.scenario.yaml', PASSING);
    expect(broken.diagnostics[0]).toMatchObject({ file: 'lessons/scenarios/broken.scenario.yaml', line: 4, col: expect.any(Number) });
    const targets = runTargets({ entries: [broken, good], lessons: [], scenarios: [] });
    expect(targets.map((t) => t.file)).toEqual(['lessons/scenarios/good.scenario.yaml']);
    const store = createScenarioRuns(host);
    await store.getState().run(targets);
    expect(store.getState().runs['lessons/scenarios/good.scenario.yaml']!.map((r) => r.status)).toEqual(['passed']);
    expect(store.getState().runs['lessons/scenarios/broken.scenario.yaml']).toBeUndefined();
  });
});

/**
 * The node limit (8, MAX_NODES) holds however a node is asked for: "Add a
 * node" at the limit is refused with the reason (the Sandbox button says
 * why before it is pressed, a lesson step fails with it), and settings given
 * to World.create or configure are checked against the schema, so no API
 * call can make a hundred nodes either.
 */
import { describe, expect, it } from 'vitest';
import { ACTOR_ACTIONS } from '../../src/app/actor-actions';
import { InvalidSettings, type ConfigPatch } from '../../src/sim/config';
import { MAX_NODES } from '../../src/sim/settings/deployment-settings';
import { World } from '../../src/sim/world';
import { useScenarioHarness } from './scenario-harness';

const addNode = ACTOR_ACTIONS.find((a) => a.id === 'add-node')!;
const nodeIds = (world: World) => world.deployment.nodes.map((n) => n.id);

describe('"Add a node" stops at the limit', () => {
  it('the deployment refuses a ninth node with a stable code and the reason, and stays at 8', async () => {
    const world = await World.create({ config: { deployment: { nodes: MAX_NODES - 1 } } });
    expect(world.deployment.addNodeRefusal()).toBeUndefined();
    expect(world.deployment.addNode().id).toBe('node-8');
    expect(() => world.deployment.addNode()).toThrow(expect.objectContaining({ code: 'node_limit', message: expect.stringMatching(/already has 8 nodes, the most a world may have/) }));
    expect(nodeIds(world)).toHaveLength(MAX_NODES);
  });

  it('the Sandbox button says why it is unavailable at the limit, and pressing it anyway adds nothing', async () => {
    const world = await World.create({ config: { deployment: { nodes: MAX_NODES - 1 } } });
    expect(addNode.blockedReason?.(world)).toBeUndefined();
    expect(await addNode.run(world)).toBe('added node-8');
    expect(addNode.blockedReason?.(world)).toMatch(/already has 8 nodes, the most a world may have/);
    await expect(addNode.run(world)).rejects.toThrow(/already has 8 nodes/);
    expect(nodeIds(world)).toHaveLength(MAX_NODES);
  });
});

describe('a lesson step', () => {
  const scenarios = useScenarioHarness();

  it('"deployment: add a node" at the limit fails the step with the reason', async () => {
    const report = await scenarios.run(`title: t\nscenarios:\n  - world: { deployment: { nodes: 8 } }\n    steps:\n      - deployment: add a node\n      - alice: log in\n        expect: { status: 200 }\n`);
    expect(report.passed).toBe(false);
    expect(report.scenarios[0]!.steps[0]).toMatchObject({ error: expect.stringMatching(/already has 8 nodes, the most a world may have/) });
  });
});

describe('settings given through the API are checked against the schema', () => {
  it.each<[string, ConfigPatch | Record<string, unknown>, RegExp]>([
    ['a hundred nodes', { deployment: { nodes: 100 } }, /deployment\.nodes: must be a whole number from 1 to 8/],
    ['no nodes', { deployment: { nodes: 0 } }, /deployment\.nodes: must be a whole number from 1 to 8/],
    ['an unknown setting', { deployment: { replicas: 3 } }, /deployment\.replicas: unknown setting/],
    ['a word where a number goes', { session: { idleTimeoutMs: 'soon' } }, /session\.idleTimeoutMs: must be a whole number/],
  ])('World.create refuses %s, naming the setting', async (_what, config, message) => {
    const refused = World.create({ config: config as ConfigPatch });
    await expect(refused).rejects.toBeInstanceOf(InvalidSettings);
    await expect(refused).rejects.toThrow(message);
  });

  it('configure refuses 100 nodes, naming the limit, and changes nothing', async () => {
    const world = await World.create();
    const before = world.config;
    await expect(world.configure({ deployment: { nodes: 100 } })).rejects.toThrow(/deployment\.nodes: must be a whole number from 1 to 8/);
    expect(world.config).toBe(before);
    expect(nodeIds(world)).toEqual(['node-1']);
    await world.configure({ deployment: { nodes: 8 } });
    expect(nodeIds(world)).toHaveLength(8);
  });
});

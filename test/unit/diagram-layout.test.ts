/**
 * The chart layout: every state gets a box inside the drawing, and a
 * transition back to the same state (the session lifecycle's plain USE) is a
 * loop that starts and ends on its own box, not a line trailing off.
 */
import { describe, expect, it } from 'vitest';
import { machineGraph } from '../../src/machines/machine-graph';
import { sessionLifecycle } from '../../src/sim/lifecycle/session-lifecycle.machine';
import { layoutGraph } from '../../src/ui/diagram/layout';

describe('lifecycle chart layout', () => {
  const graph = machineGraph(sessionLifecycle);

  it.each(['TB', 'LR'] as const)('%s: every state is laid out inside the drawing', (direction) => {
    const layout = layoutGraph(graph, direction);
    expect([...layout.nodes.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const box of layout.nodes.values()) {
      expect(box.x - box.width / 2).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width / 2).toBeLessThanOrEqual(layout.width);
    }
  });

  it('the USE self-transition is a loop from the active box back to it, within the drawing', () => {
    const layout = layoutGraph(graph, 'LR');
    const active = layout.nodes.get('session.active')!;
    const loop = layout.paths.find((p) => p.label === 'USE')!;
    const [first, last] = [loop.points[0]!, loop.points.at(-1)!];
    for (const end of [first, last]) {
      expect(Math.abs(end.x - active.x)).toBeLessThanOrEqual(active.width / 2);
      expect(Math.abs(Math.abs(end.y - active.y) - active.height / 2)).toBeLessThan(0.001);
    }
    for (const point of loop.points) expect(point.y).toBeGreaterThanOrEqual(0);
    expect(loop.labelY).toBeGreaterThanOrEqual(0);
  });
});

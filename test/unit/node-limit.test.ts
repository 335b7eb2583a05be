/**
 * One node limit: a lesson's world, a shared link and the Sandbox accept
 * exactly the same node counts, and the stage draws that many.
 */
import { describe, expect, it } from 'vitest';
import { decodeUrlState } from '../../src/app/url-state';
import { parseScenarioFile } from '../../src/lessons/parse-lesson';
import { MAX_NODES } from '../../src/sim/settings/deployment-settings';
import { findSetting } from '../../src/sim/settings/setting-list';
import { readNumber } from '../../src/ui/components/sandbox-controls';
import { stageLayout, type Box } from '../../src/ui/stage/stage-layout';

const lessonAccepts = (nodes: number) =>
  parseScenarioFile('lessons/n.scenario.yaml', `title: T\nscenarios:\n  - world: { deployment: { nodes: ${nodes} } }\n    steps:\n      - alice: log in\n        expect: { status: 200 }\n`).ok;
const urlAccepts = (nodes: number) => decodeUrlState(`#/playground?deployment.nodes=${nodes}`).problems.length === 0;
const sandboxAccepts = (nodes: number) => 'value' in readNumber(findSetting('deployment.nodes')!, String(nodes));

describe('the node limit', () => {
  const counts = Array.from({ length: 21 }, (_, n) => n);
  const oneToMax = Array.from({ length: MAX_NODES }, (_, i) => i + 1);

  it('is the same for lessons, shared links and the Sandbox: 1 to 8', () => {
    expect(MAX_NODES).toBe(8);
    expect(counts.filter(lessonAccepts)).toEqual(oneToMax);
    expect(counts.filter(urlAccepts)).toEqual(oneToMax);
    expect(counts.filter(sandboxAccepts)).toEqual(oneToMax);
  });

  it('the stage draws that many nodes full size, one below the other, without overlap', () => {
    const ids = oneToMax.map((n) => `node-${n}`);
    const layout = stageLayout(['alice', 'admin', 'mallory'], ids);
    expect(layout.nodes.map((n) => n.id)).toEqual(ids);
    const one = stageLayout(['alice'], ['node-1']).nodes[0]!;
    const below = (a: Box, b: Box) => b.y >= a.y + a.h;
    layout.nodes.forEach((node, i) => {
      expect({ w: node.w, h: node.h }).toEqual({ w: one.w, h: one.h });
      if (i > 0) expect(below(layout.nodes[i - 1]!, node)).toBe(true);
      expect(node.y + node.h).toBeLessThanOrEqual(layout.height);
    });
  });
});

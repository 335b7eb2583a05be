/**
 * The app's lesson catalog: the bundled sources parse in order with the same
 * parser as the build, and a broken text (a learner's, or a lesson with a
 * mistake) becomes diagnostics with line and column instead of a crash.
 */
import { describe, expect, it } from 'vitest';
import { CHECKLIST_IDS, loadCatalog, parseSource } from '../../src/app/lesson-catalog';

describe('lesson catalog', () => {
  it('bundles every lesson and scenario file; all parse, lessons in their order', async () => {
    const catalog = await loadCatalog();
    expect(catalog.entries.filter((e) => e.diagnostics.length > 0)).toEqual([]);
    expect(catalog.entries.map((e) => e.file)).toContain('lessons/02-server-side-sessions.md');
    expect(catalog.entries.map((e) => e.file)).not.toContain('lessons/README.md');
    const orders = catalog.lessons.map((l) => l.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(catalog.lessons.length).toBeGreaterThanOrEqual(6);
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(1);
  });

  it('knows the checklist IDs from docs/security-checklist.md', () => {
    expect(CHECKLIST_IDS.has('SESS-01')).toBe(true);
    expect(CHECKLIST_IDS.size).toBe(56);
  });

  it('a broken scenario text gives positioned diagnostics, never an exception', () => {
    const entry = parseSource('mine.scenario.yaml', 'title: Mine\nscenarios:\n  - name: x\n    steps:\n      - bob: dance\n');
    expect(entry.parsed).toBeUndefined();
    expect(entry.diagnostics.length).toBeGreaterThan(0);
    expect(entry.diagnostics[0]).toMatchObject({ file: 'mine.scenario.yaml', line: expect.any(Number), col: expect.any(Number) });
  });
});

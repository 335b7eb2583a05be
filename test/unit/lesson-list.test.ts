/**
 * The lessons list's data: lessons in order with the learner's progress, and
 * a lesson file that does not parse listed with its file:line:col errors
 * while every other lesson stays available.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseSource, type Catalog } from '../../src/app/lesson-catalog';
import { lessonListItems } from '../../src/app/lesson-list';
import { numberSteps } from '../../src/app/lesson-steps';

const BROKEN = `---
id: broken-lesson
title: Broken
summary: x
order: 99
objectives: [x]
proves: []
---

\`\`\`scenario
name: oops
steps:
  - bob: dance
\`\`\`
`;

async function catalogWithBrokenLesson(): Promise<Catalog> {
  const real = await loadCatalog();
  const broken = parseSource('lessons/99-broken.md', BROKEN);
  return { ...real, entries: [...real.entries, broken] };
}

describe('lessons list', () => {
  it('a lesson file that fails to parse is listed with its file:line:col errors; the others are all there', async () => {
    const catalog = await catalogWithBrokenLesson();
    const items = lessonListItems(catalog, {});
    const broken = items.filter((i) => i.kind === 'broken');
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ file: 'lessons/99-broken.md' });
    expect(broken[0]!.kind === 'broken' && broken[0]!.errors[0]).toMatch(/^lessons\/99-broken\.md:\d+:\d+: /);
    const lessons = items.flatMap((i) => (i.kind === 'lesson' ? [i.lesson.id] : []));
    expect(lessons).toEqual(catalog.lessons.map((l) => l.id));
    expect(lessons.length).toBeGreaterThanOrEqual(6);
  });

  it('shows each lesson’s progress: steps done, predictions right, where to continue', async () => {
    const catalog = await loadCatalog();
    const lesson = catalog.lessons[1]!;
    const total = numberSteps(lesson).length;
    const items = lessonListItems(catalog, {
      [lesson.id]: {
        furthestStep: 3,
        completedSteps: [1, 2],
        predictions: { 1: { choice: 'a', correct: true }, 5: { choice: 'b', correct: false } },
        completed: false,
      },
    });
    const item = items.find((i) => i.kind === 'lesson' && i.lesson.id === lesson.id);
    expect(item).toMatchObject({ totalSteps: total, doneSteps: 2, predicted: 2, predictedRight: 1, resumeStep: 3, completed: false });
    const untouched = items.find((i) => i.kind === 'lesson' && i.lesson.id !== lesson.id);
    expect(untouched).toMatchObject({ doneSteps: 0, resumeStep: 1, completed: false });
  });

  it('numbers steps across a lesson’s scenarios, each knowing its own scenario and place', async () => {
    const lesson = (await loadCatalog()).lessons.find((l) => l.scenarios.length > 1)!;
    const steps = numberSteps(lesson);
    expect(steps.map((s) => s.number)).toEqual(steps.map((_, i) => i + 1));
    const second = steps.find((s) => s.scenarioIndex === 1)!;
    expect(second.indexInScenario).toBe(0);
    expect(second.number).toBe(lesson.scenarios[0]!.steps.length + 1);
  });
});

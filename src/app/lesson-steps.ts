/**
 * A lesson's steps numbered the way the learner and the URL count them:
 * 1, 2, 3 … across all of its scenario blocks (each block starts a fresh
 * world, so a step also knows its scenario and its place inside it).
 */
import type { Lesson, Scenario, Step } from '../lessons';

export interface NumberedStep {
  /** 1-based across the lesson: what `#/lessons/<id>/<number>` names. */
  number: number;
  scenarioIndex: number;
  /** 0-based inside its scenario. */
  indexInScenario: number;
  scenario: Scenario;
  step: Step;
}

export function numberSteps(lesson: Lesson): NumberedStep[] {
  let number = 0;
  return lesson.scenarios.flatMap((scenario, scenarioIndex) =>
    scenario.steps.map((step, indexInScenario) => ({ number: ++number, scenarioIndex, indexInScenario, scenario, step })),
  );
}

/** The nearest existing step number (a link may name one past the end). */
export function clampStep(lesson: Lesson, step: number | undefined): number {
  const total = numberSteps(lesson).length;
  if (step === undefined || !Number.isInteger(step) || step < 1) return 1;
  return Math.min(step, total);
}

/** `alice: log in`, as the runner labels a step; here so the lesson's text needs no runner code. */
export const stepText = (step: Step): string => `${step.actor}: ${step.action}`;

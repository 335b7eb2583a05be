/**
 * Which requests the stage shows: the one the learner selected, else those
 * of the step on screen (time travel included), else the last one before it.
 * Pure, so the rule is unit-tested rather than read off the screen.
 */
import type { ExchangePath } from './exchange-path';

/**
 * The trace length at which the step on screen began. `recorded[i]` is the
 * trace length saved with step i. While a step is under way the trace has
 * grown past the current record, and the new events belong to that step.
 */
export function stepStart(recorded: readonly number[], index: number, traceLength: number): number {
  const here = recorded[index];
  if (here === undefined) return 0;
  if (traceLength > here) return here;
  return index > 0 ? (recorded[index - 1] ?? 0) : 0;
}

export type FocusReason = 'selected' | 'step' | 'earlier' | 'none';

export interface StageFocus {
  reason: FocusReason;
  /** Oldest first; the stage animates them in this order. At most `limit` (the newest). */
  paths: ExchangePath[];
  /** How many requests the step sent, shown or not. */
  total: number;
}

/** A step that sent more requests than this (a script, a load run) shows only its newest ones. */
export const FOCUS_LIMIT = 6;

/**
 * `selected` is the exchange chosen in the timeline (null: none chosen);
 * `since` the trace length where the current step began.
 */
export function stageFocus(paths: readonly ExchangePath[], selected: string | null, since: number, limit = FOCUS_LIMIT): StageFocus {
  const chosen = selected === null ? undefined : paths.find((p) => p.id === selected);
  if (chosen) return { reason: 'selected', paths: [chosen], total: 1 };
  const inStep = paths.filter((p) => p.seq > since);
  if (inStep.length > 0) return { reason: 'step', paths: inStep.slice(-limit), total: inStep.length };
  const last = paths.at(-1);
  return last ? { reason: 'earlier', paths: [last], total: 1 } : { reason: 'none', paths: [], total: 0 };
}

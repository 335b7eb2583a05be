/** Which requests the stage shows: the selected one, those of the step on screen, or the last one before it. */
import { describe, expect, it } from 'vitest';
import { stageFocus, stepStart } from '../../src/ui/stage/current-step';
import { exchangePaths } from '../../src/ui/stage/exchange-path';
import { TraceBuilder } from './support/trace-builder';

describe('stepStart', () => {
  // Recorded trace lengths of steps 0..3: start, a login (3 events), a clock move (1), a call (2).
  const recorded = [1, 4, 5, 7];

  it('is where the previous step ended, for the step on screen', () => {
    expect(stepStart(recorded, 3, 7)).toBe(5);
    expect(stepStart(recorded, 1, 4)).toBe(1);
  });

  it('after stepping back, is the start of the step travelled to', () => {
    expect(stepStart(recorded, 2, 5)).toBe(4);
  });

  it('while a step is under way, its new events belong to it', () => {
    expect(stepStart(recorded, 3, 9)).toBe(7);
  });

  it('is 0 at the first step and with no history', () => {
    expect(stepStart(recorded, 0, 1)).toBe(0);
    expect(stepStart([], 0, 5)).toBe(0);
  });
});

describe('stageFocus', () => {
  const t = new TraceBuilder().exchange({ id: 'x1' }).exchange({ id: 'x2' }).exchange({ id: 'x3' });
  const paths = exchangePaths(t.events);
  const seqOf = (id: string) => paths.find((p) => p.id === id)!.seq;

  it("shows the step's requests, oldest first", () => {
    const focus = stageFocus(paths, null, seqOf('x1'));
    expect(focus).toMatchObject({ reason: 'step' });
    expect(focus.paths.map((p) => p.id)).toEqual(['x2', 'x3']);
  });

  it('shows the selected request instead, if it still exists', () => {
    expect(stageFocus(paths, 'x1', seqOf('x2')).paths.map((p) => p.id)).toEqual(['x1']);
    // A selection from a future that time travel dropped falls back to the step.
    expect(stageFocus(paths, 'x9', seqOf('x2'))).toMatchObject({ reason: 'step', paths: [{ id: 'x3' }] });
  });

  it('shows the last request when the step sent none (a clock move), and nothing before any request', () => {
    expect(stageFocus(paths, null, seqOf('x3'))).toMatchObject({ reason: 'earlier', paths: [{ id: 'x3' }] });
    expect(stageFocus([], null, 0)).toEqual({ reason: 'none', paths: [], total: 0 });
  });

  it('a step with many requests shows only the newest few, and says how many there were', () => {
    const focus = stageFocus(paths, null, 0, 2);
    expect(focus.paths.map((p) => p.id)).toEqual(['x2', 'x3']);
    expect(focus.total).toBe(3);
  });
});

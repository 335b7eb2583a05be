/**
 * The learner's steps: after every flow event and clock move, the whole
 * world saved (every part saves itself) and Alice's flow. Back and forward
 * move between them (time travel); acting after stepping back starts a new
 * future.
 */
import { WorldRestoreError } from '../sim/restorable';
import type { SavedWorld, World } from '../sim/world';
import type { FlowRunner, FlowSnapshot } from '../machines/flow-runner';

export interface Step {
  label: string;
  world: SavedWorld;
  flow: FlowSnapshot;
}

export class History {
  readonly steps: Step[] = [];
  index = -1;
  readonly #world: World;
  readonly #flow: FlowRunner;

  constructor(world: World, flow: FlowRunner) {
    this.#world = world;
    this.#flow = flow;
    this.record('start');
  }

  /**
   * Records the present as a new step. Acting after stepping back starts a
   * new future: the steps that were ahead are dropped and returned, so the
   * page can say which were replaced.
   */
  record(label: string): Step[] {
    const dropped = this.steps.splice(this.index + 1);
    this.steps.push({ label, world: this.#world.save(), flow: this.#flow.snapshot() });
    this.index = this.steps.length - 1;
    return dropped;
  }

  get canBack(): boolean {
    return this.index > 0;
  }

  get canForward(): boolean {
    return this.index < this.steps.length - 1;
  }

  /** Each move throws a {@link WorldRestoreError} if the step cannot be restored; world, flow and index then stay as they were. */
  back(): void {
    if (this.canBack) this.#go(this.index - 1);
  }

  forward(): void {
    if (this.canForward) this.#go(this.index + 1);
  }

  /** Back to the very first step (the future stays reachable with forward). */
  reset(): void {
    this.#go(0);
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.steps.length) this.#go(index);
  }

  /**
   * World and flow together, or neither. The flow goes first: its restore
   * is all or nothing and cheap to undo, and the world's restore undoes
   * itself when it fails.
   */
  #go(index: number): void {
    const step = this.steps[index]!;
    const flowBefore = this.#flow.snapshot();
    try {
      this.#flow.restore(step.flow);
    } catch (error) {
      throw new WorldRestoreError("Alice's flow machine", error instanceof Error ? error.message : String(error), { unchanged: true, cause: error });
    }
    try {
      this.#world.restore(step.world);
    } catch (error) {
      this.#flow.restore(flowBefore);
      throw error;
    }
    this.index = index;
  }
}

/**
 * What a learner is told when an action taken after stepping back replaced
 * the steps that were ahead: nothing is dropped without a word.
 */
export function replacedNote(dropped: readonly Step[], label: string): string | null {
  if (dropped.length === 0) return null;
  const names = dropped.map((step) => `"${step.label}"`);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `"${label}" was done after stepping back, so it starts a new future: the ${dropped.length} later step(s) ${shown} are gone from the list.`;
}

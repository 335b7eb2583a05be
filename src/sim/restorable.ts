/**
 * Time travel, part by part. Each part of a world (clock, random source,
 * settings, keys, database, deployment, browsers and pages, trace) saves
 * itself as plain, frozen data that only it reads, and restores itself from
 * it; the world composes them (world.ts) and knows none of their insides.
 * A new part brings its own pair, and nothing else has to learn about it.
 */

/** A part of a world that can be saved now and returned to later. */
export interface Restorable<Saved> {
  /** This part now, as plain data that nobody may change (frozen). */
  save(): Saved;
  /**
   * Returns this part to `saved`. Checks `saved` first: if it cannot be
   * used, throws (a {@link RestoreRefused}) before changing anything. It
   * never records anything: nothing happened, time was travelled.
   */
  restore(saved: Saved): void;
}

/** A part refused what it was asked to restore; the message says why, `part` says which. */
export class RestoreRefused extends Error {
  /** The innermost part that refused (`browser bob`, `deployment node-2`), once known. */
  readonly part: string | undefined;

  constructor(reason: string, part?: string) {
    super(reason);
    this.name = 'RestoreRefused';
    this.part = part;
  }
}

/** Throws a {@link RestoreRefused} with `reason` unless `condition` holds. */
export function check(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new RestoreRefused(reason);
}

/**
 * Runs one part's restore and names the part in whatever it throws, unless
 * a part inside it has already named itself (the innermost name is the most
 * useful one). Any other error (a bug) becomes a refusal with its message.
 */
export function inPart<T>(part: string, restore: () => T): T {
  try {
    return restore();
  } catch (error) {
    if (error instanceof RestoreRefused && error.part !== undefined) throw error;
    throw new RestoreRefused(error instanceof Error ? error.message : String(error), part);
  }
}

/**
 * Restoring a world failed. `part` names what could not be restored
 * (`browser bob`, `deployment node-2`, `settings` …), `reason` says why, and
 * `unchanged` is true when the world was put back exactly as it was, which
 * is every time unless putting it back failed as well.
 */
export class WorldRestoreError extends Error {
  readonly code = 'world_restore_failed';
  readonly part: string;
  readonly reason: string;
  readonly unchanged: boolean;

  constructor(part: string, reason: string, options: { unchanged: boolean; cause?: unknown }) {
    super(`Could not restore ${part}: ${reason}. ${options.unchanged ? 'The world is as it was.' : 'Putting the world back failed too; start a new one.'}`, { cause: options.cause });
    this.name = 'WorldRestoreError';
    this.part = part;
    this.reason = reason;
    this.unchanged = options.unchanged;
  }
}

/**
 * Freezes plain data all the way down (objects and arrays). Typed arrays
 * cannot be frozen and key objects are immutable already; both are left as
 * they are, and nothing in the world writes to them.
 */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

/** A frozen copy of `value`, which must be structured-cloneable plain data. */
export const frozenCopy = <T>(value: T): T => deepFreeze(structuredClone(value));

/** A map as frozen entries, values copied: later changes to the map's rows cannot reach it. */
export const savedEntries = <V>(map: ReadonlyMap<string, V>): readonly (readonly [string, V])[] => frozenCopy([...map]);

/** Checks saved entries and gives them back as fresh, changeable rows. */
export function entriesToRestore<V>(entries: unknown, what: string): [string, V][] {
  check(Array.isArray(entries), `${what} is not a list`);
  for (const entry of entries) check(Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string', `${what} has an entry that is not [key, value]`);
  return structuredClone(entries as [string, V][]);
}

/**
 * The parts of a world that are not objects of their own (the random
 * source's stream, the settings, the partner service slot, the exchange
 * counter), each made restorable by a small adapter over the state the
 * world keeps for it. The world composes them with its other parts
 * (world.ts); each adapter alone reads what it saved.
 */
import type { WorldConfig } from './config';
import { PartnerService, type PartnerSnapshot, type PartnerWorld } from './deployment/partner-service';
import type { RandomSource } from './random';
import { check, frozenCopy, type Restorable } from './restorable';

/** A value the world keeps in a field of its own, read and replaced through these two. */
export interface Slot<T> {
  get(): T;
  set(value: T): void;
}

/** The random source: which one it is (it cannot become another) and, when seeded, where its stream stands. */
export function randomSourcePart(random: RandomSource): Restorable<unknown> {
  return {
    save: () => Object.freeze({ kind: random.kind, seed: random.seed, stream: random.save?.() }),
    restore: (saved) => {
      const { kind, seed, stream } = (saved ?? {}) as { kind?: unknown; seed?: unknown; stream?: unknown };
      check(kind === random.kind && seed === random.seed, `it was saved from another random source (${String(kind)}, seed ${String(seed)})`);
      if (stream !== undefined) random.restore?.(stream);
    },
  };
}

/** The settings, as a frozen copy. */
export function settingsPart(config: Slot<WorldConfig>): Restorable<WorldConfig> {
  return {
    save: () => frozenCopy(config.get()),
    restore: (saved) => {
      check(saved && typeof saved === 'object' && ['session', 'jwt', 'deployment', 'vulnerable'].every((k) => k in saved), 'the saved settings are incomplete');
      config.set(structuredClone(saved));
    },
  };
}

/** The partner service, not provisioned until first used: a moment before that has no partner. */
export function partnerPart(world: PartnerWorld, partner: Slot<PartnerService | undefined>): Restorable<{ readonly partner: PartnerSnapshot | undefined }> {
  return {
    save: () => Object.freeze({ partner: partner.get()?.save() }),
    restore: (saved) => partner.set(saved?.partner ? PartnerService.restore(world, saved.partner) : undefined),
  };
}

/** The counter exchange ids are numbered by, so ids after a restore continue from that moment. */
export function exchangeIdsPart(serial: Slot<number>): Restorable<{ readonly serial: number }> {
  return {
    save: () => Object.freeze({ serial: serial.get() }),
    restore: (saved) => {
      check(Number.isInteger(saved?.serial) && saved.serial >= 0, 'the exchange counter is not a whole number');
      serial.set(saved.serial);
    },
  };
}

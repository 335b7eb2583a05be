/** What every part of one world shares: config, clock, trace, randomness, stores, keys. */
import type { VirtualClock } from './clock';
import type { WorldConfig } from './config';
import type { Database } from './deployment/database';
import type { RandomSource } from './random';
import type { KeySet } from './tokens/key-set';
import type { Trace } from './trace';

export interface WorldServices {
  readonly id: string;
  config: WorldConfig;
  readonly clock: VirtualClock;
  readonly trace: Trace;
  readonly random: RandomSource;
  readonly db: Database;
  keys: KeySet;
}

/** Re-renders a component whenever the world changes (a new trace event, a clock move). */
import { useSyncExternalStore } from 'react';
import type { World } from '../sim/world';

const noop = () => () => undefined;
const zero = () => 0;

export function useWorldVersion(world: World | null): number {
  return useSyncExternalStore(world ? world.subscribe : noop, world ? world.getVersion : zero);
}

/**
 * Re-render hooks for the plain objects the page shows: the world (a new
 * trace event, a clock move) and Alice's flow machine (a state change, which
 * can come after the last trace event, e.g. when the page stores a token).
 */
import { useSyncExternalStore } from 'react';
import type { World } from '../sim/world';
import type { FlowRunner } from '../machines/flow-runner';

interface Observable {
  subscribe(listener: () => void): () => void;
  getVersion(): number;
}

const noop = () => () => undefined;
const zero = () => 0;

function useVersion(source: Observable | null): number {
  return useSyncExternalStore(source ? source.subscribe : noop, source ? source.getVersion : zero);
}

export function useWorldVersion(world: World | null): number {
  return useVersion(world);
}

export function useFlowVersion(flow: FlowRunner | null): number {
  return useVersion(flow);
}

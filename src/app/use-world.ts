/**
 * Re-render hooks for the plain objects the page shows: the world (a new
 * trace event, a clock move) and Alice's flow machine (a state change, which
 * can come after the last trace event, e.g. when the page stores a token).
 *
 * The world changes many times per request (every store access, signature
 * check and cookie is a trace event), and MSW runs the simulated server on
 * the page's main thread. Re-rendering the lab synchronously on each change
 * made one request take ~38 ms instead of ~7; so world changes reach React
 * at most once per animation frame.
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

/** One frame-batched view per source, subscribed to the source only while React listens. */
const batched = new WeakMap<Observable, Observable>();

function frameBatched(source: Observable): Observable {
  let view = batched.get(source);
  if (view) return view;
  const listeners = new Set<() => void>();
  let version = source.getVersion();
  let frame: number | null = null;
  let unsubscribe: (() => void) | null = null;
  const flush = () => {
    frame = null;
    version = source.getVersion();
    for (const listener of listeners) listener();
  };
  view = {
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= source.subscribe(() => {
        frame ??= requestAnimationFrame(flush);
      });
      // Catch up with changes made while nobody listened.
      version = source.getVersion();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribe?.();
        unsubscribe = null;
        if (frame !== null) cancelAnimationFrame(frame);
        frame = null;
      };
    },
    getVersion: () => version,
  };
  batched.set(source, view);
  return view;
}

export function useWorldVersion(world: World | null): number {
  return useVersion(world ? frameBatched(world) : null);
}

export function useFlowVersion(flow: FlowRunner | null): number {
  return useVersion(flow);
}

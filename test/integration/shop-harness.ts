/**
 * Runs the shop's MSW handlers in Node (msw/node) and hands out fresh worlds.
 * One interceptor per test file; each test gets its own world, so tests can
 * never see each other's sessions or tokens.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { shopHandlers } from '../../src/server/handlers';
import { WorldRegistry } from '../../src/server/world-registry';
import type { ConfigPatch } from '../../src/sim/config';
import { World, type CreateWorldOptions } from '../../src/sim/world';

export interface ShopServer {
  /** A fresh world on the test network; `options` gives it an id or a seed. */
  world(config?: ConfigPatch, options?: Omit<CreateWorldOptions, 'config'>): Promise<World>;
  /** Takes a world off the network, so its id can be used again. */
  dispose(world: World): void;
}

export function useShopServer(): ShopServer {
  const registry = new WorldRegistry();
  const server = setupServer(...shopHandlers(registry));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
  return {
    async world(config, options = {}) {
      return registry.add(await World.create(config ? { ...options, config } : options));
    },
    dispose(world) {
      registry.remove(world);
    },
  };
}

/** The `error` code of a JSON error body, for compact assertions. */
export function errorCode(body: unknown): string | undefined {
  return body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : undefined;
}

export function header(headers: ReadonlyArray<readonly [string, string]>, name: string): string[] {
  return headers.filter(([n]) => n === name).map(([, v]) => v);
}

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
import { World } from '../../src/sim/world';

export function useShopServer(): { world(config?: ConfigPatch): Promise<World> } {
  const registry = new WorldRegistry();
  const server = setupServer(...shopHandlers(registry));
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());
  return {
    async world(config?: ConfigPatch) {
      return registry.add(await World.create(config ? { config } : {}));
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

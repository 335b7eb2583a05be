/**
 * Node's side of the lesson runner: the shop's MSW handlers under msw/node,
 * one registered world per scenario. Used by `npm run scenario` and the tests.
 */
import { setupServer } from 'msw/node';
import { shopHandlers } from '../src/server/handlers';
import { WorldRegistry } from '../src/server/world-registry';
import { World } from '../src/sim/world';
import { runFile, type FileReport, type WorldHost } from '../src/lessons/runner';
import type { ParsedFile } from '../src/lessons/types';

/** One msw/node interceptor with the shop's handlers; each scenario gets its own registered world. */
export function nodeHost(): WorldHost & { start(): void; stop(): void } {
  const registry = new WorldRegistry();
  const server = setupServer(...shopHandlers(registry));
  return {
    start: () => server.listen({ onUnhandledFrame: 'error' }),
    stop: () => server.close(),
    async createWorld(config) {
      return registry.add(await World.create({ config }));
    },
    dispose: (world) => registry.remove(world),
  };
}

export async function runParsed(parsed: readonly ParsedFile[], host: WorldHost): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const file of parsed) reports.push(await runFile(file, host));
  return reports;
}

/**
 * The heavy half of the app, loaded after the page shell has painted: the
 * MSW service worker (the shop's "backend"), the world registry and the
 * simulated worlds. Kept out of the first bundle (DESIGN.md budgets).
 */
import { setupWorker } from 'msw/browser';
import { shopHandlers } from '../server/handlers';
import { WorldRegistry } from '../server/world-registry';
import type { AuthStyle, ConfigPatch } from '../sim/config';
import type { ShopPage } from '../sim/browser/shop-page';
import { FlowRunner } from '../machines/flow-runner';
import { History } from './history';
import { World } from '../sim/world';

export interface LabRuntime {
  createWorld(config: ConfigPatch): Promise<World>;
  dispose(world: World): void;
  /** Alice's client flow machine for this auth style, driving `page`. */
  createFlow(style: AuthStyle, page: ShopPage): FlowRunner;
  /** Records steps of `world` + `flow` for time travel, starting now. */
  createHistory(world: World, flow: FlowRunner): History;
}

/**
 * The built app registers its own worker (worker/app-worker.js), which
 * imports MSW's and caches the build for offline use: one worker per scope,
 * so they cannot be two. Dev registers MSW's alone and caches nothing.
 * BASE_URL is './' in the build: relative to the page, which is always the
 * app's index.html (routes live in the hash), so a sub-path host works.
 */
const WORKER_SCRIPT = import.meta.env.DEV ? 'mockServiceWorker.js' : 'app-worker.js';

export async function startLabRuntime(): Promise<LabRuntime> {
  const registry = new WorldRegistry();
  const worker = setupWorker(...shopHandlers(registry));
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}${WORKER_SCRIPT}` },
    // The page's own assets go to the network; only the shop's origin is simulated.
    onUnhandledFrame: 'bypass',
    quiet: true,
  });
  return {
    async createWorld(config) {
      return registry.add(await World.create({ config }));
    },
    dispose(world) {
      registry.remove(world);
    },
    createFlow(style, page) {
      return new FlowRunner(style, page);
    },
    createHistory(world, flow) {
      return new History(world, flow);
    },
  };
}

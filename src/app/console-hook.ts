/**
 * `window.authlab` for the DevTools console: the world on screen and a way to
 * make more, e.g. `await authlab.world.page('alice').me()`. The benchmark
 * script drives the built app through it too.
 */
import type { ConfigPatch } from '../sim/config';
import type { World } from '../sim/world';
import { loadRuntime, useLab } from './lab-store';

export interface ConsoleHook {
  readonly world: World | null;
  createWorld(config?: ConfigPatch): Promise<World>;
}

declare global {
  interface Window {
    authlab?: ConsoleHook;
  }
}

export function installConsoleHook(target: Window): void {
  target.authlab = {
    get world() {
      return useLab.getState().world;
    },
    async createWorld(config = {}) {
      return (await loadRuntime()).createWorld(config);
    },
  };
}

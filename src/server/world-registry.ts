/**
 * Which world a request belongs to. Several worlds share one MSW network
 * (the compare view runs two side by side); each request names its world in
 * a header, so there is no cross-talk.
 */
import type { World } from '../sim/world';

export class WorldRegistry {
  readonly #worlds = new Map<string, World>();

  add(world: World): World {
    this.#worlds.set(world.id, world);
    return world;
  }

  remove(world: World): void {
    this.#worlds.delete(world.id);
  }

  get(id: string | null): World | undefined {
    return id === null ? undefined : this.#worlds.get(id);
  }
}

/**
 * A world: one virtual clock, its browsers, a deployment of the shop, a
 * database, keys, a random source and one trace. A plain object with
 * `subscribe` and `getVersion`, so React (or anything else) only binds to it.
 *
 * Time travel: `save()` asks every part for its own saved data and
 * `restore()` hands it back to each; the world knows none of their insides
 * (src/sim/restorable.ts). A restore that fails puts every part back as it
 * was and says which part refused and why.
 */
import type { BrowserEnv, BrowserOptions, SimBrowser, SimRequest, SimResponse } from './browser/browser';
import { Cast, type SavedCast } from './browser/cast';
import type { ShopPage } from './browser/shop-page';
import { VirtualClock, type SavedClock } from './clock';
import { DEFAULT_CONFIG, EVIL_ORIGIN, SHOP_ORIGIN, checkedPatch, mergeConfig, type ConfigPatch, type WorldConfig } from './config';
import { Database, type SavedDatabase } from './deployment/database';
import { Deployment, type HandledResponse, type SavedDeployment } from './deployment/deployment';
import { PartnerService, type PartnerSnapshot } from './deployment/partner-service';
import { ServiceClient } from './deployment/service-client';
import { cryptoRandom, seededRandom, type RandomSource } from './random';
import { RestoreRefused, WorldRestoreError, check, inPart, type Restorable } from './restorable';
import type { WorldServices } from './services';
import type { ShopRequest } from './shop/http';
import { seedUsers } from './shop/users';
import { KeySet, type SavedKeySet } from './tokens/key-set';
import { Trace, type SavedTrace } from './trace';
import { exchangeIdsPart, partnerPart, randomSourcePart, settingsPart } from './world-parts';

export interface CreateWorldOptions {
  /**
   * Distinguishes worlds sharing one MSW network (compare view, parallel
   * tests). Exchange ids start with it (`w3-x1`), so two worlds give equal
   * traces only when they are given the same id.
   */
  id?: string;
  config?: ConfigPatch;
  /**
   * Draw every random value (session ids, jti, salts, CSRF tokens, keys
   * where feasible) from a seeded stream: the same seed and the same
   * actions give the same trace. Ids become predictable, so only for
   * tests and reproducible demos; without a seed the CSPRNG is used (SESS-01).
   */
  seed?: number;
  /** A random source of your own (tests); give `seed` or `random`, not both. */
  random?: RandomSource;
  fetch?: typeof fetch;
  clockStartMs?: number;
}

let worldSerial = 0;

/** The cast every world starts with. */
export const DEFAULT_BROWSERS: Readonly<Record<string, BrowserOptions>> = {
  alice: { page: `${SHOP_ORIGIN}/` },
  admin: { page: `${SHOP_ORIGIN}/` },
  mallory: { page: `${EVIL_ORIGIN}/` },
};

/** Each part's own saved data, by part name; only that part reads its entry. */
export interface SavedParts {
  readonly clock: SavedClock;
  readonly 'random source': unknown;
  readonly settings: WorldConfig;
  readonly keys: SavedKeySet;
  readonly database: SavedDatabase;
  readonly deployment: SavedDeployment;
  readonly browsers: SavedCast;
  readonly trace: SavedTrace;
  readonly 'partner service': { readonly partner: PartnerSnapshot | undefined };
  readonly 'exchange ids': { readonly serial: number };
}

/** A whole world at one moment, to come back to. Frozen; made by {@link World.save}. */
export interface SavedWorld {
  readonly worldId: string;
  /** Virtual time of this moment, for the list of steps. */
  readonly at: number;
  /** How many trace events there were, so a view can show what a step added. */
  readonly traceLength: number;
  readonly parts: SavedParts;
}

type Parts = { readonly [K in keyof SavedParts]: Restorable<SavedParts[K]> };

export class World implements WorldServices {
  readonly id: string;
  config: WorldConfig;
  readonly clock: VirtualClock;
  readonly trace: Trace;
  readonly random: RandomSource;
  readonly db = new Database();
  keys: KeySet;
  readonly deployment: Deployment;
  readonly #cast: Cast;
  readonly browsers: ReadonlyMap<string, SimBrowser>;
  readonly pages: ReadonlyMap<string, ShopPage>;
  readonly #parts: Parts;
  readonly #listeners = new Set<() => void>();
  #version = 0;
  #exchangeSerial = 0;
  readonly #fetch: typeof fetch;
  #partner: PartnerService | undefined;

  private constructor(options: CreateWorldOptions & { random: RandomSource }, config: WorldConfig, keys: KeySet, clock: VirtualClock, trace: Trace) {
    this.id = options.id ?? `w${++worldSerial}`;
    this.config = config;
    this.clock = clock;
    this.trace = trace;
    this.random = options.random;
    this.keys = keys;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.deployment = new Deployment(this);
    this.#cast = new Cast(this.#clientEnv(), () => this.config);
    this.browsers = this.#cast.browsers;
    this.pages = this.#cast.pages;
    this.#parts = this.#composeParts();
    trace.subscribe(() => this.#changed());
    clock.onAdvance((from, to) => trace.record({ kind: 'clock', from, to }));
    for (const [name, browserOptions] of Object.entries(DEFAULT_BROWSERS)) this.#cast.add(name, browserOptions);
  }

  static async create(options: CreateWorldOptions = {}): Promise<World> {
    if (options.seed !== undefined && options.random) throw new RangeError('Give a world a seed or a random source, not both');
    const config = mergeConfig(DEFAULT_CONFIG, checkedPatch(options.config));
    const clock = new VirtualClock(options.clockStartMs);
    const trace = new Trace(() => clock.now());
    const random = options.random ?? (options.seed === undefined ? cryptoRandom : seededRandom(options.seed));
    const keys = await KeySet.create({ alg: config.jwt.alg, random, now: clock.now(), guessableSecret: config.vulnerable.guessableHmacSecret });
    const world = new World({ ...options, random }, config, keys, clock, trace);
    await seedUsers(world.db, random);
    return world;
  }

  /**
   * The seed every random value of this world comes from, to make the same
   * world again; undefined when it uses the CSPRNG (real, unpredictable ids).
   */
  get seed(): number | undefined {
    return this.random.seed;
  }

  /** What every client on this world's network shares: the world id on the wire, the clock, the trace, exchange ids. */
  #clientEnv(): BrowserEnv {
    return { worldId: this.id, clock: this.clock, trace: this.trace, fetch: this.#fetch, nextExchangeId: () => `${this.id}-x${++this.#exchangeSerial}` };
  }

  /** Opens another browser (a second device, another user), with the shop's page in it. */
  addBrowser(name: string, options: BrowserOptions = {}): SimBrowser {
    const browser = this.#cast.add(name, options);
    this.#changed();
    return browser;
  }

  browser(name: string): SimBrowser {
    const browser = this.browsers.get(name);
    if (!browser) throw new RangeError(`No browser "${name}"; browsers are ${[...this.browsers.keys()].join(', ')}`);
    return browser;
  }

  /** The shop's page script running in a browser. */
  page(name: string): ShopPage {
    this.browser(name);
    return this.pages.get(name)!;
  }

  /** The HTTP client of a server-side service (no cookies, no browser headers) on this world's network. */
  serviceClient(name: string, origin: string): ServiceClient {
    return new ServiceClient(name, origin, this.#clientEnv());
  }

  /**
   * `partner.example`, a second service that verifies the shop's tokens with
   * the key material it must hold (SCALE-05; KEY-01..03). Provisioned on first
   * use, and anew when new keys replace the key set (a new deployment).
   */
  get partner(): PartnerService {
    this.#partner ??= PartnerService.provision(this);
    return this.#partner;
  }

  /** Whether the partner has been provisioned (the stage draws it only then). */
  get hasPartner(): boolean {
    return this.#partner !== undefined;
  }

  send(browser: string, request: SimRequest): Promise<SimResponse> {
    return this.browser(browser).send(request);
  }

  /** Called by the MSW adapter for every request that names this world. */
  handle(request: ShopRequest): Promise<HandledResponse> {
    return this.deployment.handle(request);
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /**
   * Changes settings, checked against the schema first (an
   * {@link InvalidSettings} changes nothing). A new signing algorithm or
   * secret policy means new keys, as in a real deployment: tokens signed
   * before no longer verify.
   */
  async configure(patch: ConfigPatch): Promise<void> {
    const before = this.config;
    this.config = mergeConfig(before, checkedPatch(patch));
    const { jwt, vulnerable, deployment } = this.config;
    if (jwt.alg !== before.jwt.alg || vulnerable.guessableHmacSecret !== before.vulnerable.guessableHmacSecret) {
      this.keys = await KeySet.create({ alg: jwt.alg, random: this.random, now: this.clock.now(), guessableSecret: vulnerable.guessableHmacSecret });
      // The partner was provisioned for the old keys (a secret, or a JWKS of another algorithm).
      this.#partner = undefined;
    }
    this.deployment.resize(deployment.nodes);
    this.trace.record({ kind: 'deployment', action: 'configured', detail: JSON.stringify(patch) });
  }

  /** This world now, to come back to (time travel): every part's own saved data, frozen. */
  save(): SavedWorld {
    const parts = Object.fromEntries(Object.entries(this.#parts).map(([name, part]) => [name, part.save()])) as unknown as SavedParts;
    return Object.freeze({ worldId: this.id, at: this.clock.now(), traceLength: this.trace.length, parts: Object.freeze(parts) });
  }

  /**
   * Returns the world to a saved moment, earlier or later; nodes and
   * browsers that existed then come back, later ones go. All or nothing: if
   * any part refuses, every part is put back as it was and a
   * {@link WorldRestoreError} names the part and says why.
   */
  restore(saved: SavedWorld): void {
    if (saved?.worldId !== this.id) {
      throw new WorldRestoreError('the world', `that moment was saved in world "${String(saved?.worldId)}", not in "${this.id}"`, { unchanged: true });
    }
    const before = this.save();
    try {
      this.#restoreParts(saved.parts);
    } catch (error) {
      const refused = error instanceof RestoreRefused ? error : new RestoreRefused(String(error), 'the world');
      let unchanged = true;
      try {
        this.#restoreParts(before.parts);
      } catch {
        unchanged = false;
      }
      if (!unchanged) this.#changed();
      throw new WorldRestoreError(refused.part ?? 'the world', refused.message, { unchanged, cause: error });
    }
    this.#changed();
  }

  #restoreParts(parts: SavedParts): void {
    const names = Object.keys(this.#parts) as (keyof SavedParts)[];
    inPart('the world', () => {
      const missing = names.filter((name) => !(parts && typeof parts === 'object' && name in parts));
      check(missing.length === 0, `the saved moment has nothing for ${missing.join(', ')}`);
    });
    for (const name of names) inPart(name, () => (this.#parts[name] as Restorable<unknown>).restore(parts[name]));
  }

  /**
   * The parts time travel saves and restores, each through its own pair.
   * A new part of the world (a service, say) adds one line here.
   */
  #composeParts(): Parts {
    return {
      clock: this.clock,
      'random source': randomSourcePart(this.random),
      settings: settingsPart({ get: () => this.config, set: (config) => (this.config = config) }),
      // configure() may replace the key set; restore goes into whichever is current.
      keys: { save: () => this.keys.save(), restore: (saved) => this.keys.restore(saved) },
      database: this.db,
      deployment: this.deployment,
      browsers: this.#cast,
      trace: this.trace,
      'partner service': partnerPart(this, { get: () => this.#partner, set: (partner) => (this.#partner = partner) }),
      'exchange ids': exchangeIdsPart({ get: () => this.#exchangeSerial, set: (serial) => (this.#exchangeSerial = serial) }),
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Bumps on every change; a cheap snapshot for `useSyncExternalStore`. */
  getVersion = (): number => this.#version;

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}

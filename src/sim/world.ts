/**
 * A world: one virtual clock, its browsers, a deployment of the shop, a
 * database, keys and one trace. A plain object with `subscribe` and
 * `getVersion`, so React (or anything else) only binds to it.
 */
import { SimBrowser, type BrowserEnv, type BrowserOptions, type SimRequest, type SimResponse } from './browser/browser';
import { ShopPage } from './browser/shop-page';
import { VirtualClock } from './clock';
import { DEFAULT_CONFIG, EVIL_ORIGIN, SHOP_ORIGIN, mergeConfig, type ConfigPatch, type WorldConfig } from './config';
import { Database } from './deployment/database';
import { Deployment, type HandledResponse } from './deployment/deployment';
import { PartnerService } from './deployment/partner-service';
import { ServiceClient } from './deployment/service-client';
import { cryptoRandom, type RandomSource } from './random';
import type { WorldServices } from './services';
import type { ShopRequest } from './shop/http';
import { seedUsers } from './shop/users';
import { KeySet } from './tokens/key-set';
import { Trace } from './trace';
import { captureWorld, restoreWorld, type WorldSnapshot } from './world-snapshot';

export interface CreateWorldOptions {
  /** Distinguishes worlds sharing one MSW network (compare view, parallel tests). */
  id?: string;
  config?: ConfigPatch;
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

export class World implements WorldServices {
  readonly id: string;
  config: WorldConfig;
  readonly clock: VirtualClock;
  readonly trace: Trace;
  readonly random: RandomSource;
  readonly db = new Database();
  keys: KeySet;
  readonly deployment: Deployment;
  readonly browsers = new Map<string, SimBrowser>();
  readonly pages = new Map<string, ShopPage>();
  readonly #fetch: typeof fetch;
  readonly #listeners = new Set<() => void>();
  #version = 0;
  #exchangeSerial = 0;
  #partner: PartnerService | undefined;

  private constructor(options: CreateWorldOptions, config: WorldConfig, keys: KeySet, clock: VirtualClock, trace: Trace) {
    this.id = options.id ?? `w${++worldSerial}`;
    this.config = config;
    this.clock = clock;
    this.trace = trace;
    this.random = options.random ?? cryptoRandom;
    this.keys = keys;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.deployment = new Deployment(this);
    trace.subscribe(() => this.#changed());
    clock.onAdvance((from, to) => trace.record({ kind: 'clock', from, to }));
    for (const [name, browserOptions] of Object.entries(DEFAULT_BROWSERS)) this.addBrowser(name, browserOptions);
  }

  static async create(options: CreateWorldOptions = {}): Promise<World> {
    const config = mergeConfig(DEFAULT_CONFIG, options.config);
    const clock = new VirtualClock(options.clockStartMs);
    const trace = new Trace(() => clock.now());
    const random = options.random ?? cryptoRandom;
    const keys = await KeySet.create({ alg: config.jwt.alg, random, now: clock.now(), guessableSecret: config.vulnerable.guessableHmacSecret });
    const world = new World({ ...options, random }, config, keys, clock, trace);
    await seedUsers(world.db, random);
    return world;
  }

  /** What every client on this world's network shares: the world id on the wire, the clock, the trace, exchange ids. */
  #clientEnv(): BrowserEnv {
    return { worldId: this.id, clock: this.clock, trace: this.trace, fetch: this.#fetch, nextExchangeId: () => `${this.id}-x${++this.#exchangeSerial}` };
  }

  addBrowser(name: string, options: BrowserOptions = {}): SimBrowser {
    const browser = new SimBrowser(name, this.#clientEnv(), options);
    this.browsers.set(name, browser);
    this.pages.set(name, new ShopPage(browser, () => this.config));
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
   * Changes settings. A new signing algorithm or secret policy means new
   * keys, as in a real deployment: tokens signed before no longer verify.
   */
  async configure(patch: ConfigPatch): Promise<void> {
    const before = this.config;
    this.config = mergeConfig(before, patch);
    const { jwt, vulnerable, deployment } = this.config;
    if (jwt.alg !== before.jwt.alg || vulnerable.guessableHmacSecret !== before.vulnerable.guessableHmacSecret) {
      this.keys = await KeySet.create({ alg: jwt.alg, random: this.random, now: this.clock.now(), guessableSecret: vulnerable.guessableHmacSecret });
      // The partner was provisioned for the old keys (a secret, or a JWKS of another algorithm).
      this.#partner = undefined;
    }
    this.deployment.resize(deployment.nodes);
    this.trace.record({ kind: 'deployment', action: 'configured', detail: JSON.stringify(patch) });
  }

  /** A copy of this world now, to come back to (time travel). */
  snapshot(): WorldSnapshot {
    return { ...captureWorld(this, this.#exchangeSerial), partner: this.#partner?.save() };
  }

  /** Returns the world to a snapshot; every later change is forgotten. */
  restore(snapshot: WorldSnapshot): void {
    this.#exchangeSerial = restoreWorld(this, snapshot);
    this.#partner = snapshot.partner ? PartnerService.restore(this, snapshot.partner) : undefined;
    this.#changed();
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

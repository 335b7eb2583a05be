/**
 * jose's own `createRemoteJWKSet`, deciding on the world's virtual clock.
 *
 * jose measures the age of its cached key set with the wall clock
 * (`Date.now() < uat + duration`, for `cacheMaxAge` and `cooldownDuration`
 * alike). The world may not decide anything on wall time, and the page may
 * not have its `Date.now` replaced, so this module moves the *cache* into
 * jose's frame instead: for each verification it builds a remote set whose
 * `[jwksCache]` input is the virtual cache translated to wall time, lets
 * jose's real code decide (use the cache, refetch for an unknown `kid` or
 * not, wait for a reload already in flight), and translates the cache jose
 * wrote back onto the virtual clock. The fetch itself is `customFetch`,
 * so it travels the simulated network.
 *
 * The translation is a time dilation, not a plain shift. jose reads
 * `Date.now()` a little later than we anchor the frame (after its awaits, and
 * after a fetch for the new `uat`), so with a plain shift a wall millisecond
 * ticking by mid-verification would move a boundary by one virtual ms:
 * `29 999 ms` could count as `30 000`. Here each virtual millisecond is
 * `WALL_MS_PER_VIRTUAL_MS` (10^6) wall milliseconds in jose's frame, and the
 * durations jose is given are scaled alike, so jose's comparisons come out
 * exactly as on the virtual clock as long as one verification ends within
 * 10^6 wall ms (16 min 40 s; jose gives up on a fetch after 5 s). One that
 * ends later (a machine asleep mid-verification) is refused with
 * {@link WALL_CLOCK_OVERRUN} rather than decided on a frame that may be a
 * virtual ms off. The `uat` jose writes after a fetch is taken back as the
 * virtual moment of that fetch, however long it took on the wall: the
 * virtual clock does not move while a request is answered.
 *
 * jose's `timeoutDuration` (5 s) stays wall time, unscaled: an `AbortSignal`
 * that ends a fetch which never answers. It decides nothing in the world; an
 * answer from the simulated shop arrives in milliseconds.
 */
import { createRemoteJWKSet, customFetch, jwksCache, type FetchImplementation, type JSONWebKeySet, type JWKSCacheInput, type RemoteJWKSet } from 'jose';

/**
 * In jose's frame, one virtual millisecond lasts this many wall milliseconds,
 * which bounds how long one verification may take on the wall clock. Times
 * stay well inside exact integers: 10 min of cache age is 6·10^11 wall ms.
 */
export const WALL_MS_PER_VIRTUAL_MS = 1_000_000;

/** The code of a verification refused because it outlasted {@link WALL_MS_PER_VIRTUAL_MS} of wall time. */
export const WALL_CLOCK_OVERRUN = 'AUTHLAB_JWKS_WALL_CLOCK_OVERRUN';

/** A verification outlasted jose's frame: its time comparisons may be a virtual ms off, so it is refused. */
export class WallClockOverrun extends Error {
  readonly code = WALL_CLOCK_OVERRUN;

  constructor(wallMs: number) {
    super(
      `The JWKS verification took ${Math.round(wallMs / 1000)} s of wall time, more than the ${WALL_MS_PER_VIRTUAL_MS / 1000} s in which jose's cache decisions are exact on the virtual clock (src/sim/deployment/remote-jwks.ts); verify again`,
    );
    this.name = 'WallClockOverrun';
  }
}

/** jose's defaults for `createRemoteJWKSet`, on the virtual clock. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
export const JWKS_COOLDOWN_MS = 30_000;

/** What jose's remote set exports as its cache (`[jwksCache]`), with `uat` (updated at) in virtual ms. */
export interface VirtualJwksCache {
  jwks: JSONWebKeySet;
  uat: number;
}

export interface VirtualRemoteJwksOptions {
  url: URL;
  /** jose's `customFetch`: the service's client on the simulated network. */
  fetch: FetchImplementation;
  /** The world's virtual clock. */
  now(): number;
  headers?: Record<string, string>;
  /** Virtual ms; jose's defaults when absent. */
  cacheMaxAge?: number;
  cooldownDuration?: number;
}

/** A wall-clock frame for jose, anchored at one virtual instant. */
class JoseFrame {
  readonly virtualNow: number;
  readonly #wallNow: number;
  /** Ages beyond this decide nothing new (every jose check is `age < duration`), so they are clamped to keep numbers small. */
  readonly #horizon: number;

  constructor(virtualNow: number, horizon: number) {
    this.virtualNow = virtualNow;
    // The frame's anchor: jose compares its own Date.now() reads against times in
    // this frame, so the anchor cancels out of every comparison (see the top of this file).
    // eslint-disable-next-line no-restricted-properties -- jose's frame of reference, not a decision
    this.#wallNow = Date.now();
    this.#horizon = horizon;
  }

  toWall(virtual: number): number {
    const age = Math.min(Math.max(this.virtualNow - virtual, 0), this.#horizon);
    return this.#wallNow - age * WALL_MS_PER_VIRTUAL_MS;
  }

  /** Wall ms since the anchor: under {@link WALL_MS_PER_VIRTUAL_MS}, every comparison jose made in this frame was exact. */
  elapsed(): number {
    // eslint-disable-next-line no-restricted-properties -- measures the frame's own validity, decides nothing in the world
    return Date.now() - this.#wallNow;
  }
}

/** One jose remote set in use, with the frame its cache was translated into. */
interface Live {
  set: RemoteJWKSet;
  frame: JoseFrame;
  input: JWKSCacheInput;
  /** The `uat` we handed jose, to tell whether it wrote a new one. */
  givenUat: number | undefined;
  users: number;
}

/** A lease on a jose remote set for one verification; `release()` when it is done. */
export interface JwksLease {
  readonly getKey: RemoteJWKSet;
  release(): void;
}

/** A service's remote JWKS: jose's `createRemoteJWKSet` per verification, its cache kept on the virtual clock. */
export class VirtualRemoteJwks {
  /** The cache between verifications: jose's, on the virtual clock. Undefined until the first fetch. */
  cache: VirtualJwksCache | undefined;
  readonly #options: VirtualRemoteJwksOptions;
  readonly #maxAge: number;
  readonly #cooldown: number;
  #live: Live | undefined;

  constructor(options: VirtualRemoteJwksOptions) {
    this.#options = options;
    this.#maxAge = options.cacheMaxAge ?? JWKS_CACHE_MAX_AGE_MS;
    this.#cooldown = options.cooldownDuration ?? JWKS_COOLDOWN_MS;
  }

  /**
   * jose's set for a verification now. Verifications at the same virtual
   * instant share one set, so a reload in flight is shared as jose shares it.
   */
  lease(): JwksLease {
    const now = this.#options.now();
    const live = this.#live?.frame.virtualNow === now ? this.#live : this.#build(now);
    live.users += 1;
    this.#live = live;
    let released = false;
    return {
      getKey: live.set,
      release: () => {
        if (released) return;
        released = true;
        this.#writeBack(live);
        live.users -= 1;
        if (live.users === 0 && this.#live === live) this.#live = undefined;
        const elapsed = live.frame.elapsed();
        if (elapsed >= WALL_MS_PER_VIRTUAL_MS) throw new WallClockOverrun(elapsed);
      },
    };
  }

  /** jose's own verdicts on the cache now, for display: `fresh` (younger than cacheMaxAge) and `coolingDown`. */
  state(): { fresh: boolean; coolingDown: boolean } {
    const { set } = this.#build(this.#options.now());
    return { fresh: set.fresh, coolingDown: set.coolingDown };
  }

  #build(now: number): Live {
    const finite = [this.#maxAge, this.#cooldown].filter(Number.isFinite);
    const frame = new JoseFrame(now, Math.max(0, ...finite) + 1);
    const givenUat = this.cache ? frame.toWall(this.cache.uat) : undefined;
    // jose writes the new uat and jwks into this object after each reload.
    const input: JWKSCacheInput = this.cache && givenUat !== undefined ? { jwks: this.cache.jwks, uat: givenUat } : {};
    const { url, fetch, headers } = this.#options;
    const set = createRemoteJWKSet(url, {
      cacheMaxAge: this.#maxAge * WALL_MS_PER_VIRTUAL_MS,
      cooldownDuration: this.#cooldown * WALL_MS_PER_VIRTUAL_MS,
      ...(headers ? { headers } : {}),
      [customFetch]: fetch,
      [jwksCache]: input,
    });
    return { set, frame, input, givenUat, users: 0 };
  }

  /**
   * Takes back what jose cached, if it fetched. Its `uat` is the wall time the
   * fetch answered, later than the frame's anchor by however long the fetch
   * took; on the virtual clock a request is answered at the moment it is
   * sent, so the cache is dated at the frame's virtual moment, exactly.
   * Newer wins, as in jose.
   */
  #writeBack(live: Live): void {
    const { uat, jwks } = live.input as Partial<{ uat: number; jwks: JSONWebKeySet }>;
    if (uat === undefined || jwks === undefined || uat === live.givenUat) return;
    const virtualUat = live.frame.virtualNow;
    if (this.cache && this.cache.uat > virtualUat) return;
    this.cache = { jwks, uat: virtualUat };
  }
}

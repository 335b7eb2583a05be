/**
 * The world's browsers, each with the shop's page running in it, as one
 * restorable part. Time travel back to before a browser was opened closes
 * it; travel forward to a moment when a browser existed opens it again with
 * what it held. Browsers still here are restored in place, so whoever holds
 * one (Alice's flow machine holds her page) sees the change.
 */
import type { WorldConfig } from '../config';
import { check, deepFreeze, inPart, type Restorable } from '../restorable';
import { SimBrowser, sameBrowserOptions, type BrowserEnv, type BrowserOptions, type SavedBrowser } from './browser';
import { ShopPage, type SavedShopPage } from './shop-page';

/** One browser of the cast at one moment: how it was opened, and what it and its page hold. */
export interface SavedCastMember {
  readonly name: string;
  readonly options: Readonly<BrowserOptions>;
  readonly browser: SavedBrowser;
  readonly page: SavedShopPage;
}

export interface SavedCast {
  /** In the order the browsers were opened. */
  readonly members: readonly SavedCastMember[];
}

interface Member {
  options: Readonly<BrowserOptions>;
  browser: SimBrowser;
  page: ShopPage;
}

export class Cast implements Restorable<SavedCast> {
  readonly browsers = new Map<string, SimBrowser>();
  readonly pages = new Map<string, ShopPage>();
  readonly #options = new Map<string, Readonly<BrowserOptions>>();
  readonly #env: BrowserEnv;
  readonly #config: () => WorldConfig;

  constructor(env: BrowserEnv, config: () => WorldConfig) {
    this.#env = env;
    this.#config = config;
  }

  /** Opens a browser (replacing one of the same name) with the shop's page in it. */
  add(name: string, options: BrowserOptions = {}): SimBrowser {
    this.#put(name, this.#make(name, options));
    return this.browsers.get(name)!;
  }

  save(): SavedCast {
    const members = [...this.browsers].map(([name, browser]) => ({ name, options: this.#options.get(name)!, browser: browser.save(), page: this.pages.get(name)!.save() }));
    return deepFreeze({ members });
  }

  restore(saved: SavedCast): void {
    check(Array.isArray(saved?.members), 'the saved browsers are not a list');
    const names = saved.members.map((m) => m?.name);
    check(names.every((n) => typeof n === 'string') && new Set(names).size === names.length, `the saved browsers' names are missing or repeated (${names.join(', ')})`);
    // Every saved browser goes into a fresh browser first: one that cannot be restored stops here, with nothing live changed.
    const fresh = saved.members.map((m) =>
      inPart(`browser ${m.name}`, () => {
        const member = this.#make(m.name, m.options ?? {});
        member.browser.restore(m.browser);
        member.page.restore(m.page);
        return member;
      }),
    );
    const next = saved.members.map((m, i): Member => {
      const live = this.browsers.get(m.name);
      // A browser of the same name opened with the same settings is kept, so references to it stay good; it takes
      // the state the fresh one accepted. One opened with other settings (say, third-party cookies allowed since) is replaced.
      if (!live || !sameBrowserOptions(this.#options.get(m.name)!, fresh[i]!.options)) return fresh[i]!;
      const page = this.pages.get(m.name)!;
      live.restore(m.browser);
      page.restore(m.page);
      return { options: fresh[i]!.options, browser: live, page };
    });
    this.browsers.clear();
    this.pages.clear();
    this.#options.clear();
    saved.members.forEach((m, i) => this.#put(m.name, next[i]!));
  }

  #make(name: string, options: BrowserOptions): Member {
    const browser = new SimBrowser(name, this.#env, options);
    return { options: deepFreeze({ ...options }), browser, page: new ShopPage(browser, this.#config) };
  }

  #put(name: string, member: Member): void {
    this.browsers.set(name, member.browser);
    this.pages.set(name, member.page);
    this.#options.set(name, member.options);
  }
}

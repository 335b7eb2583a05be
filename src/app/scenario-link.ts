/**
 * The shared-scenario part of the address (`#/scenarios?s=…`), kept apart
 * from the editor so url-sync.ts can read and write it without pulling the
 * lesson parser into the first bundle. The editor (loaded with the scenarios
 * page) decodes what was opened and says here what the address should carry.
 */
import { create } from 'zustand';

export interface ScenarioLinkState {
  /** The encoded scenario the address carries now, or null for a plain `#/scenarios`. */
  param: string | null;
  /** A link the page was opened with (or followed) that the editor has not read yet. */
  opened: string | null;
  /** url-sync: the address names this scenario. */
  follow(param: string | undefined): void;
  /** The editor: the address should carry `param` (after Share) or nothing (after an edit). */
  setParam(param: string | null): void;
  /** The editor has read the opened link. */
  taken(): void;
}

export const useScenarioLink = create<ScenarioLinkState>()((set, get) => ({
  param: null,
  opened: null,
  follow(param) {
    if (param === undefined || param === get().param) return;
    set({ param, opened: param });
  },
  setParam(param) {
    if (param !== get().param) set({ param });
  },
  taken() {
    set({ opened: null });
  },
}));

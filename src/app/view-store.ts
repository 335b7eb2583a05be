/**
 * Which view is open (playground or compare) and what was wrong with the
 * address it was opened from. url-sync.ts keeps it and the URL in step.
 */
import { create } from 'zustand';
import type { View } from './url-state';

export interface ViewState {
  view: View;
  /** Sentences naming each URL parameter that could not be used. */
  problems: string[];
  dismissProblems(): void;
}

export const useView = create<ViewState>()((set) => ({
  view: 'playground',
  problems: [],
  dismissProblems() {
    set({ problems: [] });
  },
}));

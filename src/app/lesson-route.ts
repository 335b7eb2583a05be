/**
 * Which lesson and step the address names (`#/lessons/<id>/<step>`). Tiny on
 * purpose: url-sync.ts reads and writes it in the first bundle, while the
 * guided session (lesson-session.ts), loaded with the lessons view, follows it.
 */
import { create } from 'zustand';
import type { LessonTarget } from './url-state';

export interface LessonRouteState {
  /** None: the list of lessons. */
  target: LessonTarget | undefined;
  go(target: LessonTarget | undefined): void;
}

export const useLessonRoute = create<LessonRouteState>()((set) => ({
  target: undefined,
  go(target) {
    set({ target });
  },
}));

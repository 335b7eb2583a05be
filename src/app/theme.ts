/**
 * Light, dark, or the system's choice. Kept in localStorage; anything
 * unexpected there is ignored (and replaced on the next choice), never fatal.
 */
export type Theme = 'system' | 'light' | 'dark';

const KEY = 'authlab.theme';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export function loadTheme(storage: Pick<Storage, 'getItem'> | undefined): Theme {
  try {
    const saved = storage?.getItem(KEY);
    return THEMES.includes(saved as Theme) ? (saved as Theme) : 'system';
  } catch {
    return 'system'; // storage disabled or blocked: use the system theme
  }
}

export function applyTheme(theme: Theme, root: HTMLElement, storage: Pick<Storage, 'setItem'> | undefined): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    storage?.setItem(KEY, theme);
  } catch {
    // Not saved; the choice still applies to this visit.
  }
}

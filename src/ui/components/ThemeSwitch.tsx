/** Light / dark / system, remembered between visits. */
import { useState } from 'react';
import { applyTheme, loadTheme, type Theme } from '../../app/theme';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => loadTheme(window.localStorage));
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next, document.documentElement, window.localStorage);
  };
  return (
    <fieldset className="theme-switch">
      <legend>Theme</legend>
      {(Object.keys(LABELS) as Theme[]).map((value) => (
        <label key={value}>
          <input type="radio" name="theme" value={value} checked={theme === value} onChange={() => choose(value)} />
          {LABELS[value]}
        </label>
      ))}
    </fieldset>
  );
}

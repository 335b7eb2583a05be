/** The saved theme: applied when valid, ignored when corrupt or when storage is blocked. */
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/app/theme';

describe('loadTheme', () => {
  it('returns a saved valid theme', () => {
    expect(loadTheme({ getItem: () => 'dark' })).toBe('dark');
  });
  it.each([null, '', 'purple', '{"theme":"dark"}'])('falls back to the system theme for %j', (saved) => {
    expect(loadTheme({ getItem: () => saved })).toBe('system');
  });
  it('falls back when storage throws (blocked cookies/storage)', () => {
    expect(
      loadTheme({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBe('system');
  });
});

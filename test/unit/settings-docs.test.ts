/** The settings tables in the READMEs are the settings schema's, so they cannot drift from it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCKS, withBlock } from '../../scripts/settings-docs';
import { SETTINGS } from '../../src/sim/settings/setting-list';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('the settings tables in the docs', () => {
  it.each(BLOCKS.map((b) => [b.file, b] as const))('%s is up to date with the schema (else run npm run docs:settings)', (file, block) => {
    const text = read(file);
    expect(withBlock(text, block)).toBe(text);
  });

  it('lessons/README.md names every setting, README.md every one a link carries', () => {
    const lessons = read('lessons/README.md');
    const readme = read('README.md');
    for (const s of SETTINGS) {
      expect(lessons, s.key).toContain(`| \`${s.key}\` |`);
      if (s.info.place === 'sandbox' && s.section !== 'vulnerable') expect(readme, s.key).toContain(`| \`${s.key}\` |`);
      if (s.section === 'vulnerable') expect(readme, s.key).toContain(`\`${s.name}\``);
    }
  });
});

/**
 * Sentences AuthLab once said that were wrong or claimed more than any step
 * shows. Each was corrected (issue 9); this fails if one comes back anywhere
 * a learner reads: lessons, docs, the app's text, the README.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function textFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return textFiles(path);
    return /\.(md|ya?ml|tsx?)$/.test(name) ? [path] : [];
  });
}

const FILES = ['README.md', ...textFiles('lessons'), ...textFiles('docs'), ...textFiles('src')];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8').replace(/\s+/g, ' ');

/** The old sentence, and why it was wrong. */
const RETIRED: readonly [string, string][] = [
  ["the shop draws 32 bytes from the browser's CSPRNG", 'a real server draws session IDs from its own CSPRNG; only the simulated one runs in the browser'],
  ['from the platform CSPRNG (Web Crypto)', 'the same: say the simulated server happens to run in the browser'],
  ['64 bits was the older OWASP minimum', "OWASP's Session Management Cheat Sheet still asks for 64 bits; the 128-bit bar is ASVS 5.0 7.2.3"],
  ["only an HttpOnly session cookie's value cannot be taken at all", 'every HttpOnly cookie hides its value, and a server that echoes the Cookie header leaks them anyway'],
  ['only a backend-for-frontend keeps tokens out of the browser', 'AuthLab simulates no BFF (XSS-04 is planned)'],
  ['Page memory only hides the current token', 'a script that wraps the page’s fetch copies the current token too'],
  ['HttpOnly cookies cannot be stolen this way; tokens in localStorage can.', 'a token in page memory can be captured too, by wrapping fetch'],
  ['reserved for the view still to come', 'every view exists; none is still to come'],
];

describe('corrected sentences stay corrected', () => {
  it.each(RETIRED)('nobody says "%s" again (%s)', (sentence) => {
    const normalized = sentence.replace(/\s+/g, ' ');
    expect(FILES.filter((file) => read(file).includes(normalized))).toEqual([]);
  });

  it('SESS-01 names both bars with their sources: OWASP at least 64 bits, ASVS 5.0 7.2.3 at least 128 bits', () => {
    const row = read('docs/security-checklist.md').split('| SESS-01 |')[1]!.split('\n')[0]!.split(' | ')[0]!;
    expect(row).toMatch(/OWASP Session Management Cheat Sheet[^.]*at least 64 bits/);
    expect(row).toMatch(/ASVS 5\.0 requirement 7\.2\.3[^.]*at least 128 bits/);
  });
});

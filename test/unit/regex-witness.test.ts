/**
 * Strings a written regex matches, which the parser needs to see that
 * `{ not: { matches: R } }` can fail: each is one R really matches, and the
 * usual patterns of lessons yield at least one.
 */
import { describe, expect, it } from 'vitest';
import { regexWitnesses } from '../../src/lessons/regex-witness';

describe('strings a regex matches', () => {
  it.each([
    '^__Host-shop_sid=[A-Za-z0-9_-]{43}$',
    '^es256-',
    '^ey',
    '^(?:theme|lang)=\\w+$',
    'Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT$',
    '^[^;]+=[^;]*(; [^;]+=[^;]*)*$',
    '\\d{2,4}\\.\\s?x+',
    '(?<name>ab)+c?$',
    'a(?=b)b',
  ])('%s', (pattern) => {
    const found = regexWitnesses(pattern);
    expect(found.length).toBeGreaterThan(0);
    for (const text of found) expect(new RegExp(pattern).test(text), JSON.stringify(text)).toBe(true);
  });

  it('returns nothing rather than a wrong string for what it cannot read, and nothing for an invalid regex', () => {
    // A backreference is read as nothing, so "ab" is a candidate; /(a)\1b/ needs "aab", and the check drops it.
    expect(regexWitnesses('(a)\\1b')).toEqual([]);
    expect(regexWitnesses('[')).toEqual([]);
  });
});

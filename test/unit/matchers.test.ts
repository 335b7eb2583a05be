/**
 * The scenario matchers: what an expected value written in a lesson accepts.
 * No matcher may accept everything (STYLE habit 13): an empty mapping means
 * exactly empty, and a matcher that could never fail, or never pass, is
 * refused when the lesson is parsed, with the reason.
 */
import { describe, expect, it } from 'vitest';
import { checkMatcher, matches } from '../../src/lessons/matchers';

describe('matching expected values', () => {
  it('an empty mapping matches only an empty mapping, not one holding tokens', () => {
    expect(matches({}, {})).toBe(true);
    expect(matches({}, { 'shop.accessToken': 'ey…', 'shop.refreshToken': 'ey…' })).toBe(false);
    expect(matches({}, undefined)).toBe(false);
    expect(matches({}, [])).toBe(false);
    expect(matches({ user: {} }, { user: { id: 'u1' } })).toBe(false);
  });

  it('a mapping with keys still matches partially: only the keys written are checked', () => {
    expect(matches({ httpOnly: true }, { httpOnly: true, secure: true })).toBe(true);
    expect(matches({ httpOnly: true }, { httpOnly: false, secure: true })).toBe(false);
  });

  it('`empty` is an empty string, list or mapping, and nothing else', () => {
    for (const value of ['', [], {}]) expect(matches('empty', value), JSON.stringify(value)).toBe(true);
    for (const value of [undefined, null, 0, false, ' ', ['x'], { a: 1 }]) expect(matches('empty', value), JSON.stringify(value)).toBe(false);
    expect(matches({ not: 'empty' }, { a: 1 })).toBe(true);
  });
});

describe('matchers that cannot fail (or cannot pass) are refused', () => {
  it.each<[string, unknown, RegExp | undefined]>([
    ['{ contains: "" }', { contains: '' }, /"contains" needs something to look for/],
    ['{ not contains: "" }', { 'not contains': '' }, /"not contains" needs something to look for/],
    ['{ matches: "" }', { matches: '' }, /matches every string/],
    ['{ matches: .* }', { matches: '.*' }, /matches every string/],
    ['{ matches: ^ }', { matches: '^' }, /matches every string/],
    ['{ matches: [\\s\\S]* }', { matches: '[\\s\\S]*' }, /matches every string/],
    ['{ at least: -Infinity }', { 'at least': -Infinity }, /"at least" needs a finite number/],
    ['{ at most: Infinity }', { 'at most': Infinity }, /"at most" needs a finite number/],
    ['{ at least: NaN }', { 'at least': Number.NaN }, /"at least" needs a finite number/],
    ['{ one of: [] }', { 'one of': [] }, /"one of" needs at least one choice/],
    ['{ one of: [present, absent] }', { 'one of': ['present', 'absent'] }, /matches every value/],
    ['{ not: { one of: [{ at least: 1 }, { at most: 1 }] } }', { not: { 'one of': [{ 'at least': 1 }, { 'at most': 1 }] } }, undefined],
    ['{ not: { not: present } }', { not: { not: 'present' } }, undefined],
    ['{ body: { user: { contains: "" } } }', { body: { user: { contains: '' } } }, /"contains" needs something to look for/],
    ['[{ matches: .* }]', [{ matches: '.*' }], /matches every string/],
  ])('%s', (_written, expected, problem) => {
    const found = checkMatcher(expected);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('keeps the matchers that say something', () => {
    for (const expected of [{}, 'empty', { not: 'absent' }, { contains: 'x' }, { matches: '^ey' }, { matches: '^$' }, { matches: '^a*$' }, { 'at least': 0 }, { 'one of': [200, 204] }]) {
      expect(checkMatcher(expected), JSON.stringify(expected)).toBeUndefined();
    }
  });
});

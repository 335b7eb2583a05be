/**
 * No check may pass whatever happens (STYLE habit 13): the parser refuses,
 * at the check's file:line:col and saying why, any expectation that accepts
 * every value its subject can have, whatever shape it is written in; and it
 * keeps every check that some real value would fail.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lessons/diagnostics';
import { parseFile } from '../../src/lessons/parse-lesson';

const FILE = 'lessons/scenarios/t.scenario.yaml';

/** A scenario file whose one step checks `subject: written`, at line 6, column 11. */
function errorsOf(subject: string, written: string): string[] {
  const text = `title: T\nscenarios:\n  - steps:\n      - alice: log in\n        expect:\n          ${subject}: ${written}\n`;
  const result = parseFile(FILE, text, { checklistIds: new Set<string>() });
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
}

describe('checks that accept every value of their subject are refused at the check', () => {
  it.each([
    ['alice flow', '{ one of: [present] }'],
    ['alice flow', '{ not: null }'],
    ['alice flow', '{ not: { not: present } }'],
    ['alice flow', '{ one of: [signedOut, signingIn, signedIn, calling, refreshing, sessionEnded, signingOut] }'],
    ['alice flow', '{ matches: "^s|^c|^r" }'],
    ['requests', '{ not: null }'],
    ['requests', 'present'],
    ['store reads', '{ one of: [0, { at least: 1 }] }'],
    ['store reads', '{ at most: 1e300 }'],
    ['store reads', '{ at least: 0 }'],
    ['store sessions rows', '{ not: { at most: -3 } }'],
    ['signature checks', '{ not: 0.5 }'],
    ['status', '{ at least: 0 }'],
    ['status', '{ at most: 599 }'],
    ['status', '{ not: 999 }'],
    ['alice document.cookie', '{ matches: "[^\\\\n]|^$" }'],
    ['alice document.cookie', '{ not contains: "\\n" }'],
    ['alice document.cookie', 'present'],
    ['alice localStorage', '{ not: absent }'],
    ['alice cookies sent to https://blog.example.com/', '{ not: { contains: 7 } }'],
    ['error', '{ one of: [absent, { matches: "" }] }'],
    ['header set-cookie', '{ one of: [absent, { matches: "^" }, { contains: "" }] }'],
    ['body.user', '{ one of: [absent, present] }'],
  ])('%s: %s', (subject, written) => {
    const errors = errorsOf(subject, written);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${FILE}:6:11: `));
    expect(errors[0]).toMatch(/(accepts every such value .*, so it cannot fail|matches every (string|value))/);
  });

  it('says what the subject can be and which values it tried', () => {
    expect(errorsOf('status', '{ at least: 0 }')).toEqual([
      expect.stringMatching(
        /^lessons\/scenarios\/t\.scenario\.yaml:6:11: status is always an HTTP status \(0 when the browser hides the answer, else 100–599\), and this check accepts every such value \(tried \d+ such values, e.g. 0, 100, 200, 201\), so it cannot fail; write what it must be$/,
      ),
    ]);
    expect(errorsOf('alice flow', '{ not: null }')[0]).toContain("alice flow is always one of the states of Alice's flow machines: signedOut, signingIn, signedIn, calling, sessionEnded, signingOut, refreshing");
  });

  it('refuses a flow state no machine has (a typo), which can never pass', () => {
    expect(errorsOf('alice flow', 'signedin')).toEqual([expect.stringMatching(/^lessons\/scenarios\/t\.scenario\.yaml:6:11: alice flow is always one of the states .* accepts none of them .*, so it can never pass$/)]);
    expect(errorsOf('store reads', '{ at most: -1 }')).toEqual([expect.stringContaining('accepts none of them')]);
  });
});

describe('checks that some real value would fail are kept', () => {
  it.each([
    ['alice flow', 'signedIn'],
    ['alice flow', '{ one of: [signedIn, calling] }'],
    ['alice flow', '{ not: signedOut }'],
    ['requests', '[]'],
    ['requests', '{ contains: "GET /me → 200" }'],
    ['requests', '{ not contains: "POST /refresh → 200" }'],
    ['store reads', '0'],
    ['store reads', '{ at least: 1 }'],
    ['store reads', '{ at most: 3 }'],
    ['store reads', '{ at most: 1e15 }'],
    ['store reads', '{ one of: [0, { at least: 2 }] }'],
    ['status', '{ not: 302 }'],
    ['status', '{ at least: 400 }'],
    ['status', '{ one of: [0, 200] }'],
    ['alice document.cookie', 'empty'],
    ['alice document.cookie', '{ not contains: __Host-shop_sid }'],
    ['alice document.cookie', '{ not: { matches: "shop_sid=[A-Za-z0-9_-]{43}" } }'],
    ['alice document.cookie', '{ not: { matches: "^(?:theme|lang)=\\\\w+$" } }'],
    ['alice document.cookie', '{ matches: "^__Host-shop_sid=[A-Za-z0-9_-]{43}$" }'],
    ['alice localStorage', '{}'],
    ['alice localStorage', '{ not: empty }'],
    ['alice localStorage shop.accessToken', 'present'],
    ['alice cookie __Host-shop_sid', '{ httpOnly: true, secure: true, sameSite: Lax }'],
    ['alice cookie __Host-shop_sid', '{ value: { not: abc } }'],
    ['alice cookie __Host-shop_sid', '{ httpOnly: { one of: [true, false] } }'],
    ['alice cookie __Host-shop_sid', 'absent'],
    ['alice cookies sent to https://blog.example.com/', '{ not contains: __Host-shop_sid }'],
    ['error', 'absent'],
    ['error', '{ not: csrf_rejected }'],
    ['header set-cookie', '{ contains: "Max-Age=0" }'],
    ['body.user', 'present'],
    ['body.cart', '{ contains: { sku: tea } }'],
    ['mallory token header keys', '{ contains: kid }'],
    ['mallory token', 'present'],
    ['partner verdict', '{ not: accepted }'],
  ])('%s: %s', (subject, written) => {
    expect(errorsOf(subject, written)).toEqual([]);
  });
});

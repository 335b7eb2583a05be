/**
 * The browser's CORS decisions: which cross-origin requests are sent straight
 * away (and so can forge writes), which need a preflight, and when a script
 * may read the answer.
 */
import { describe, expect, it } from 'vitest';
import { corsRefusal, needsPreflight, preflightRefusal, unsafeHeaderNames } from '../../src/sim/browser/cors';

const EVIL = 'https://evil.example';

describe('which cross-origin requests need a preflight', () => {
  it.each([
    ['GET', [], false],
    ['POST', [['content-type', 'application/x-www-form-urlencoded']], false],
    ['POST', [['content-type', 'text/plain;charset=UTF-8']], false],
    ['POST', [['content-type', 'multipart/form-data; boundary=x']], false],
    ['POST', [['content-type', 'application/json']], true],
    ['GET', [['authorization', 'Bearer x']], true],
    ['PUT', [], true],
    ['DELETE', [], true],
  ] as const)('%s with %j → preflight %s', (method, headers, expected) => {
    expect(needsPreflight(method, headers)).toBe(expected);
  });

  it('names the headers a preflight must ask for, sorted', () => {
    expect(unsafeHeaderNames([['x-b', '1'], ['content-type', 'application/json'], ['accept', '*/*']])).toEqual(['content-type', 'x-b']);
  });
});

describe('whether the script may read a cross-origin answer', () => {
  it('no Access-Control-Allow-Origin → refused', () => {
    expect(corsRefusal([], EVIL, true)).toMatch(/no Access-Control-Allow-Origin/);
  });
  it('"*" is refused for credentialed requests, allowed without credentials', () => {
    expect(corsRefusal([['access-control-allow-origin', '*']], EVIL, true)).toMatch(/not allowed with credentials/);
    expect(corsRefusal([['access-control-allow-origin', '*']], EVIL, false)).toBeUndefined();
  });
  it('another origin is refused; the exact origin needs Allow-Credentials when credentialed', () => {
    expect(corsRefusal([['access-control-allow-origin', 'https://shop.example.com']], EVIL, false)).toMatch(/not https:\/\/evil.example/);
    expect(corsRefusal([['access-control-allow-origin', EVIL]], EVIL, true)).toMatch(/Allow-Credentials/);
    expect(corsRefusal([['access-control-allow-origin', EVIL], ['access-control-allow-credentials', 'true']], EVIL, true)).toBeUndefined();
  });
  it('a preflight must also allow the method and every unsafe header', () => {
    const allow: [string, string][] = [['access-control-allow-origin', EVIL], ['access-control-allow-credentials', 'true']];
    expect(preflightRefusal(allow, EVIL, true, 'PUT', [])).toMatch(/PUT is not in/);
    expect(preflightRefusal([...allow, ['access-control-allow-methods', 'GET, PUT']], EVIL, true, 'PUT', ['content-type'])).toMatch(/content-type/);
    expect(preflightRefusal([...allow, ['access-control-allow-methods', 'PUT'], ['access-control-allow-headers', 'Content-Type']], EVIL, true, 'PUT', ['content-type'])).toBeUndefined();
  });
});

/**
 * The shareable address: what a learner copies is what the next person
 * opens, and a broken link says which parameter is wrong and still opens.
 */
import { describe, expect, it } from 'vitest';
import { findSequence } from '../../src/app/compare-sequences';
import { decodeUrlState, encodeUrlState, patchOf, type UrlState } from '../../src/app/url-state';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/sim/config';

const isSequence = (id: string) => findSequence(id) !== undefined;

describe('URL state', () => {
  it('writes only what differs from the defaults, under ConfigPatch names', () => {
    expect(encodeUrlState({ view: 'playground', authStyle: 'session', config: {} })).toBe('#/playground');
    const hash = encodeUrlState({
      view: 'playground',
      authStyle: 'jwt',
      config: { jwt: { alg: 'RS256', revocation: 'denylist' }, deployment: { nodes: 2 }, vulnerable: { acceptAlgNone: true } },
    });
    // revocation=denylist is the default, so it is left out.
    expect(hash).toBe('#/playground?auth=jwt&jwt.alg=RS256&deployment.nodes=2&vulnerable.acceptAlgNone=1');
  });

  it('round-trips views, auth style, every kind of setting and a sequence', () => {
    const states: UrlState[] = [
      { view: 'playground', authStyle: 'jwt', config: { jwt: { alg: 'EdDSA', accessTtlMs: 120_000, storage: 'localStorage' }, session: { sameSite: 'None' } } },
      { view: 'compare', authStyle: 'session', config: { deployment: { nodes: 3, sessionStore: 'per-node', lbPolicy: 'sticky', sharedStoreLatencyMs: 0 } }, sequence: 'idle-16-min' },
      { view: 'compare', authStyle: 'session', config: { vulnerable: { cookieWithoutHttpOnly: true, skipExpCheck: true } } },
      { view: 'scenarios', authStyle: 'session', config: {}, share: 'q1ZKLs1V0lFQAgA' },
      { view: 'scenarios', authStyle: 'session', config: {} },
    ];
    for (const state of states) {
      const decoded = decodeUrlState(encodeUrlState(state), isSequence);
      expect(decoded.problems).toEqual([]);
      expect(decoded.state).toEqual(state);
    }
  });

  it('patchOf(config) is the patch that rebuilds the config, and encodes to the same URL', () => {
    const config = mergeConfig(DEFAULT_CONFIG, { authStyle: 'jwt', jwt: { alg: 'HS256' }, deployment: { nodes: 2 } });
    const patch = patchOf(config);
    expect(patch).toEqual({ jwt: { alg: 'HS256' }, deployment: { nodes: 2 } });
    expect(mergeConfig(DEFAULT_CONFIG, { ...patch, authStyle: 'jwt' })).toEqual(config);
    expect(patchOf(DEFAULT_CONFIG)).toEqual({});
  });

  it('an empty or bare hash is the playground with defaults and no complaint', () => {
    for (const hash of ['', '#', '#/', '#/playground', '#/playground?']) {
      expect(decodeUrlState(hash)).toEqual({ state: { view: 'playground', authStyle: 'session', config: {} }, problems: [] });
    }
  });

  it('invalid values name their parameter and leave the default in force; valid ones still apply', () => {
    const { state, problems } = decodeUrlState(
      '#/compare?jwt.alg=XS999&deployment.nodes=2&deployment.sharedStoreLatencyMs=-4&session.idleTimeoutMs=1.5&vulnerable.acceptAlgNone=maybe&auth=basic&seq=nope&colour=red',
      isSequence,
    );
    expect(state).toEqual({ view: 'compare', authStyle: 'session', config: { deployment: { nodes: 2 } } });
    expect(problems).toEqual([
      'URL parameter "jwt.alg": "XS999" is not one of HS256, RS256, ES256, EdDSA; using the default "ES256".',
      'URL parameter "deployment.sharedStoreLatencyMs": "-4" is not a whole number from 0 to 100; using the default 1.',
      'URL parameter "session.idleTimeoutMs": "1.5" is not a whole number from 1000 to 2592000000; using the default 900000.',
      'URL parameter "vulnerable.acceptAlgNone": "maybe" is not 1 or 0; using the default false.',
      'URL parameter "auth": "basic" is not session or jwt; using session.',
      'URL parameter "seq": no sequence is called "nope"; nothing was run.',
      'URL parameter "colour" is not a setting AuthLab knows; it was ignored.',
    ]);
  });

  it('a huge or fractional duration in the address is named and refused, never run', () => {
    const { state, problems } = decodeUrlState('#/playground?session.idleTimeoutMs=1e300&session.absoluteTimeoutMs=Infinity&jwt.accessTtlMs=60000.5', isSequence);
    expect(state.config).toEqual({});
    expect(problems).toEqual([
      'URL parameter "session.idleTimeoutMs": "1e300" is not a whole number from 1000 to 2592000000; using the default 900000.',
      'URL parameter "session.absoluteTimeoutMs": "Infinity" is not a whole number from 1000 to 2592000000; using the default 28800000.',
      'URL parameter "jwt.accessTtlMs": "60000.5" is not a whole number from 1000 to 86400000; using the default 300000.',
    ]);
  });

  it('a parameter given more than once: the last one applies, and the note says which value is in force', () => {
    const { state, problems } = decodeUrlState('#/playground?deployment.nodes=2&deployment.nodes=7&deployment.nodes=3', isSequence);
    expect(state.config).toEqual({ deployment: { nodes: 3 } });
    expect(problems).toEqual(['URL parameter "deployment.nodes" is given 3 times (2, 7, 3); using the last, 3.']);
    // The last one invalid: the default is what applies, and the note says so, not an earlier value.
    const repeatedBad = decodeUrlState('#/playground?deployment.nodes=2&deployment.nodes=x', isSequence);
    expect(repeatedBad.state.config).toEqual({});
    expect(repeatedBad.problems).toEqual([
      'URL parameter "deployment.nodes" is given 2 times (2, x); using the last.',
      'URL parameter "deployment.nodes": "x" is not a whole number from 1 to 8; using the default 1.',
    ]);
  });

  it('a number of nodes is written in decimal digits: 0x6, 6e0 and " 6" are not numbers of nodes', () => {
    for (const raw of ['0x6', '6e0', '%206', '6.0', '+6']) {
      const { state, problems } = decodeUrlState(`#/playground?deployment.nodes=${raw}`, isSequence);
      expect(state.config, raw).toEqual({});
      expect(problems[0], raw).toMatch(/^URL parameter "deployment.nodes": ".*" is not a whole number from 1 to 8; using the default 1\.$/);
    }
    expect(decodeUrlState('#/playground?deployment.nodes=6', isSequence).state.config).toEqual({ deployment: { nodes: 6 } });
  });

  it('the list of problems is capped: 5,000 unknown keys give a short list and a count of the rest', () => {
    const query = Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&');
    const { problems } = decodeUrlState(`#/playground?${query}`, isSequence);
    expect(problems).toHaveLength(11);
    expect(problems[0]).toBe('URL parameter "k0" is not a setting AuthLab knows; it was ignored.');
    expect(problems[10]).toBe('…and 4990 more parameters that could not be used.');
  });

  it('an unknown view opens the playground with a note', () => {
    expect(decodeUrlState('#/nowhere?auth=jwt')).toEqual({
      state: { view: 'playground', authStyle: 'jwt', config: {} },
      problems: ['Unknown view "nowhere" in the address; showing the playground. Views: playground, compare, lessons, scenarios.'],
    });
    expect(decodeUrlState('#/scenarios')).toEqual({ state: { view: 'scenarios', authStyle: 'session', config: {} }, problems: [] });
  });

  it('a lesson link names the lesson and the step, and round-trips', () => {
    expect(decodeUrlState('#/lessons')).toEqual({ state: { view: 'lessons', authStyle: 'session', config: {} }, problems: [] });
    expect(decodeUrlState('#/lessons/jwt-anatomy/3').state.lesson).toEqual({ id: 'jwt-anatomy', step: 3 });
    expect(decodeUrlState('#/lessons/jwt-anatomy/').state.lesson).toEqual({ id: 'jwt-anatomy' });
    for (const lesson of [undefined, { id: 'jwt-anatomy' }, { id: 'a b/c', step: 12 }]) {
      const state = { view: 'lessons' as const, authStyle: 'session' as const, config: {}, ...(lesson ? { lesson } : {}) };
      expect(decodeUrlState(encodeUrlState(state))).toEqual({ state, problems: [] });
    }
  });

  it('a lesson link with a bad step opens the first step and says so', () => {
    const { state, problems } = decodeUrlState('#/lessons/jwt-anatomy/zero/more?auth=jwt');
    expect(state.lesson).toEqual({ id: 'jwt-anatomy' });
    expect(problems).toEqual([
      'Step "zero" in the address is not a step number; opening the lesson\'s first step.',
      'The address has more after the step ("more"); it was ignored.',
      'The lessons view takes no settings in the address; they were ignored.',
    ]);
  });

  it('carries a shared scenario only on the scenarios view', () => {
    expect(encodeUrlState({ view: 'scenarios', authStyle: 'session', config: {}, share: 'abc-_9' })).toBe('#/scenarios?s=abc-_9');
    expect(decodeUrlState('#/playground?s=abc').problems).toEqual(['URL parameter "s" is not a setting AuthLab knows; it was ignored.']);
  });

  it('survives garbage: percent-encoding, empty values and repeated keys never throw', () => {
    const { state, problems } = decodeUrlState('#/compare?%E0%A4%A=1&&=&deployment.nodes=&deployment.nodes=4', isSequence);
    expect(state.config).toEqual({ deployment: { nodes: 4 } });
    expect(problems).toHaveLength(3);
  });
});

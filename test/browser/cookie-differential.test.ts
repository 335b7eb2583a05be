/**
 * The simulated browser checked against real Chromium. Every case of
 * cookie-differential.cases.ts is played twice, from an empty jar: in
 * Chromium against a loopback HTTPS server, and in a SimBrowser whose fetch
 * the same server logic answers in-process. Which cookies each request
 * carried and which the jar held after each answer must agree, except for
 * the deliberate simplifications listed with their reasons; a difference
 * shows both browsers' reasons (Chromium's from CDP).
 *
 * Two passes: third-party cookies allowed (Chrome stable's default) and
 * blocked (this Chromium build's default) against the simulator's `block`
 * setting. All observations are written to test-results/cookie-differential.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThirdPartyCookies } from '../../src/sim/browser/cookie-jar';
import { CASES, HOSTS } from './cookie-differential.cases';
import { SIMPLIFICATIONS } from './cookie-differential.simplifications';
import { playInChromium } from './support/cookie-differential-chromium';
import { differencesIn, isListed, report, staleListings } from './support/cookie-differential-compare';
import { playInSimulator, type CaseObservations } from './support/cookie-differential-run';
import { CookieLab } from './support/cookie-lab-server';

const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const lab = new CookieLab();
let server: Awaited<ReturnType<CookieLab['listen']>>;
const record: Record<string, unknown> = {};

beforeAll(async () => {
  server = await lab.listen(Object.values(HOSTS));
});

afterAll(async () => {
  await server?.close();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}cookie-differential.json`, JSON.stringify(record, null, 2));
});

const PASSES: readonly ThirdPartyCookies[] = ['allow', 'block'];

describe.each(PASSES)('third-party cookies: %s', (thirdPartyCookies) => {
  let chromium: CaseObservations;
  let simulator: CaseObservations;

  beforeAll(async () => {
    const world = { port: server.port, thirdPartyCookies };
    chromium = await playInChromium(CASES, lab, world);
    simulator = await playInSimulator(CASES, lab, world);
    record[thirdPartyCookies] = Object.fromEntries(CASES.map((c) => [c.id, { chromium: chromium.get(c.id), simulator: simulator.get(c.id) }]));
  });

  it(`Chromium really runs with third-party cookies ${thirdPartyCookies === 'allow' ? 'allowed' : 'blocked'}`, () => {
    const blockedBySetting = [...chromium.values()].flatMap((c) => c.steps).flatMap((s) => s.reasons).filter((r) => /UserPreferences|ThirdPartyPhaseout/.test(r));
    if (thirdPartyCookies === 'allow') expect(blockedBySetting, 'the profile preference did not allow third-party cookies in this Chromium').toEqual([]);
    else expect(blockedBySetting.length, 'this Chromium no longer blocks third-party cookies by default').toBeGreaterThan(0);
  });

  for (const diffCase of CASES) {
    it(`${diffCase.id}: ${diffCase.about}`, () => {
      const unlisted = differencesIn(diffCase, chromium, simulator).filter((d) => !isListed(d, SIMPLIFICATIONS, thirdPartyCookies));
      expect(unlisted.map(report).join('\n\n') || 'no difference').toBe('no difference');
    });
  }

  it('every listed simplification still differs (the list stays true)', () => {
    expect(SIMPLIFICATIONS.every((s) => CASES.some((c) => c.id === s.case)), 'a simplification names a case that does not exist').toBe(true);
    const differences = CASES.flatMap((c) => differencesIn(c, chromium, simulator));
    const stale = staleListings(differences, SIMPLIFICATIONS, thirdPartyCookies);
    expect(stale, 'listed as simplifications, but Chromium and the simulator now agree: remove them from the list').toEqual([]);
  });
});

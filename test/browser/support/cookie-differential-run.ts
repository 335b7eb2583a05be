/**
 * What the differential test observes of one browser playing the cases, and
 * the two players: the simulated browser (in-process) and real Chromium.
 * Both see the same URLs (ports included) and the same answers.
 */
import { SimBrowser } from '../../../src/sim/browser/browser';
import type { ThirdPartyCookies } from '../../../src/sim/browser/cookie-jar';
import { VirtualClock } from '../../../src/sim/clock';
import { Trace, type TraceEvent } from '../../../src/sim/trace';
import { HOSTS, type DiffCase, type DiffRequest, type Host } from '../cookie-differential.cases';
import { REQUEST_ID, type CookieLab } from './cookie-lab-server';

/** One request of a case, as one browser played it. */
export interface StepObservation {
  /** `name=value` pairs the request carried, in the order sent. */
  carried: string[];
  /** The jar after the answer: `name=value domain path`, sorted (a Domain cookie's domain starts with a dot). */
  jar: string[];
  /** Why the browser withheld or refused cookies on this request, in its own words. */
  reasons: string[];
}

/** One case as one browser played it. */
export interface CaseObservation {
  steps: StepObservation[];
  /** `document.cookie` after the steps, as sorted `name=value` pairs, when the case asks for it. */
  documentCookie?: string[];
}

export type CaseObservations = Map<string, CaseObservation>;

export const documentCookiePairs = (text: string): string[] => text.split(';').map((p) => p.trim()).filter(Boolean).sort();

export interface World {
  port: number;
  thirdPartyCookies: ThirdPartyCookies;
}

export const originOf = (host: Host, port: number) => `https://${HOSTS[host]}:${port}`;

/** The URL of step `index` of a case; its id lets the server know which request it is. */
export function stepUrl(diffCase: DiffCase, index: number, port: number): string {
  const step = diffCase.steps[index]!;
  const url = new URL(step.path ?? '/', originOf(step.to ?? 'shop', port));
  url.searchParams.set(REQUEST_ID, `${diffCase.id}.${index}`);
  return url.href;
}

/**
 * The Cookie header as `name=value` pairs in the order sent (longer Path
 * first, then older first: 6265bis §5.8.3 step 2); a request that never
 * reached the server says so.
 */
export const cookiePairs = (header: string | undefined): string[] =>
  header === undefined ? ['(never reached the server)'] : header.split(';').map((p) => p.trim()).filter(Boolean);

const SIM_T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

/** Plays every case in a fresh simulated browser whose fetch the lab answers in-process. */
export async function playInSimulator(cases: readonly DiffCase[], lab: CookieLab, world: World): Promise<CaseObservations> {
  const observations: CaseObservations = new Map();
  for (const diffCase of cases) {
    const clock = new VirtualClock(SIM_T0);
    const trace = new Trace(() => clock.now());
    let serial = 0;
    const browser = new SimBrowser('differential', { worldId: 'differential', clock, trace, fetch: lab.fetch, nextExchangeId: () => `x${++serial}` }, { thirdPartyCookies: world.thirdPartyCookies });
    const steps: StepObservation[] = [];
    for (const [index, step] of diffCase.steps.entries()) {
      const id = `${diffCase.id}.${index}`;
      lab.willAnswer(id, step.setCookies);
      const response = await browser.send(simRequest(step, stepUrl(diffCase, index, world.port), world.port));
      // Only a withheld or refused cookie has a Chromium blocked reason to compare with; a note on a deletion has none.
      const blocked = (e: TraceEvent) => e.kind === 'cookie' && (e.action === 'withheld' || e.action === 'rejected') && e.reason ? [`${e.action} ${e.name}: ${e.reason}`] : [];
      const reasons = trace.causedBy(response.exchangeId).flatMap(blocked);
      steps.push({
        carried: cookiePairs(lab.carried.get(id)),
        jar: browser.cookies().map((c) => `${c.name}=${c.value} ${c.hostOnly ? c.domain : `.${c.domain}`}${c.path}`).sort(),
        reasons,
      });
    }
    let documentCookie: string[] | undefined;
    if (diffCase.documentCookieOn) {
      const origin = originOf(diffCase.documentCookieOn, world.port);
      const through = diffCase.throughFrame;
      browser.goTo(`${origin}${through?.page ?? '/blank'}`);
      if (through) await browser.openFrame(`${origin}${through.frame}`);
      documentCookie = documentCookiePairs(through ? browser.frameDocumentCookie() : browser.documentCookie());
    }
    observations.set(diffCase.id, { steps, ...(documentCookie ? { documentCookie } : {}) });
  }
  return observations;
}

function simRequest(step: DiffRequest, url: string, port: number) {
  const method = step.method ?? 'GET';
  const post = method === 'POST';
  return {
    method,
    url,
    initiator: step.from === 'address bar' ? 'user' : originOf(step.from, port),
    mode: step.kind,
    credentials: step.credentials ?? 'include',
    // What Chromium sends: a form's urlencoded (empty) body, or fetch's text/plain "x".
    ...(post ? (step.kind === 'fetch' ? { body: 'x', contentType: 'text/plain;charset=UTF-8' } : { body: '', contentType: 'application/x-www-form-urlencoded' }) : {}),
  } as const;
}

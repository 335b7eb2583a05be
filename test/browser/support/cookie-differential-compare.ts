/**
 * Compares what Chromium and the simulated browser observed, step by step,
 * and words each difference with both browsers' own reasons beside it.
 */
import type { DiffCase, DiffRequest } from '../cookie-differential.cases';
import type { Simplification } from '../cookie-differential.simplifications';
import type { CaseObservations, StepObservation } from './cookie-differential-run';

export interface Difference {
  case: string;
  step: number;
  what: 'carried' | 'jar' | 'reasons' | 'document.cookie';
  request: string;
  chromium: string[];
  simulator: string[];
  chromiumReasons: string[];
  simulatorReasons: string[];
}

export function describeRequest(step: DiffRequest): string {
  const from = step.from === 'address bar' ? 'the address bar' : `a page on ${step.from}`;
  const kind = step.kind === 'navigate' ? (step.method === 'POST' ? 'form POST' : 'link GET') : step.kind === 'frame' ? 'iframe' : `fetch ${step.method ?? 'GET'}`;
  const omit = step.credentials === 'omit' ? ", credentials: 'omit'" : '';
  const sets = step.setCookies?.length ? `, answered with ${step.setCookies.length} Set-Cookie line(s)` : '';
  return `${kind} from ${from} to ${step.to ?? 'shop'}${step.path ?? '/'}${omit}${sets}`;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Chromium's reason codes (CDP CookieBlockedReason / SetCookieBlockedReason)
 * and the simulator's reason for the same rule. A cookie's reasons agree
 * when the simulator's one reason is among Chromium's (which may give several).
 */
const SAME_RULE: readonly [chromium: RegExp, simulator: RegExp][] = [
  [/^(Schemeful)?SameSiteStrict$/, /^SameSite=Strict/],
  [/^(Schemeful)?SameSiteLax$/, /^SameSite=Lax/],
  [/^(Schemeful)?SameSiteUnspecifiedTreatedAsLax$/, /^no SameSite, treated as Lax/],
  [/^(UserPreferences|ThirdPartyPhaseout)$/, /^third-party cookies are blocked/],
  [/^SameSiteNoneInsecure$/, /^SameSite=None requires Secure/],
  [/^InvalidPrefix$/, /^a (__(Host|Secure)- cookie|cookie without a name whose value starts with __Host-)/],
  [/^InvalidDomain$/, /^Domain=/],
];
/** Chromium also lists the jar's cookies that do not match the URL at all; the simulator does not count those as withheld. */
const NOT_A_CANDIDATE = /^(NotOnPath|DomainMismatch|PortMismatch|SchemeMismatch)$/;
/** CDP reports nothing for a request sent with credentials omitted: its cookies are never considered. */
const UNREPORTED_BY_CDP = /credentials: 'omit'/;

/** `action name` → Chromium's codes, leaving out cookies that did not match the URL (whatever else Chromium says of them). */
function chromiumReasons(reasons: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of reasons) {
    const [key, codes = ''] = line.split(': ');
    const list = codes.split(', ').filter(Boolean);
    if (list.length && !list.some((c) => NOT_A_CANDIDATE.test(c))) out.set(key!, list);
  }
  return out;
}

function simulatorReasons(reasons: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of reasons) {
    const at = line.indexOf(': ');
    if (!UNREPORTED_BY_CDP.test(line)) out.set(line.slice(0, at), line.slice(at + 2));
  }
  return out;
}

function reasonsAgree(chromium: readonly string[], simulator: readonly string[]): boolean {
  const real = chromiumReasons(chromium);
  const sim = simulatorReasons(simulator);
  if (real.size !== sim.size) return false;
  return [...sim].every(([key, reason]) => {
    const codes = real.get(key);
    return codes?.some((code) => SAME_RULE.some(([c, s]) => c.test(code) && s.test(reason))) ?? false;
  });
}

export function differencesIn(diffCase: DiffCase, chromium: CaseObservations, simulator: CaseObservations): Difference[] {
  const real = chromium.get(diffCase.id)?.steps ?? [];
  const sim = simulator.get(diffCase.id)?.steps ?? [];
  const out: Difference[] = [];
  diffCase.steps.forEach((step, index) => {
    const r: StepObservation | undefined = real[index];
    const s: StepObservation | undefined = sim[index];
    for (const what of ['carried', 'jar'] as const) {
      const a = r?.[what] ?? ['(not played)'];
      const b = s?.[what] ?? ['(not played)'];
      if (same(a, b)) continue;
      out.push({ case: diffCase.id, step: index, what, request: describeRequest(step), chromium: a, simulator: b, chromiumReasons: r?.reasons ?? [], simulatorReasons: s?.reasons ?? [] });
    }
    if (r && s && !reasonsAgree(r.reasons, s.reasons)) {
      out.push({ case: diffCase.id, step: index, what: 'reasons', request: describeRequest(step), chromium: r.reasons, simulator: s.reasons, chromiumReasons: r.reasons, simulatorReasons: s.reasons });
    }
  });
  if (diffCase.documentCookieOn) {
    const a = chromium.get(diffCase.id)?.documentCookie ?? ['(not read)'];
    const b = simulator.get(diffCase.id)?.documentCookie ?? ['(not read)'];
    if (!same(a, b)) {
      out.push({ case: diffCase.id, step: diffCase.steps.length, what: 'document.cookie', request: diffCase.throughFrame ? `document.cookie of a frame of ${diffCase.documentCookieOn}${diffCase.throughFrame.frame} read from its page ${diffCase.throughFrame.page}` : `document.cookie on a page of ${diffCase.documentCookieOn}`, chromium: a, simulator: b, chromiumReasons: [], simulatorReasons: [] });
    }
  }
  return out;
}

export const place = (d: Pick<Difference, 'step' | 'what'>) => `${d.step} ${d.what}`;

export function isListed(d: Difference, list: readonly Simplification[], thirdPartyCookies: 'allow' | 'block'): Simplification | undefined {
  return list.find((s) => s.case === d.case && (s.thirdPartyCookies ?? thirdPartyCookies) === thirdPartyCookies && s.differs.some((where) => where === place(d)));
}

/** Listed differences that Chromium and the simulator no longer show. */
export function staleListings(differences: readonly Difference[], list: readonly Simplification[], thirdPartyCookies: 'allow' | 'block'): string[] {
  return list
    .filter((s) => (s.thirdPartyCookies ?? thirdPartyCookies) === thirdPartyCookies)
    .flatMap((s) => s.differs.filter((where) => !differences.some((d) => d.case === s.case && place(d) === where)).map((where) => `${s.case} (${where})`));
}

const WHAT = { carried: 'the cookies it carried', jar: 'the jar after its answer', reasons: 'the reasons for withheld or refused cookies', 'document.cookie': 'the cookies a script reads' } as const;
const listOf = (items: readonly string[]) => (items.length ? items.join('; ') : '(none)');

export function report(d: Difference): string {
  return [
    `${d.case}, step ${d.step} (${d.request}): ${WHAT[d.what]} differ`,
    `  Chromium:  ${listOf(d.chromium)}`,
    `  simulator: ${listOf(d.simulator)}`,
    ...(d.what === 'reasons' || d.what === 'document.cookie' ? [] : [`  Chromium's reasons:  ${listOf(d.chromiumReasons)}`, `  simulator's reasons: ${listOf(d.simulatorReasons)}`]),
  ].join('\n');
}

/**
 * What the compare view's figures show, in plain sentences. Every sentence
 * is built from the figures and from the settings each world really runs
 * (its revocation mode, its algorithm, the store latency), so none can claim
 * a lookup that did not happen, leave out one that did, or promise what the
 * configuration does not give.
 */
import type { StoreName } from '../sim/trace';
import type { JwtAlg } from '../sim/config';
import type { WorldFigures } from './compare-figures';
import type { StepOutcome } from './compare-runner';
import { formatDuration } from './compare-sequences';
import { describeTiming } from './verification-cost-store';
import type { VerificationCost } from './verification-timing';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

function storeList(reads: Partial<Record<StoreName, number>>): string {
  const parts = Object.entries(reads).map(([store, n]) => `${store} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}

function times(session: number, jwt: number): string {
  if (session === jwt) return 'the same';
  const [big, small] = jwt > session ? [jwt, session] : [session, jwt];
  return small === 0 ? 'infinitely' : `${(big / small).toFixed(1)}×`;
}

/** What each signature check is, for the algorithm the world signs with. */
const checkOf = (alg: JwtAlg) => (alg === 'HS256' ? 'an HS256 HMAC checked with the shared secret' : `an ${alg} signature checked with the public key`);

/** What the JWT world's revocation mode looked up, and what it can and cannot revoke. */
function revocationSentence(jwt: WorldFigures): string {
  const { revocation, accessTtlMs } = jwt.setup;
  const of = `${jwt.revocationLookupRequests} of ${jwt.total.requests} requests`;
  switch (revocation) {
    case 'denylist':
      return `The JWT shop revokes with a denylist (jwt.revocation = denylist): it read the denylist on ${of}, so a token listed at logout is refused on every node before it expires. Set JWT revocation to none or not-before to see what a copied token does without it.`;
    case 'not-before':
      return (
        `The JWT shop revokes by the user's not-before time (jwt.revocation = not-before): it read the users row for that time and the account's disabled flag on ${of}, ` +
        "so a password change or an admin's revocation ends older tokens before they expire; logging out ends only the refresh-token family, not the access token."
      );
    case 'none':
      return `The JWT shop has no revocation (jwt.revocation = none): it looked up no denylist and no not-before time, so an access token it issued cannot be revoked before it expires (${formatDuration(accessTtlMs)} after issue here).`;
  }
}

function usersSentence(session: WorldFigures, jwt: WorldFigures): string {
  const both = session.usersReadRequests > 0 && jwt.usersReadRequests > 0;
  const counts = `the session shop on ${session.usersReadRequests} of ${session.total.requests} requests, the JWT shop on ${jwt.usersReadRequests} of ${jwt.total.requests}`;
  const shared = jwt.setup.revocation === 'not-before' && jwt.usersReadRequests > 0 ? ' (in the JWT shop that one read is also its revocation check)' : '';
  return `${both ? 'Both shops read the users row too: ' : 'Users row reads: '}${counts}${shared}.`;
}

/** The measured cost of a verification beside the simulated cost of a store read. */
function costSentence(session: WorldFigures, jwt: WorldFigures, cost: VerificationCost | undefined): string {
  const { alg } = jwt.setup;
  const timing = describeTiming(alg, cost);
  const latency = (f: WorldFigures) => f.sharedReads * f.setup.sharedStoreLatencyMs;
  return (
    `Cost: ${timing}; each shared-store read is charged ${jwt.setup.sharedStoreLatencyMs} ms in this simulation, which charges 0 ms for a verification. ` +
    `Shared-store reads charged: session shop ${latency(session)} ms, JWT shop ${latency(jwt)} ms.`
  );
}

/**
 * What the figures show: requests, what each shop looked up and why,
 * signature checks and what one costs (`cost`: the timing taken in the
 * learner's browser, injected so tests can fix it), credential size, spread
 * over nodes.
 */
export function describeComparison(session: WorldFigures, jwt: WorldFigures, cost?: VerificationCost): string[] {
  const lines: string[] = [];
  const s = session.total;
  const j = jwt.total;
  if (s.requests === 0 && j.requests === 0) return ['Nothing has been sent yet: run a sequence or press an action.'];

  lines.push(
    s.requests === j.requests
      ? `Both shops handled ${plural(s.requests, 'request')}.`
      : `The session shop handled ${plural(s.requests, 'request')}, the JWT shop ${j.requests}${jwt.refreshes ? `, ${plural(jwt.refreshes, 'of them a token refresh', 'of them token refreshes')}` : ''}.`,
  );

  if (s.requests > 0) lines.push(`The session shop read the session row, the credential’s own state, on ${session.revocationLookupRequests} of ${s.requests} requests.`);
  if (j.requests > 0) {
    lines.push(revocationSentence(jwt));
    if (jwt.refreshFamilyLookupRequests > 0) lines.push(`The JWT shop read a refresh-token family on ${plural(jwt.refreshFamilyLookupRequests, 'request')} (only POST /refresh and POST /logout do).`);
  }
  lines.push(usersSentence(session, jwt));
  lines.push(
    `Requests that read any store: session ${session.lookupRequests}, JWT ${jwt.lookupRequests}. Reads by store — session shop: ${storeList(session.readsByStore)}; JWT shop: ${storeList(jwt.readsByStore)}.`,
  );
  if (j.requests > 0) {
    const why = jwt.setup.revocation === 'none' ? 'none of them to check revocation' : `${jwt.revocationLookupRequests} of them to check revocation`;
    lines.push(
      jwt.lookupRequests === 0
        ? `The JWT shop read no store on any of its ${plural(j.requests, 'request')}.`
        : `So the JWT shop was not lookup-free: ${jwt.lookupRequests} of its ${j.requests} requests read a store, ${why}.`,
    );
  }

  if (j.signatureChecks > 0 || s.signatureChecks > 0) {
    lines.push(
      `Signature checks: session ${s.signatureChecks}, JWT ${j.signatureChecks}` +
        (j.requests ? ` (${(j.signatureChecks / j.requests).toFixed(2)} per JWT request)` : '') +
        `, each ${checkOf(jwt.setup.alg)}.` +
        (j.signatureChecks > 0 && j.storeReads > 0 ? ` The JWT shop did both: ${plural(j.signatureChecks, 'signature check')} and ${plural(j.storeReads, 'store read')}.` : ''),
    );
    lines.push(costSentence(session, jwt, cost));
  }

  if (session.credentialBytesPerRequest > 0 || jwt.credentialBytesPerRequest > 0) {
    const bigger = jwt.credentialBytesPerRequest >= session.credentialBytesPerRequest ? 'JWT' : 'session';
    lines.push(
      `Credentials on the wire: ${session.credentialBytesPerRequest} B per session request, ${jwt.credentialBytesPerRequest} B per JWT request` +
        (session.credentialBytesPerRequest === jwt.credentialBytesPerRequest ? '.' : ` — the ${bigger} shop sends ${times(session.credentialBytesPerRequest, jwt.credentialBytesPerRequest)} as much with every request.`),
    );
  }

  const spread = (f: WorldFigures) => f.nodes.filter((n) => n.requests > 0).length;
  if (session.nodes.length > 1 || jwt.nodes.length > 1) {
    lines.push(`Requests were answered by ${spread(session)} of ${session.nodes.length} session nodes and ${spread(jwt)} of ${jwt.nodes.length} JWT nodes.`);
  }
  return lines;
}

const worked = (o: StepOutcome) => / → 2\d\d/.test(o.detail);

/**
 * Every replay of Mallory's copy, not just the last: a copy that worked right
 * after logout and failed only once it expired must not read as "refused".
 */
function replaySentences(session: readonly StepOutcome[], jwt: readonly StepOutcome[]): string[] {
  const steps = session.flatMap((o, i) => (o.kind === 'replay' && !o.skipped && jwt[i]?.kind === 'replay' && !jwt[i]!.skipped ? [i] : []));
  if (steps.length === 0) return [];
  if (steps.length === 1) {
    const sr = session[steps[0]!]!;
    const jr = jwt[steps[0]!]!;
    const verdict =
      worked(sr) === worked(jr) ? (worked(sr) ? 'It worked against both shops.' : 'Both shops refused it.') : `Only the ${worked(sr) ? 'session' : 'JWT'} shop still accepted it.`;
    return [`Mallory's replay of the copied credential (step ${steps[0]! + 1}): session → ${sr.detail}; JWT → ${jr.detail}. ${verdict}`];
  }
  const each = (log: readonly StepOutcome[]) => steps.map((i) => `step ${i + 1} → ${log[i]!.detail}`).join(', ');
  const tally = (name: string, log: readonly StepOutcome[]) => {
    const accepted = steps.filter((i) => worked(log[i]!)).length;
    return accepted === 0 ? `the ${name} shop refused every one` : accepted === steps.length ? `the ${name} shop accepted every one` : `the ${name} shop accepted ${accepted} of ${steps.length}`;
  };
  return [
    `Mallory replayed the copied credential ${steps.length} times. Session shop: ${each(session)}. JWT shop: ${each(jwt)}. So ${tally('session', session)}, and ${tally('JWT', jwt)}.`,
  ];
}

/** Where the two step logs part ways, each of Mallory's replays, and where Alice ends up. */
export function describeOutcomes(session: readonly StepOutcome[], jwt: readonly StepOutcome[]): string[] {
  const lines: string[] = [];
  // Status codes and error codes decide; node names and token refreshes are compared as they read.
  // Mallory's copy always differs (a cookie vs a token), so it does not count as the difference.
  const firstDifference = session.findIndex((s, i) => s.kind !== 'steal' && jwt[i] !== undefined && (s.detail !== jwt[i]!.detail || s.skipped !== jwt[i]!.skipped));
  if (firstDifference >= 0) {
    const s = session[firstDifference]!;
    const j = jwt[firstDifference]!;
    lines.push(`First difference, at step ${firstDifference + 1} (${s.label}): session → ${s.detail}; JWT → ${j.detail}.`);
  }
  lines.push(...replaySentences(session, jwt));
  for (const [name, log] of [['session', session], ['JWT', jwt]] as const) {
    const skipped = log.filter((o) => o.kind === 'flow' && o.skipped);
    if (skipped.length) lines.push(`${plural(skipped.length, 'step')} of Alice's could not be taken in the ${name} shop (${skipped[0]!.detail}).`);
  }
  const sEnd = session.at(-1)?.state;
  const jEnd = jwt.at(-1)?.state;
  if (sEnd && jEnd) lines.push(sEnd === jEnd ? `Alice's browser ends in state ${sEnd} in both shops.` : `Alice's browser ends in state ${sEnd} with the session shop and ${jEnd} with the JWT shop.`);
  return lines;
}

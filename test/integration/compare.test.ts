/**
 * The compare view's engine in Node: the same sequence against a session
 * shop and a JWT shop, two worlds on one MSW network, and the counters that
 * tell them apart. Expected figures are counted from what each request
 * does, as the comments say.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf, ratio } from '../../src/app/compare-figures';
import { describeComparison, describeOutcomes } from '../../src/app/compare-words';
import { CompareSide, runStep } from '../../src/app/compare-runner';
import { COMPARE_SEQUENCES, findSequence, type CompareSequence } from '../../src/app/compare-sequences';
import { mergePatches, type ConfigPatch } from '../../src/sim/config';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

async function pair(config: ConfigPatch = {}) {
  return {
    session: new CompareSide('session', await shop.world(mergePatches(config, { authStyle: 'session' }))),
    jwt: new CompareSide('jwt', await shop.world(mergePatches(config, { authStyle: 'jwt' }))),
  };
}

/** Runs every step on both sides at the same time, as the compare view does. */
async function run(sequence: CompareSequence, extra: ConfigPatch = {}) {
  const sides = await pair(mergePatches(sequence.config ?? {}, extra));
  for (const step of sequence.steps) await Promise.all([runStep(sides.session, step), runStep(sides.jwt, step)]);
  return { ...sides, s: figuresOf(sides.session.world), j: figuresOf(sides.jwt.world) };
}

const sequence = (id: string) => {
  const found = findSequence(id);
  if (!found) throw new Error(`no sequence ${id}`);
  return found;
};

describe('compare: log in, /me ×10, add to cart, log out, replay the stolen credential', () => {
  it('counts requests, lookups, signature checks and credential bytes in each world', async () => {
    const { session, jwt, s, j } = await run(sequence('stolen-after-logout'));
    // login + 10 × /me + cart + logout + Mallory's replay, one node each.
    expect(s.total.requests).toBe(14);
    expect(j.total.requests).toBe(14);
    expect(s.nodes.map((n) => n.requests)).toEqual([14]);
    // Sessions: no cryptography, a session-row read on every authenticated call (10 /me, cart, replay).
    expect(s.total.signatureChecks).toBe(0);
    expect(s.readsByStore.session).toBe(12);
    expect(s.readsByStore.denylist).toBeUndefined();
    // JWT: one access-token check per call (10 /me, cart, replay), two at logout (access + refresh token),
    // and with denylist revocation (the default) a denylist read for every access-token check.
    expect(j.total.signatureChecks).toBe(14);
    expect(j.readsByStore.denylist).toBe(13);
    expect(j.readsByStore.session).toBeUndefined();
    expect(j.credentialLookupRequests).toBeGreaterThan(s.credentialLookupRequests);
    // A signed token is much bigger than a 256-bit session id.
    expect(j.credentialBytesPerRequest).toBeGreaterThan(5 * s.credentialBytesPerRequest);
    expect(s.credentialBytesPerRequest).toBeGreaterThan(0);

    expect(session.log.at(-1)).toMatchObject({ kind: 'replay', detail: 'GET /me → 401 unknown_session (node-1)' });
    expect(jwt.log.at(-1)).toMatchObject({ kind: 'replay', detail: 'GET /me → 401 token_revoked (node-1)' });
    expect(session.state()).toBe('signedOut');
    expect(jwt.state()).toBe('signedOut');

    const words = [...describeComparison(s, j), ...describeOutcomes(session.log, jwt.log)].join('\n');
    expect(words).toContain(`Both shops handled 14 requests.`);
    expect(words).toContain(`${s.credentialBytesPerRequest} B per session request, ${j.credentialBytesPerRequest} B per JWT request`);
    expect(words).toContain('it read the denylist on 13 of 14 requests');
    expect(words).toContain('Both shops refused it.');
  });

  it('REVOKE-01: without a denylist the JWT shop makes no revocation lookup per call, and the copied token outlives the logout', async () => {
    const { session, jwt, s, j } = await run(sequence('stolen-after-logout'), { jwt: { revocation: 'none' } });
    expect(j.readsByStore.denylist).toBeUndefined();
    expect(j.revocationLookupRequests).toBe(0);
    // It still reads the users row: at login and for each of the 10 /me and the replay.
    expect(j.usersReadRequests).toBe(12);
    // Only logout reads credential state (its refresh family), against 12 session-row reads.
    expect(j.credentialLookupRequests).toBe(1);
    expect(s.credentialLookupRequests).toBe(12);
    expect(session.log.at(-1)?.detail).toBe('GET /me → 401 unknown_session (node-1)');
    expect(jwt.log.at(-1)?.detail).toBe('GET /me → 200 (node-1)');
    expect(describeOutcomes(session.log, jwt.log).join('\n')).toContain('Only the JWT shop still accepted it.');
  });
});

describe('compare: log in, +16 min, call /me', () => {
  it('the session has idled out; the JWT flow refreshes and retries, at three extra requests’ worth of signing and checking', async () => {
    const { session, jwt, s, j } = await run(sequence('idle-16-min'));
    expect(session.log.at(-1)).toMatchObject({ detail: 'GET /me → 401 session_expired (node-1)', state: 'sessionEnded' });
    expect(jwt.log.at(-1)).toMatchObject({ detail: 'GET /me → 401 token_expired (node-1), POST /refresh → 200 (node-1), GET /me → 200 (node-1)', state: 'signedIn' });
    expect(s.total.requests).toBe(2);
    expect(j.total.requests).toBe(4);
    expect(j.refreshes).toBe(1);
    expect(describeComparison(s, j)[0]).toBe('The session shop handled 2 requests, the JWT shop 4, 1 of them a token refresh.');
  });
});

describe('compare: 2 nodes, per-node store, round-robin', () => {
  it('SCALE-01: the session is unknown on node-2 and Alice is logged out; tokens verify on both nodes', async () => {
    const { session, jwt, s, j } = await run(sequence('per-node-round-robin'));
    expect(session.log.map((o) => o.detail)).toEqual([
      'POST /login → 200 (node-1)',
      'GET /me → 401 unknown_session (node-2)',
      'not possible in state sessionEnded',
      'not possible in state sessionEnded',
      'not possible in state sessionEnded',
    ]);
    expect(jwt.log.map((o) => o.detail)).toEqual([
      'POST /login → 200 (node-1)',
      'GET /me → 200 (node-2)',
      'GET /me → 200 (node-1)',
      'GET /me → 200 (node-2)',
      'GET /me → 200 (node-1)',
    ]);
    expect(s.nodes.map((n) => [n.id, n.requests])).toEqual([['node-1', 1], ['node-2', 1]]);
    expect(j.nodes.map((n) => [n.id, n.requests, n.signatureChecks])).toEqual([['node-1', 3, 2], ['node-2', 2, 2]]);
    expect(describeOutcomes(session.log, jwt.log)).toContain("3 steps of Alice's could not be taken in the session shop (not possible in state sessionEnded).");
  });
});

describe('compare: two worlds on one MSW network', () => {
  it('no cross-talk: every request is handled by the world that sent it, even when both run at once', async () => {
    const bystander = await shop.world();
    const { session, jwt, s, j } = await run(sequence('stolen-after-logout'));
    for (const side of [session, jwt]) {
      const exchanges = side.world.trace.ofKind('exchange');
      expect(exchanges.every((e) => e.id.startsWith(`${side.world.id}-`))).toBe(true);
      // Every request that reached a node of this world was one this world's browsers sent.
      expect(figuresOf(side.world).total.requests).toBe(exchanges.filter((e) => e.node).length);
    }
    expect(session.world.id).not.toBe(jwt.world.id);
    // State stayed where it was made: no tokens, families or denylist in the session world, no session rows in the JWT world.
    expect(s.total.signaturesIssued).toBe(0);
    expect(session.world.db.refreshFamilies.size).toBe(0);
    expect(jwt.world.db.sessions.size).toBe(0);
    expect(j.total.signaturesIssued).toBe(2);
    expect(figuresOf(bystander).total.requests).toBe(0);
  });

  it('every named sequence runs to the end in both worlds', async () => {
    for (const seq of COMPARE_SEQUENCES) {
      const { session, jwt } = await run(seq);
      const steps = seq.steps.reduce((n, step) => n + (step.kind === 'flow' ? (step.times ?? 1) : 1), 0);
      expect(session.log).toHaveLength(steps);
      expect(jwt.log).toHaveLength(steps);
    }
  });
});

describe('compare: before anything happens', () => {
  it('the words say nothing has been sent, and the figures are all zero', async () => {
    const { session, jwt } = await pair();
    const s = figuresOf(session.world);
    const j = figuresOf(jwt.world);
    expect(describeComparison(s, j)).toEqual(['Nothing has been sent yet: run a sequence or press an action.']);
    expect([s.total.requests, j.total.requests, s.credentialBytes, j.credentialBytes]).toEqual([0, 0, 0, 0]);
    expect(describeOutcomes(session.log, jwt.log)).toEqual([]);
  });
});

describe('compare: ratios', () => {
  it('reads JWT ÷ session, and says when one side is zero', () => {
    expect(ratio(4, 10)).toBe('×2.50');
    expect(ratio(5, 10)).toBe('×2');
    expect(ratio(10, 0)).toBe('×0');
    expect(ratio(0, 3)).toBe('only JWT');
    expect(ratio(0, 0)).toBe('—');
  });
});

/**
 * What the compare view says, configuration by configuration: every sentence
 * of describeComparison must follow from the JWT world's real settings
 * (revocation mode, algorithm, store latency) and from the reads it really
 * made. Expected counts come from what each request of the sequence does.
 */
import { describe, expect, it } from 'vitest';
import { figuresOf } from '../../src/app/compare-figures';
import { CompareSide, runStep } from '../../src/app/compare-runner';
import { COMPARE_SEQUENCES, findSequence, sequenceAbout, type CompareSequence } from '../../src/app/compare-sequences';
import { describeComparison, describeOutcomes } from '../../src/app/compare-words';
import type { VerificationCost } from '../../src/app/verification-timing';
import { DEFAULT_CONFIG, mergeConfig, mergePatches, type ConfigPatch } from '../../src/sim/config';
import { useShopServer } from './shop-harness';

const shop = useShopServer();

/** A timing as the browser would report it, fixed so the words can be checked to the letter. */
const es256Timing: VerificationCost = { state: 'measured', alg: 'ES256', medianMs: 0.1234, samples: 5, batch: 20 };

async function runBoth(sequence: CompareSequence, config: ConfigPatch) {
  const merged = mergePatches(sequence.config ?? {}, config);
  const session = new CompareSide('session', await shop.world(mergePatches(merged, { authStyle: 'session' })));
  const jwt = new CompareSide('jwt', await shop.world(mergePatches(merged, { authStyle: 'jwt' })));
  for (const step of sequence.steps) await Promise.all([runStep(session, step), runStep(jwt, step)]);
  return { s: figuresOf(session.world), j: figuresOf(jwt.world) };
}

/** Log in, /me ×10, add to cart, steal, log out, replay: 14 requests in each world. */
async function stolenAfterLogout(config: ConfigPatch = {}, cost?: VerificationCost) {
  const sequence = findSequence('stolen-after-logout')!;
  const session = new CompareSide('session', await shop.world(mergePatches(config, { authStyle: 'session' })));
  const jwt = new CompareSide('jwt', await shop.world(mergePatches(config, { authStyle: 'jwt' })));
  for (const step of sequence.steps) await Promise.all([runStep(session, step), runStep(jwt, step)]);
  const s = figuresOf(session.world);
  const j = figuresOf(jwt.world);
  return { s, j, replay: jwt.log.at(-1)?.detail, lines: describeComparison(s, j, cost) };
}

describe('compare words: revocation none', () => {
  it('says tokens cannot be revoked before they expire, and that the JWT shop still read the users row on every /me', async () => {
    const { j, replay, lines } = await stolenAfterLogout({ jwt: { revocation: 'none' } });
    expect(replay).toBe('GET /me → 200 (node-1)');
    expect(lines).toContain(
      'The JWT shop has no revocation (jwt.revocation = none): it looked up no denylist and no not-before time, so an access token it issued cannot be revoked before it expires (5 min after issue here).',
    );
    // Login reads the users table by name, each of the 10 /me and the replay by id: 12 requests.
    expect(j.usersReadRequests).toBe(12);
    expect(lines).toContain('Both shops read the users row too: the session shop on 12 of 14 requests, the JWT shop on 12 of 14.');
    expect(lines).toContain('So the JWT shop was not lookup-free: 14 of its 14 requests read a store, none of them to check revocation.');
    expect(lines.join('\n')).not.toContain('checked by signature instead');
  });
});

describe('compare words: revocation not-before', () => {
  it('counts the user row read as the revocation lookup it is, and never says tokens cannot be revoked', async () => {
    const { j, replay, lines } = await stolenAfterLogout({ jwt: { revocation: 'not-before' } });
    // What the words say of logout: Mallory's copy still works after it.
    expect(replay).toBe('GET /me → 200 (node-1)');
    // Every request after login presents a token whose user row (not-before, disabled) is read: 13 of 14.
    expect(j.credentialLookupRequests).toBe(13);
    expect(lines).toContain(
      "The JWT shop revokes by the user's not-before time (jwt.revocation = not-before): it read the users row for that time and the account's disabled flag on 13 of 14 requests, so a password change or an admin's revocation ends older tokens before they expire; logging out ends only the refresh-token family, not the access token.",
    );
    expect(lines.join('\n')).not.toMatch(/cannot be revoked/);
    expect(lines.join('\n')).not.toContain('(denylist, refresh families)');
  });
});

describe('compare words: revocation denylist (the default)', () => {
  it('names the denylist reads, the users row reads beside them, and the store reads the JWT shop made besides its signature checks', async () => {
    const { s, j, replay, lines } = await stolenAfterLogout({}, es256Timing);
    expect(replay).toBe('GET /me → 401 token_revoked (node-1)');
    expect(j.readsByStore).toEqual({ users: 11, denylist: 13, carts: 1, 'refresh-families': 1 });
    expect(lines).toContain(
      "The JWT shop revokes with a denylist (jwt.revocation = denylist): it read the denylist on 13 of 14 requests, so a token listed at logout is refused on every node before it expires. Set JWT revocation to none or not-before to see what a copied token does without it.",
    );
    expect(lines).toContain('The session shop read the session row, the credential’s own state, on 12 of 14 requests.');
    expect(lines).toContain('Both shops read the users row too: the session shop on 12 of 14 requests, the JWT shop on 11 of 14.');
    expect(lines).toContain('The JWT shop read a refresh-token family on 1 request (only POST /refresh and POST /logout do).');
    expect(lines.join('\n')).not.toMatch(/cannot be revoked/);
    // Both: a signature check on 13 requests (two at logout) and 26 reads of the shared store.
    expect(j.total.signatureChecks).toBe(14);
    expect(j.sharedReads).toBe(26);
    expect(s.sharedReads).toBe(24);
    expect(lines).toContain('Signature checks: session 0, JWT 14 (1.00 per JWT request), each an ES256 signature checked with the public key. The JWT shop did both: 14 signature checks and 26 store reads.');
    expect(lines).toContain(
      'Cost: in this browser, one ES256 verification took ~0.12 ms (median of 5 timings of 20 verifications each); each shared-store read is charged 1 ms in this simulation, which charges 0 ms for a verification. Shared-store reads charged: session shop 24 ms, JWT shop 26 ms.',
    );
    expect(lines.join('\n')).not.toContain('instead of a store round trip');
  });

  it('the store round trip is the configured one', async () => {
    const { lines } = await stolenAfterLogout({ deployment: { sharedStoreLatencyMs: 7 } }, es256Timing);
    expect(lines.find((l) => l.startsWith('Cost:'))).toContain('each shared-store read is charged 7 ms in this simulation');
    expect(lines.find((l) => l.startsWith('Cost:'))).toContain('session shop 168 ms, JWT shop 182 ms');
  });
});

describe('compare words: the algorithm', () => {
  it('HS256 is an HMAC with the shared secret, and a timing of another algorithm is not shown as its cost', async () => {
    const { lines } = await stolenAfterLogout({ jwt: { alg: 'HS256' } }, es256Timing);
    expect(lines.find((l) => l.startsWith('Signature checks:'))).toContain('each an HS256 HMAC checked with the shared secret');
    expect(lines.find((l) => l.startsWith('Cost:'))).toBe('Cost: timing one HS256 verification in this browser…; each shared-store read is charged 1 ms in this simulation, which charges 0 ms for a verification. Shared-store reads charged: session shop 24 ms, JWT shop 26 ms.');
  });

  it('a measured HS256 timing is named as such', async () => {
    const hs: VerificationCost = { state: 'measured', alg: 'HS256', medianMs: 0.0312, samples: 5, batch: 20 };
    const { lines } = await stolenAfterLogout({ jwt: { alg: 'HS256' } }, hs);
    expect(lines.find((l) => l.startsWith('Cost:'))).toContain('in this browser, one HS256 verification took ~0.031 ms (median of 5 timings of 20 verifications each)');
  });

  it('a failed timing says so, with the reason', async () => {
    const failed: VerificationCost = { state: 'failed', alg: 'ES256', reason: 'no Web Crypto' };
    const { lines } = await stolenAfterLogout({}, failed);
    expect(lines.find((l) => l.startsWith('Cost:'))).toContain('this browser could not time an ES256 verification (no Web Crypto)');
  });
});

describe('compare sequences: what each one says it shows', () => {
  const perNode = findSequence('per-node-round-robin')!;
  const idle = findSequence('idle-16-min')!;

  it('tokens verify on any node with the key material the algorithm needs', () => {
    expect(sequenceAbout(perNode, DEFAULT_CONFIG)).toContain('tokens verify on any node with the public key (ES256)');
    const hs = sequenceAbout(perNode, mergeConfig(DEFAULT_CONFIG, { jwt: { alg: 'HS256' } }));
    expect(hs).toContain('tokens verify on any node that holds the shared secret (HS256), which can sign tokens too');
    expect(hs).not.toContain('public key');
  });

  it('the idle sequence names the timeouts the worlds really have', () => {
    expect(sequenceAbout(idle, DEFAULT_CONFIG)).toContain('the session idle timeout (15 min) and the access-token lifetime (5 min)');
    const changed = mergeConfig(DEFAULT_CONFIG, { session: { idleTimeoutMs: 20 * 60_000 }, jwt: { accessTtlMs: 30 * 60_000 } });
    expect(sequenceAbout(idle, changed)).toContain('16 min against the session idle timeout (20 min) and the access-token lifetime (30 min)');
  });
});

describe('compare words: every sequence under every revocation mode', () => {
  it('names every store each shop read with its count, and says "cannot be revoked" exactly when there is no revocation', async () => {
    for (const sequence of COMPARE_SEQUENCES) {
      for (const revocation of ['none', 'denylist', 'not-before'] as const) {
        const { s, j } = await runBoth(sequence, { jwt: { revocation } });
        const words = describeComparison(s, j).join('\n');
        const where = `${sequence.id}, revocation ${revocation}`;
        expect(words.includes('cannot be revoked'), where).toBe(revocation === 'none');
        expect(words, where).toContain(`jwt.revocation = ${revocation}`);
        for (const [name, f] of [['session shop', s], ['JWT shop', j]] as const) {
          const listed = Object.entries(f.readsByStore).map(([store, n]) => `${store} ${n}`).join(', ');
          expect(listed, where).not.toBe('');
          expect(words, where).toContain(`${name}: ${listed}`);
        }
        expect(words, where).toContain(`the session shop on ${s.usersReadRequests} of ${s.total.requests} requests, the JWT shop on ${j.usersReadRequests} of ${j.total.requests}`);
      }
    }
  });
});

describe('compare words: every replay of the copy', () => {
  // A learner's own run: the copy is replayed right after logout and again once it has expired.
  const replay = (detail: string, i: number) => ({ kind: 'replay' as const, label: `replay ${i}`, detail, state: 'signedOut', skipped: false });
  const flow = { kind: 'flow' as const, label: 'LOG_OUT', detail: 'POST /logout → 200 (node-1)', state: 'signedOut', skipped: false };

  it('a copy that worked after logout and failed only on expiry is not summed up as refused', () => {
    const session = [flow, replay('GET /me → 401 unknown_session (node-1)', 1), replay('GET /me → 401 unknown_session (node-1)', 2)];
    const jwt = [flow, replay('GET /me → 200 (node-1)', 1), replay('GET /me → 401 token_expired (node-1)', 2)];
    const line = describeOutcomes(session, jwt).find((l) => l.startsWith('Mallory'));
    expect(line).toBe(
      'Mallory replayed the copied credential 2 times. Session shop: step 2 → GET /me → 401 unknown_session (node-1), step 3 → GET /me → 401 unknown_session (node-1). ' +
        'JWT shop: step 2 → GET /me → 200 (node-1), step 3 → GET /me → 401 token_expired (node-1). So the session shop refused every one, and the JWT shop accepted 1 of 2.',
    );
  });

  it('one replay keeps its verdict, with its step', () => {
    const lines = describeOutcomes([flow, replay('GET /me → 401 unknown_session (node-1)', 1)], [flow, replay('GET /me → 200 (node-1)', 1)]);
    expect(lines).toContain('Mallory\'s replay of the copied credential (step 2): session → GET /me → 401 unknown_session (node-1); JWT → GET /me → 200 (node-1). Only the JWT shop still accepted it.');
  });
});

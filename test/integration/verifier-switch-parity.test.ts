/**
 * Each vulnerable JWT switch breaks only the check it names. One corpus of
 * tokens, valid and invalid (verifier-corpus.ts), is presented to a safe shop
 * (jose) and to a shop with one switch, or two, on (the hand-rolled verifier,
 * or the guessable secret). On the rows about a switch's own check the
 * flawed shop must give exactly the flawed answer the row names (a token it
 * lets past the signature still meets every claim check); everywhere else,
 * unknown `kid`s, key material in the header and `typ` spellings included,
 * it must answer exactly as jose does.
 */
import { describe, expect, it } from 'vitest';
import { Mallory } from '../../src/sim/attacker/mallory';
import type { JwtAlg } from '../../src/sim/config';
import type { VulnerableSwitch } from '../../src/sim/vulnerable/switches';
import type { World } from '../../src/sim/world';
import { errorCode, useShopServer } from './shop-harness';
import { CORPUS, expectedFlawed, type Row } from './verifier-corpus';

const shop = useShopServer();

async function answer(world: World, row: Row): Promise<string> {
  const token = await row.make(world);
  const mallory = new Mallory(world);
  const response = row.path === '/refresh'
    ? await mallory.request('POST', '/refresh', { body: { refreshToken: token } })
    : await mallory.request('GET', '/me', { headers: { authorization: `Bearer ${token}` } });
  return response.status === 200 ? '200' : `${response.status} ${errorCode(response.body)}`;
}

function jwtWorld(alg: JwtAlg, vulnerable: Partial<Record<VulnerableSwitch, boolean>> = {}): Promise<World> {
  return shop.world({ authStyle: 'jwt', jwt: { alg, storage: 'localStorage', revocation: 'denylist' }, vulnerable });
}

const rowsFor = (alg: JwtAlg) => CORPUS.filter((row) => !row.only || row.only === (alg === 'HS256' ? 'hmac' : 'asymmetric'));

/** jose's answers, once per algorithm. */
const safeTables = new Map<JwtAlg, Promise<string[]>>();
function safeAnswers(alg: JwtAlg): Promise<string[]> {
  let table = safeTables.get(alg);
  if (!table) {
    table = jwtWorld(alg).then(async (world) => {
      const out: string[] = [];
      for (const row of rowsFor(alg)) out.push(await answer(world, row));
      return out;
    });
    safeTables.set(alg, table);
  }
  return table;
}

const SWITCHES: readonly (readonly [readonly VulnerableSwitch[], JwtAlg])[] = [
  [['acceptAlgNone'], 'ES256'],
  [['acceptAlgNone'], 'HS256'],
  [['hmacKeyConfusion'], 'ES256'],
  [['hmacKeyConfusion'], 'RS256'],
  [['hmacKeyConfusion'], 'EdDSA'],
  [['skipExpCheck'], 'ES256'],
  [['skipExpCheck'], 'HS256'],
  [['skipExpCheck'], 'RS256'],
  [['skipExpCheck'], 'EdDSA'],
  [['guessableHmacSecret'], 'HS256'],
  [['acceptAlgNone', 'skipExpCheck'], 'ES256'],
  [['hmacKeyConfusion', 'skipExpCheck'], 'RS256'],
];

describe('each vulnerable JWT switch breaks only the check it names', () => {
  it.each(SWITCHES.map(([switches, alg]) => [switches.join(' + '), alg, switches] as const))(
    '%s (%s world): the corpus gets jose\'s answers, and on its own check exactly the flawed ones',
    async (name, alg, switches) => {
      const rows = rowsFor(alg);
      const jose = await safeAnswers(alg);
      const flawed = await jwtWorld(alg, Object.fromEntries(switches.map((s) => [s, true])));
      const got: string[] = [];
      for (const row of rows) got.push(await answer(flawed, row));
      // The corpus tests what it says it tests: jose's answers are the expected ones.
      expect.soft(rows.map((r, i) => `${r.name}: ${jose[i]}`)).toEqual(rows.map((r) => `${r.name}: ${r.safe}`));
      // The flawed shop answers as each row says: jose's answer, or the switch's exact flawed one.
      expect.soft(rows.map((r, i) => `${r.name}: ${got[i]}`)).toEqual(rows.map((r) => `${r.name}: ${expectedFlawed(r, switches)}`));
      // And the switch really is a flaw: some token of its own check gets in.
      expect(rows.filter((r) => expectedFlawed(r, switches) === '200' && r.safe !== '200').length, `${name} lets nothing in`).toBeGreaterThan(0);
    },
  );
});

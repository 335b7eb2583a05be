/**
 * Everything a learner or a lesson can do to a world, as short labels for
 * the time-travel property test: the lessons' own action phrases (Alice's
 * flow, Mallory, the admin, the clock, the deployment), settings changes,
 * and opening more browsers. Labels keep a failing case readable:
 * fast-check prints the shrunk list of labels with its seed.
 */
import fc from 'fast-check';
import { History } from '../../src/app/history';
import { ActionRefusedError } from '../../src/lessons/action-refused';
import { findAction } from '../../src/lessons/actions';
import type { Notebook, RunContext } from '../../src/lessons/run-context';
import type { ActorName, StepArgs } from '../../src/lessons/types';
import { FlowRunner } from '../../src/machines/flow-runner';
import { MINUTE } from '../../src/sim/clock';
import type { AuthStyle, ConfigPatch, JwtAlg } from '../../src/sim/config';
import { AuthLabError } from '../../src/sim/errors';
import type { World } from '../../src/sim/world';
import type { ShopServer } from './shop-harness';

/** Lesson phrases whose outcome is the same every run of a seeded world (no ES256 signatures), by actor. */
const ALICE = ['alice: log out', 'alice: view account', 'alice: add to cart', 'alice: save settings', 'alice: refresh tokens', 'alice: restart browser'] as const;
const MALLORY = [
  "mallory: run script in alice's page",
  'mallory: replay stolen cookies',
  "mallory: get a copy of alice's access token",
  'mallory: send GET /me with her token',
  'mallory: sign the token with her own HS256 secret',
  'mallory: fetch POST /cart from evil.example',
  'mallory: frame /csrf in evil.example',
] as const;
const ADMIN = ['admin: log in', 'admin: rotate keys'] as const;
/** The partner service provisions itself on first use and fetches the JWKS: one more part of the world to travel with. */
const PARTNER = ["partner: verify alice's token", "partner: verify mallory's token"] as const;

/** Settings changes, new keys (a new algorithm, a guessable secret) and new nodes among them. */
export const SETTINGS: Readonly<Record<string, ConfigPatch>> = {
  'per-node sessions': { deployment: { sessionStore: 'per-node' } },
  'shared sessions': { deployment: { sessionStore: 'shared' } },
  'sticky balancing': { deployment: { lbPolicy: 'sticky' } },
  'least-busy balancing': { deployment: { lbPolicy: 'least-busy' } },
  '3 nodes': { deployment: { nodes: 3 } },
  'sign with EdDSA': { jwt: { alg: 'EdDSA' } },
  'sign with HS256': { jwt: { alg: 'HS256' } },
  'guessable HMAC secret': { vulnerable: { guessableHmacSecret: true } },
  'tokens in localStorage': { jwt: { storage: 'localStorage' } },
  'not-before revocation': { jwt: { revocation: 'not-before' } },
  'CSRF tokens': { session: { csrfTokens: true } },
  '5 min idle timeout': { session: { idleTimeoutMs: 5 * MINUTE } },
};

/** One action label, drawn from everything above; logging in is common, or little else would happen. */
export const actionLabel: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('alice: log in') },
  { weight: 6, arbitrary: fc.constantFrom(...ALICE) },
  { weight: 3, arbitrary: fc.constantFrom(...MALLORY) },
  { weight: 2, arbitrary: fc.constantFrom(...ADMIN) },
  { weight: 1, arbitrary: fc.constantFrom(...PARTNER) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 20 }).map((n) => `clock: +${n} min`) },
  { weight: 1, arbitrary: fc.constant('deployment: add a node') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((k) => `deployment: crash node-${k}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((k) => `deployment: restart node-${k}`) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(SETTINGS)).map((name) => `settings: ${name}`) },
  { weight: 1, arbitrary: fc.constantFrom('browser: open a guest browser', 'guest: bob logs in') },
);

/** A sequence of actions, most often starting with Alice logging in. */
export const actionSequence = (maxLength: number): fc.Arbitrary<string[]> =>
  fc.tuple(fc.boolean(), fc.array(actionLabel, { minLength: 1, maxLength })).map(([login, rest]) => (login ? ['alice: log in', ...rest] : rest));

/** A world with Alice's flow, Mallory's notebook and recorded steps, as the lab and lessons hold them. */
export interface Lab {
  world: World;
  ctx: RunContext;
  history: History;
  /** Mallory's notebook at each recorded step (it lives outside the world, like the lesson session keeps it). */
  notebooks: Notebook[];
}

export async function openLab(shop: ShopServer, options: { style: AuthStyle; alg: JwtAlg; seed: number; id: string }): Promise<Lab> {
  const world = await shop.world({ authStyle: options.style, jwt: { alg: options.alg } }, { seed: options.seed, id: options.id });
  const flow = new FlowRunner(options.style, world.page('alice'));
  const ctx: RunContext = { world, flow, notebook: { cookies: new Map() } };
  return { world, ctx, history: new History(world, flow), notebooks: [structuredClone(ctx.notebook)] };
}

const ARGS: Readonly<Record<string, StepArgs>> = {
  'mallory: fetch POST /cart from evil.example': { body: { sku: 'tea', qty: 1 } },
};

async function run(lab: Lab, label: string): Promise<void> {
  const { world } = lab;
  const [actor, phrase] = label.split(/: (.*)/s) as [string, string];
  if (actor === 'settings') return world.configure(SETTINGS[phrase]!);
  if (label === 'browser: open a guest browser') return void world.addBrowser(`guest-${world.browsers.size - 2}`);
  if (label === 'guest: bob logs in') {
    const guest = [...world.browsers.keys()].findLast((name) => name.startsWith('guest-'));
    return void (guest && (await world.page(guest).login('bob', 'builder')));
  }
  const found = findAction(actor as ActorName, phrase);
  if (!found) throw new Error(`No action for "${label}"`);
  await found.def.run(lab.ctx, found.match, ARGS[label] ?? {});
}

/**
 * What the world or a lesson action may refuse, as a learner would meet it: the shop's coded errors, the world's
 * "no such node / browser" (RangeError), the lesson actions' "Mallory holds no token yet" and "Alice's flow cannot do
 * that now". Anything else (a TypeError in an action, say) is a bug, and fails the test.
 */
const isRefusal = (error: unknown) => error instanceof AuthLabError || error instanceof RangeError || error instanceof ActionRefusedError;

/** Does one action and records the step. An action the world refuses (no such node, no token yet) is a step too. */
export async function perform(lab: Lab, label: string): Promise<void> {
  try {
    await run(lab, label);
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  await lab.ctx.flow.settled();
  lab.history.record(label);
  lab.notebooks.splice(lab.history.index, Infinity, structuredClone(lab.ctx.notebook));
}

/** Goes to a recorded step, Mallory's notebook included. */
export function travelTo(lab: Lab, index: number): void {
  lab.history.goTo(index);
  lab.ctx.notebook = structuredClone(lab.notebooks[index]!);
}

/** The flow machine's recorded moment, to compare beside the world. */
export const flowState = (lab: Lab): string => JSON.stringify(lab.ctx.flow.snapshot());

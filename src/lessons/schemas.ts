/**
 * Shapes of the data written in lessons, checked with valibot. Anything the
 * shapes cannot say (actions, checks, checklist IDs) is checked by the
 * parser, with the same file:line:col reporting.
 */
import * as v from 'valibot';
import { JWT_ALGS } from '../sim/config';
import { SAFE_SWITCHES } from '../sim/vulnerable/switches';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const positiveMs = v.pipe(v.number(), v.integer(), v.minValue(0));

export const configPatchSchema = v.strictObject({
  authStyle: v.optional(v.picklist(['session', 'jwt'])),
  session: v.optional(
    v.strictObject({
      idleTimeoutMs: v.optional(positiveMs),
      absoluteTimeoutMs: v.optional(positiveMs),
      sameSite: v.optional(v.picklist(['Strict', 'Lax', 'None', 'unset'])),
    }),
  ),
  jwt: v.optional(
    v.strictObject({
      alg: v.optional(v.picklist(JWT_ALGS)),
      issuer: v.optional(v.string()),
      audience: v.optional(v.string()),
      accessTtlMs: v.optional(positiveMs),
      refreshTtlMs: v.optional(positiveMs),
      storage: v.optional(v.picklist(['memory', 'localStorage', 'cookie'])),
      revocation: v.optional(v.picklist(['none', 'denylist', 'not-before'])),
      clockToleranceSec: v.optional(v.pipe(v.number(), v.minValue(0))),
    }),
  ),
  deployment: v.optional(
    v.strictObject({
      nodes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16))),
      lbPolicy: v.optional(v.picklist(['round-robin', 'sticky', 'least-busy'])),
      sessionStore: v.optional(v.picklist(['per-node', 'shared'])),
      sharedStoreLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0))),
    }),
  ),
  vulnerable: v.optional(v.strictObject(Object.fromEntries(Object.keys(SAFE_SWITCHES).map((k) => [k, v.optional(v.boolean())])) as Record<keyof typeof SAFE_SWITCHES, v.OptionalSchema<v.BooleanSchema<undefined>, undefined>>)),
});

const checklistId = v.pipe(v.string(), v.regex(/^[A-Z]+-\d{2}$/, 'must look like SESS-01'));

export const frontMatterSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case, e.g. server-side-sessions')),
  title: text,
  summary: text,
  order: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1)),
  objectives: v.pipe(v.array(text), v.minLength(1, 'needs at least one objective')),
  proves: v.array(checklistId),
});

export const predictionSchema = v.pipe(
  v.strictObject({
    question: text,
    choices: v.pipe(v.array(text), v.minLength(2, 'needs at least two choices')),
    answer: text,
    explain: v.optional(text),
  }),
  v.check((p) => p.choices.includes(p.answer), 'answer must be exactly one of the choices'),
);

export const scenarioBlockSchema = v.strictObject({
  name: v.optional(text),
  proves: v.optional(v.array(checklistId)),
  world: v.optional(v.unknown()),
  steps: v.pipe(v.array(v.unknown()), v.minLength(1, 'needs at least one step')),
});

export const scenarioFileSchema = v.strictObject({
  title: text,
  proves: v.optional(v.array(checklistId)),
  scenarios: v.pipe(v.array(v.unknown()), v.minLength(1, 'needs at least one scenario')),
});

export const stepFieldSchemas = {
  say: text,
  body: v.unknown(),
  claims: v.record(v.string(), v.unknown()),
  header: v.record(v.string(), v.unknown()),
  cookie: text,
  hints: v.union([text, v.array(text)]),
  expect: v.record(v.string(), v.unknown()),
} as const;

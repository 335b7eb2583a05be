/**
 * Shapes of the data written in lessons, checked with valibot. Anything the
 * shapes cannot say (actions, checks, checklist IDs) is checked by the
 * parser, with the same file:line:col reporting.
 */
import * as v from 'valibot';

/**
 * A scenario's `world:` and a `config:` step: the settings schema itself
 * (src/sim/config.ts), strict, so an unknown field is reported with the
 * fields that exist.
 */
export { configPatchSchema } from '../sim/config';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

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

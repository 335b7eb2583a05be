/**
 * Parses one scenario (a `scenario` block of a lesson, or an item of a
 * scenario file) into typed steps, checking every actor, action, field and
 * expectation against the vocabularies, and reporting each mistake where it
 * was written.
 */
import * as v from 'valibot';
import type { ConfigPatch } from '../sim/config';
import { clockStepProblem, DEFAULT_EPOCH_MS } from '../sim/clock';
import { ACTORS, findAction, parseDuration, usagesOf } from './actions';
import { checkExpectation } from './expectations';
import { configPatchSchema, predictionSchema, scenarioBlockSchema, stepFieldSchemas } from './schemas';
import type { ActorName, Expectation, Prediction, Scenario, Step, StepArgs } from './types';
import type { PathKey, YamlSource } from './yaml-source';

const ARG_FIELDS = ['body', 'claims', 'header', 'cookie'] as const;
const OTHER_FIELDS = ['say', 'expect', 'predict', 'hints'] as const;
const FIELDS: readonly string[] = [...ARG_FIELDS, ...OTHER_FIELDS];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `fileProves`: the IDs the file claims (front matter or top-level
 * `proves:`); a scenario may name only those. Undefined when the file's own
 * list could not be read.
 */
export function parseScenario(src: YamlSource, value: unknown, path: readonly PathKey[], defaultName: string, fileProves?: readonly string[]): Scenario | undefined {
  const block = src.validate(scenarioBlockSchema, value, path, 'the scenario');
  if (!block) return undefined;
  let world: ConfigPatch = {};
  if (block.world !== undefined) world = (src.validate(configPatchSchema, block.world, [...path, 'world'], 'world') as ConfigPatch | undefined) ?? {};
  const steps: Step[] = [];
  block.steps.forEach((raw, index) => {
    const step = parseStep(src, raw, [...path, 'steps', index]);
    if (step) steps.push(step);
  });
  const name = block.name ?? defaultName;
  // A step that only sets up may check nothing; a scenario that checks nothing proves nothing.
  if (!block.steps.some((raw) => isRecord(raw) && isRecord(raw.expect) && Object.keys(raw.expect).length > 0)) {
    src.error(path, `"${name}" checks nothing: give at least one of its steps an expect:`);
  }
  const proves = block.proves ?? [];
  proves.forEach((id, i) => {
    if (fileProves && !fileProves.includes(id)) src.error([...path, 'proves', i], `"${id}" is not in the file's proves: list; a scenario can only show IDs its file claims`);
    if (proves.indexOf(id) !== i) src.error([...path, 'proves', i], `"${id}" is listed twice`);
  });
  return { name, proves, world, steps, pos: src.posOf(path) };
}

function parseStep(src: YamlSource, raw: unknown, path: readonly PathKey[]): Step | undefined {
  if (!isRecord(raw)) {
    src.error(path, `a step must be a mapping such as "- alice: log in"; expected one actor (${ACTORS.join(', ')})`);
    return undefined;
  }
  const keys = Object.keys(raw);
  const actors = keys.filter((k): k is ActorName => (ACTORS as readonly string[]).includes(k));
  let ok = true;
  for (const key of keys) {
    if (!actors.includes(key as ActorName) && !FIELDS.includes(key)) {
      src.error([...path, key], `unknown actor or field "${key}"; expected one actor (${ACTORS.join(', ')}) and optional fields (${FIELDS.join(', ')})`, true);
      ok = false;
    }
  }
  if (actors.length !== 1) {
    src.error(path, actors.length === 0 ? `this step names no actor; expected one of ${ACTORS.join(', ')}` : `one actor per step; this one has ${actors.join(' and ')}`);
    return undefined;
  }
  const actor = actors[0]!;
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS) {
    if (!(key in raw) || key === 'predict') continue;
    const schema = stepFieldSchemas[key as keyof typeof stepFieldSchemas];
    const checked = src.validate(schema as v.GenericSchema, raw[key], [...path, key], `"${key}"`);
    if (checked === undefined && raw[key] !== undefined && key !== 'body') ok = false;
    fields[key] = checked;
  }

  let action: string;
  let config: ConfigPatch | undefined;
  const args: StepArgs = {};
  if (actor === 'config') {
    config = src.validate(configPatchSchema, raw.config, [...path, 'config'], 'config') as ConfigPatch | undefined;
    if (!config) ok = false;
    else if (config.authStyle !== undefined) {
      src.error([...path, 'config', 'authStyle'], 'authStyle can only be chosen in the scenario\'s "world:", before Alice\'s flow starts', true);
      ok = false;
    }
    action = JSON.stringify(raw.config);
    for (const field of ARG_FIELDS) if (field in raw) {
      src.error([...path, field], `"${field}" is not used by a config step`, true);
      ok = false;
    }
  } else {
    const phrase = raw[actor];
    if (typeof phrase !== 'string' && typeof phrase !== 'number') {
      src.error([...path, actor], `expected an action for ${actor}, such as "${usagesOf(actor)[0]}"`);
      return undefined;
    }
    action = String(phrase).trim().replace(/\s+/g, ' ');
    const found = findAction(actor, action);
    if (!found) {
      src.error([...path, actor], `unknown action "${action}" for ${actor}; ${actor} can: ${usagesOf(actor).join(' | ')}`);
      return undefined;
    }
    if (actor === 'clock' && !/^\+\s*(?:\d+\s*(?:ms|s|sec|seconds?|min|minutes?|h|hours?|days?)\s*)+$/.test(action)) {
      src.error([...path, actor], `"${action}" is not a time step; write e.g. +16 min, +5 min 6 s (units: ms, s, min, h, day)`);
      ok = false;
    } else if (actor === 'clock') {
      // Refused here, not when the step runs: a step longer than the clock takes never starts the scenario.
      const refused = clockStepProblem(parseDuration(action.replace(/^\+\s*/, '')) ?? 0, DEFAULT_EPOCH_MS, `"${action}"`);
      if (refused) {
        src.error([...path, actor], refused.message);
        ok = false;
      }
    }
    for (const field of ARG_FIELDS) {
      if (!(field in raw)) continue;
      if (!(found.def.args ?? []).includes(field)) {
        src.error([...path, field], `"${field}" is not used by "${actor}: ${action}"`, true);
        ok = false;
      } else if (fields[field] !== undefined || field === 'body') {
        (args as Record<string, unknown>)[field] = field === 'body' ? raw.body : fields[field];
      }
    }
  }

  const expect: Expectation[] = [];
  if (isRecord(fields.expect) && Object.keys(fields.expect).length === 0) {
    src.error([...path, 'expect'], 'expect: has no checks; write at least one, or leave the field out of a step that only sets up', true);
    ok = false;
  } else if (isRecord(fields.expect)) {
    for (const [subject, expected] of Object.entries(fields.expect)) {
      const problem = checkExpectation(subject, expected);
      if (problem) {
        src.error([...path, 'expect', subject], problem, true);
        ok = false;
      } else expect.push({ subject: subject.trim().replace(/\s+/g, ' '), expected, pos: src.posOf([...path, 'expect', subject], true) });
    }
  }
  let predict: Prediction | undefined;
  if ('predict' in raw) {
    predict = src.validate(predictionSchema, raw.predict, [...path, 'predict'], 'predict') as Prediction | undefined;
    if (!predict) ok = false;
  }
  const hints = fields.hints === undefined ? [] : Array.isArray(fields.hints) ? (fields.hints as string[]) : [fields.hints as string];
  if (!ok) return undefined;
  return {
    actor,
    action,
    ...(config ? { config } : {}),
    args,
    ...(typeof fields.say === 'string' ? { say: fields.say } : {}),
    expect,
    ...(predict ? { predict } : {}),
    hints,
    pos: src.posOf(path),
  };
}

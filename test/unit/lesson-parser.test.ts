/**
 * The lesson parser: a good lesson becomes typed data; each kind of mistake
 * is reported with file, line, column and what was expected; and no input,
 * however mangled, makes it throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCurriculum, checklistIdsOf } from '../../src/lessons/curriculum';
import { formatDiagnostic } from '../../src/lessons/diagnostics';
import { parseFile, parseLesson, parseScenarioFile } from '../../src/lessons/parse-lesson';
import type { Lesson } from '../../src/lessons/types';

const checklistIds = checklistIdsOf(readFileSync(new URL('../../docs/security-checklist.md', import.meta.url), 'utf8'));

const GOOD = `---
id: tiny
title: Tiny
summary: A tiny lesson.
order: 9
objectives: [Log in]
proves: [SESS-07]
---

Some prose.

\`\`\`scenario
name: Log in
steps:
  - alice: log in
    predict:
      question: Will it work?
      choices: [Yes, No]
      answer: Yes
    hints: [Try it]
    expect:
      status: 200
      alice flow: signedIn
  - clock: +16 min
\`\`\`

## Solution

It works.

## Takeaway

Logging in works.
`;

function errorsOf(text: string, file = 'lessons/x.md'): string[] {
  const result = parseFile(file, text, { checklistIds });
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
}

describe('parsing a lesson', () => {
  it('turns a good lesson into typed data with positions', () => {
    const result = parseLesson('lessons/tiny.md', GOOD, { checklistIds });
    expect(result.diagnostics).toEqual([]);
    const lesson = result.ok ? result.value : undefined;
    expect(lesson).toMatchObject({ id: 'tiny', order: 9, proves: ['SESS-07'], solution: 'It works.', takeaway: 'Logging in works.' });
    const [step, clock] = lesson!.scenarios[0]!.steps;
    expect(step).toMatchObject({ actor: 'alice', action: 'log in', hints: ['Try it'], pos: { line: 15, col: 5 } });
    expect(step!.predict).toEqual({ question: 'Will it work?', choices: ['Yes', 'No'], answer: 'Yes' });
    expect(step!.expect.map((e) => [e.subject, e.expected, e.pos.line])).toEqual([['status', 200, 22], ['alice flow', 'signedIn', 23]]);
    expect(clock).toMatchObject({ actor: 'clock', action: '+16 min', pos: { line: 24 } });
  });

  it.each([
    ['an unknown actor', GOOD.replace('  - alice: log in', '  - bob: log in'), 'lessons/x.md:15:5: unknown actor or field "bob"; expected one actor (alice, mallory'],
    ['an unknown action', GOOD.replace('alice: log in', 'alice: fly away'), 'lessons/x.md:15:12: unknown action "fly away" for alice; alice can: log in | log out'],
    ['a bad field type', GOOD.replace('order: 9', 'order: nine'), 'lessons/x.md:5:8: order: Invalid type: Expected number but received "nine"'],
    ['an unknown checklist ID', GOOD.replace('proves: [SESS-07]', 'proves: [SESS-99]'), 'lessons/x.md:7:10: unknown checklist ID "SESS-99"'],
    ['an unknown check', GOOD.replace('status: 200', 'colour: red'), 'lessons/x.md:22:7: unknown check "colour"; expected one of: status;'],
    ['a bad time step', GOOD.replace('+16 min', '+16 fortnights'), 'lessons/x.md:24:12: "+16 fortnights" is not a time step'],
    ['an answer that is not a choice', GOOD.replace('answer: Yes', 'answer: Maybe'), 'lessons/x.md:17:7: predict: answer must be exactly one of the choices'],
    ['an unknown config switch', GOOD.replace('name: Log in', 'name: Log in\nworld: { vulnerable: { noCsrf: true } }'), 'lessons/x.md:14:24: unknown field "noCsrf" in world.vulnerable; known fields: noSessionIdRegeneration, acceptClientSessionId, cookieWithoutHttpOnly,'],
    ['an unknown setting in a section', GOOD.replace('name: Log in', 'name: Log in\nworld: { session: { idleTimeout: 60000 } }'), 'lessons/x.md:14:21: unknown field "idleTimeout" in world.session; known fields: sameSite, idleTimeoutMs, absoluteTimeoutMs, csrfTokens'],
    ['an unknown section', GOOD.replace('name: Log in', 'name: Log in\nworld: { cookies: {} }'), 'lessons/x.md:14:10: unknown field "cookies" in world; known fields: authStyle, session, jwt, deployment, vulnerable'],
    ['a setting out of its limits', GOOD.replace('name: Log in', 'name: Log in\nworld: { deployment: { nodes: 9 } }'), 'lessons/x.md:14:31: deployment.nodes: must be a whole number from 1 to 8'],
    ['a clock step longer than 100 years', GOOD.replace('+16 min', '+99999999999 days'), 'lessons/x.md:24:12: "+99999999999 days" is longer than the clock\'s limit of 100 years per step'],
    ['a clock step of 400 nines', GOOD.replace('+16 min', `+${'9'.repeat(400)} s`), 'lessons/x.md:24:12: "+999'],
    ['a huge idle timeout in world:', GOOD.replace('name: Log in', 'name: Log in\nworld: { session: { idleTimeoutMs: 1e300 } }'), 'lessons/x.md:14:36: session.idleTimeoutMs: must be a whole number from 1000 to 2592000000 (ms)'],
    ['a fractional idle timeout in a config step', GOOD.replace('  - clock: +16 min', '  - clock: +16 min\n  - config: { session: { idleTimeoutMs: 1.5 } }'), 'lessons/x.md:25:41: session.idleTimeoutMs: must be a whole number from 1000 to 2592000000 (ms)'],
    ['a field the action does not use', GOOD.replace('  - clock: +16 min', '  - clock: +16 min\n    body: { a: 1 }'), 'lessons/x.md:25:5: "body" is not used by "clock: +16 min"'],
    ['two actors in one step', GOOD.replace('  - clock: +16 min', '  - clock: +16 min\n    alice: log out'), 'lessons/x.md:24:5: one actor per step; this one has clock and alice'],
    ['a YAML syntax error', GOOD.replace('    expect:\n', '    expect: [\n'), 'lessons/x.md:'],
    ['an unclosed scenario block', GOOD.slice(0, GOOD.indexOf('```\n\n## Solution')), 'lessons/x.md:12:1: this ```scenario block is never closed'],
    ['no solution', GOOD.replace('## Solution', '## Answer'), 'a lesson needs a "## Solution" section'],
    ['no front matter', GOOD.slice(GOOD.indexOf('Some prose')), 'lessons/x.md:1:1: a lesson starts with front matter'],
    ['no prediction', GOOD.replace(/ {4}predict:\n(?: {6}.*\n)+/, ''), 'a lesson needs at least one step with a prediction'],
  ])('reports %s with file:line:col', (_name, text, expected) => {
    const errors = errorsOf(text);
    expect(errors.some((e) => e.includes(expected)), errors.join('\n')).toBe(true);
  });

  it('accepts every setting of the shop in world: and in a config step (CSRF tokens, token fingerprint, refresh idle limit)', () => {
    const text = GOOD.replace('name: Log in', 'name: Log in\nworld: { session: { csrfTokens: true }, jwt: { fingerprint: true, refreshIdleTtlMs: 3600000 } }').replace(
      '  - clock: +16 min',
      '  - clock: +16 min\n  - config: { session: { csrfTokens: false }, jwt: { fingerprint: false, refreshIdleTtlMs: 7200000 } }',
    );
    const result = parseLesson('lessons/x.md', text, { checklistIds });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const scenario = result.ok ? result.value.scenarios[0] : undefined;
    expect(scenario?.world).toEqual({ session: { csrfTokens: true }, jwt: { fingerprint: true, refreshIdleTtlMs: 3_600_000 } });
    expect(scenario?.steps[2]?.config).toEqual({ session: { csrfTokens: false }, jwt: { fingerprint: false, refreshIdleTtlMs: 7_200_000 } });
  });

  it('reports duplicate lesson ids and orders across files, at the line of the field', () => {
    const a = parseLesson('lessons/a.md', GOOD);
    const b = parseLesson('lessons/b.md', GOOD);
    const lessons = [a, b].map((r) => (r.ok ? r.value : undefined)).filter((l): l is Lesson => l !== undefined);
    expect(checkCurriculum(lessons).map(formatDiagnostic)).toEqual([
      'lessons/b.md:2:5: lesson id "tiny" is already used by lessons/a.md',
      'lessons/b.md:5:8: order 9 is already used by lessons/a.md',
    ]);
  });

  it('refuses, in a scenario file, a clock step past 100 years and a setting of 1e300 ms, at their line, before anything runs', () => {
    const text = 'title: T\nscenarios:\n  - world: { session: { idleTimeoutMs: 1e300 } }\n    steps:\n      - alice: log in\n        expect: { status: 200 }\n      - clock: +36501 days\n';
    expect(errorsOf(text, 'lessons/scenarios/t.scenario.yaml')).toEqual([
      'lessons/scenarios/t.scenario.yaml:3:40: session.idleTimeoutMs: must be a whole number from 1000 to 2592000000 (ms)',
      'lessons/scenarios/t.scenario.yaml:7:16: "+36501 days" is longer than the clock\'s limit of 100 years per step',
    ]);
    expect(errorsOf(text.replace('1e300', '900000').replace('+36501 days', '+36500 days'), 'lessons/scenarios/t.scenario.yaml')).toEqual([]);
  });

  it('parses standalone scenario files with the same step language', () => {
    const text = 'title: T\nscenarios:\n  - steps:\n      - alice: log in\n        expect: { status: 200 }\n';
    const result = parseScenarioFile('lessons/scenarios/t.scenario.yaml', text);
    expect(result.ok && result.value.scenarios[0]!.steps[0]!.pos).toEqual({ line: 4, col: 9 });
    expect(errorsOf('title: T\nscenarios:\n  - steps:\n      - mallory: bake a cake\n', 'lessons/t.scenario.yaml')[0]).toMatch(
      /^lessons\/t\.scenario\.yaml:4:18: unknown action "bake a cake" for mallory; mallory can: /,
    );
  });
});

describe('every scenario checks something', () => {
  it('refuses a scenario file that claims proves: but whose scenario has no expect:, at the scenario', () => {
    const text = 'title: T\nproves: [SESS-05]\nscenarios:\n  - name: Idle\n    steps:\n      - alice: log in\n      - clock: +16 min\n';
    expect(errorsOf(text, 'lessons/scenarios/t.scenario.yaml')).toEqual(['lessons/scenarios/t.scenario.yaml:4:5: "Idle" checks nothing: give at least one of its steps an expect:']);
  });

  it('refuses an empty expect: on a step, at the field', () => {
    const text = 'title: T\nscenarios:\n  - steps:\n      - alice: log in\n        expect: {}\n      - alice: log out\n        expect: { status: 200 }\n';
    expect(errorsOf(text, 'lessons/scenarios/t.scenario.yaml')).toEqual(['lessons/scenarios/t.scenario.yaml:5:9: expect: has no checks; write at least one, or leave the field out of a step that only sets up']);
  });

  it('lets set-up steps go without expect: as long as one step of the scenario checks something', () => {
    const text = 'title: T\nscenarios:\n  - steps:\n      - alice: log in\n      - clock: +16 min\n      - alice: view account\n        expect: { status: 401 }\n';
    expect(errorsOf(text, 'lessons/scenarios/t.scenario.yaml')).toEqual([]);
  });

  it.each([
    ['body.user.username: { contains: "" }', '"contains" needs something to look for: every string contains ""'],
    ['body.user.username: { matches: ".*" }', '"matches": ".*" matches every string'],
    ['requests: present', 'requests is always a list of texts, possibly empty, and this check accepts every such value'],
    ['alice localStorage: { not: absent }', 'alice localStorage is always a mapping of keys to text, possibly empty, and this check accepts every such value'],
    ['store reads: { at least: 0 }', 'store reads is always a count (0, 1, 2, …), and this check accepts every such value'],
    ['alice cookie __Host-shop_sid: {}', 'an empty mapping would need a cookie without attributes'],
    ['trace: []', 'an empty list asks for no event, so it checks nothing'],
  ])('refuses, at the check, one that cannot fail: %s', (check, message) => {
    expect(errorsOf(GOOD.replace('status: 200', check))).toEqual([expect.stringContaining(`lessons/x.md:22:7: ${message}`)]);
  });

  it('keeps checks that can fail: a stored key may be present, and localStorage may be empty', () => {
    expect(errorsOf(GOOD.replace('status: 200', 'alice localStorage shop.accessToken: present\n      alice localStorage: empty'))).toEqual([]);
  });
});

describe('malformed input never throws', () => {
  /** A small seeded generator, so a failure can be replayed from its seed. */
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  const lessons = ['01-http-forgets-you.md', '03-cookie-attributes.md', '05-verifying-a-jwt.md'].map((f) => readFileSync(new URL(`../../lessons/${f}`, import.meta.url), 'utf8'));
  const NASTY = ['\n', ':', '- ', '```', '---', '{', '}', '[', ']', '*a', '&a ', '!!binary ', '"', "'", '\t', '#', '|', '>', '\u0000', '\uFFFF', '? ', ' '];

  function mutate(text: string, random: () => number): string {
    let out = text;
    const edits = 1 + Math.floor(random() * 6);
    for (let i = 0; i < edits; i += 1) {
      const at = Math.floor(random() * out.length);
      const kind = random();
      if (kind < 0.35) out = out.slice(0, at) + NASTY[Math.floor(random() * NASTY.length)] + out.slice(at);
      else if (kind < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 40));
      else if (kind < 0.8) {
        const lines = out.split('\n');
        const a = Math.floor(random() * lines.length);
        const b = Math.floor(random() * lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        out = lines.join('\n');
      } else out = out.slice(0, at);
    }
    return out;
  }

  it('survives 200 seeded mutations of real lessons, each yielding a lesson or file:line:col diagnostics', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = rng(seed);
      const source = lessons[seed % lessons.length]!;
      const text = mutate(source, random);
      const file = seed % 5 === 0 ? 'lessons/f.scenario.yaml' : 'lessons/f.md';
      let result: ReturnType<typeof parseFile> | undefined;
      expect(() => (result = parseFile(file, seed % 5 === 0 ? text.replace(/^---[\s\S]*?---/, '') : text, { checklistIds })), `seed ${seed}`).not.toThrow();
      if (!result!.ok) {
        expect(result!.diagnostics.length, `seed ${seed}`).toBeGreaterThan(0);
        for (const d of result!.diagnostics) {
          expect(d.line, `seed ${seed}: ${d.message}`).toBeGreaterThanOrEqual(1);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }
    }
  }, 60_000);

  it('survives hostile YAML: alias bombs, odd tags, deep nesting and non-text', () => {
    const hostile = [
      'a: &a [1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\nscenarios: [*c]',
      'title: !!js/function "x"\nscenarios: []',
      `title: x\nscenarios: ${'['.repeat(300)}${']'.repeat(300)}`,
      'scenarios:\n  - steps:\n      - alice: { nested: [1, 2] }\n        expect: 7',
      '\u0000\u0001\u0002',
      '',
      '---\n---\n```scenario\nsteps: [null, 1, "x", [], { alice: null }]\n```',
    ];
    for (const text of hostile) {
      for (const file of ['lessons/h.md', 'lessons/h.scenario.yaml']) {
        expect(() => parseFile(file, text, { checklistIds }), text.slice(0, 40)).not.toThrow();
        expect(parseFile(file, text, { checklistIds }).ok).toBe(false);
      }
    }
  });
});

/**
 * One schema, every use: walking the settings schema (src/sim/config.ts),
 * each setting is accepted by a lesson's `world:` and `config:`, travels
 * through a shared link and back, has a Sandbox control — and each of them
 * refuses the same out-of-range values.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decodeUrlState, encodeUrlState } from '../../src/app/url-state';
import { formatDiagnostic } from '../../src/lessons/diagnostics';
import { parseScenarioFile } from '../../src/lessons/parse-lesson';
import { DEFAULT_CONFIG, configPatchSchema, mergeConfig, worldConfigSchema } from '../../src/sim/config';
import { SETTINGS, settingPatch, settingValue, type Setting } from '../../src/sim/settings/setting-list';
import { DEFAULT_BROWSER_OPTIONS } from '../../src/sim/browser/browser';
import { LAX_ALLOWING_UNSAFE_MS } from '../../src/sim/browser/cookie-jar';
import { SANDBOX_GROUPS, readNumber, shownNumber } from '../../src/ui/components/sandbox-controls';

/** A value other than the default, inside the limits. */
function otherValue(setting: Setting): unknown {
  const info = setting.info;
  if (info.kind === 'flag') return !info.default;
  if (info.kind === 'choice') return info.options.find((o) => o !== info.default);
  if (info.kind === 'number') return info.max !== info.default ? info.max : info.min;
  return 'https://other.example';
}

/** Values out of a setting's type or limits, as a lesson (YAML) and as a link (text) may write them. */
function badValues(setting: Setting): { lesson: unknown[]; link: string[] } {
  const info = setting.info;
  if (info.kind === 'flag') return { lesson: ['yes', 1], link: ['yes', ''] };
  if (info.kind === 'choice') {
    const first = info.options[0]!;
    const miscased = first.toLowerCase() === first ? first.toUpperCase() : first.toLowerCase();
    return { lesson: ['bogus', miscased], link: ['bogus', miscased] };
  }
  if (info.kind === 'number') {
    const out = [info.max + 1, info.min - 1, info.min + 0.5];
    return { lesson: [...out, String(info.min)], link: [...out.map(String), 'ten', ''] };
  }
  return { lesson: ['', 7], link: [] };
}

/** A one-scenario file whose world sets one value, and whose one config step sets it too. */
function scenarioSetting(setting: Setting, value: unknown, where: 'world' | 'config') {
  const patch = JSON.stringify(settingPatch(setting, value));
  const steps = where === 'world' ? '      - alice: log in\n        expect: { status: 200 }\n' : `      - config: ${patch}\n      - alice: log in\n        expect: { status: 200 }\n`;
  const text = `title: T\nscenarios:\n  - ${where === 'world' ? `world: ${patch}\n    ` : ''}steps:\n${steps}`;
  return parseScenarioFile('lessons/s.scenario.yaml', text);
}

const inSandbox = (setting: Setting) => SANDBOX_GROUPS.flatMap((g) => g.settings).filter((s) => s.key === setting.key);

describe('the settings schema', () => {
  it("explains an unset SameSite as the simulated browser treats it (Chromium's Lax-by-default and its 2-minute POST window) and as Firefox and Safari do", () => {
    const explain = SETTINGS.find((s) => s.key === 'session.sameSite')!.info.explain;
    const unset = explain.slice(explain.indexOf('unset:'));
    // What the simulation does is what the sentence says it models.
    expect(DEFAULT_BROWSER_OPTIONS.unsetSameSite).toBe('lax-by-default');
    expect(unset).toMatch(/Chromium \(simulated here\), Lax/);
    expect(unset).toContain(`top-level POSTs in its first ${LAX_ALLOWING_UNSAFE_MS / 60_000} min`);
    // Firefox and Safari apply no SameSite rule, which is not the same as a declared None.
    expect(unset).toMatch(/Firefox, Safari: no SameSite rule \(not None: no Secure needed\) unless third-party cookie blocking stops it/);
  });

  it('has a label, a one-line explanation and a default inside its own limits for every setting', () => {
    expect(SETTINGS.length).toBeGreaterThan(25);
    for (const setting of SETTINGS) {
      expect(setting.info.label, setting.key).toMatch(/^\S.{2,60}$/);
      expect(setting.info.explain, setting.key).toMatch(/^[^\n]{20,320}[.)]$/);
      expect(v.is(setting.schema, setting.info.default), setting.key).toBe(true);
      expect(settingValue(setting, DEFAULT_CONFIG), setting.key).toBe(setting.info.default);
    }
    expect(v.is(worldConfigSchema, DEFAULT_CONFIG)).toBe(true);
    // Everything else is in the Sandbox and in links: the auth style has its own switch, issuer and audience are fixed outside lessons.
    expect(SETTINGS.filter((s) => s.info.place !== 'sandbox').map((s) => `${s.key}: ${s.info.place}`)).toEqual(['authStyle: style', 'jwt.issuer: lessons', 'jwt.audience: lessons']);
  });

  it('the derived patch type is the lessons\' schema: a whole default config is a valid patch and rebuilds itself', () => {
    expect(v.parse(configPatchSchema, DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(mergeConfig(DEFAULT_CONFIG, {})).toEqual(DEFAULT_CONFIG);
  });

  describe.each(SETTINGS.map((s) => [s.key, s] as const))('%s', (key, setting) => {
    const value = otherValue(setting);

    it("is accepted in a lesson's world:, and in a config: step unless it is the auth style", () => {
      const world = scenarioSetting(setting, value, 'world');
      expect(world.ok ? [] : world.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(world.ok && world.value.scenarios[0]!.world).toEqual(settingPatch(setting, value));
      const step = scenarioSetting(setting, value, 'config');
      if (setting.section) {
        expect(step.ok ? [] : step.diagnostics.map(formatDiagnostic)).toEqual([]);
        expect(step.ok && step.value.scenarios[0]!.steps[0]!.config).toEqual(settingPatch(setting, value));
      } else {
        expect(step.ok).toBe(false);
      }
    });

    it('is refused out of its limits, by lessons and links alike, naming the setting', () => {
      const bad = badValues(setting);
      for (const value of bad.lesson) {
        const lesson = scenarioSetting(setting, value, 'world');
        expect(lesson.ok, `${key} = ${JSON.stringify(value)}`).toBe(false);
        if (!lesson.ok) expect(lesson.diagnostics.map(formatDiagnostic).join('\n')).toMatch(new RegExp(`^lessons/s\\.scenario\\.yaml:3:\\d+: ${key.replace('.', '\\.')}: must `));
      }
      if (setting.info.place !== 'sandbox') return;
      for (const text of bad.link) {
        const { state, problems } = decodeUrlState(`#/playground?${key}=${encodeURIComponent(text)}`);
        expect(state.config, `${key}=${text}`).toEqual({});
        expect(problems).toEqual([expect.stringMatching(`^URL parameter "${key}": "${text}" is not .*; using the default `)]);
      }
    });

    it('travels through a shared link and back, under its own name, if the Sandbox offers it', () => {
      if (setting.info.place === 'style') {
        const hash = encodeUrlState({ view: 'playground', authStyle: value as 'jwt', config: {} });
        expect(hash).toBe(`#/playground?auth=${String(value)}`);
        expect(decodeUrlState(hash).state.authStyle).toBe(value);
        return;
      }
      const config = settingPatch(setting, value);
      const hash = encodeUrlState({ view: 'compare', authStyle: 'session', config });
      if (setting.info.place === 'lessons') {
        // Fixed outside lessons: a link neither writes it nor reads it.
        expect(hash).toBe('#/compare');
        expect(decodeUrlState(`#/compare?${key}=x`).problems).toEqual([`URL parameter "${key}" is not a setting AuthLab knows; it was ignored.`]);
        return;
      }
      expect(new URLSearchParams(hash.split('?')[1]).has(key)).toBe(true);
      expect(decodeUrlState(hash)).toEqual({ state: { view: 'compare', authStyle: 'session', config }, problems: [] });
    });

    it('has exactly one Sandbox control, unless it is changed elsewhere', () => {
      expect(inSandbox(setting)).toHaveLength(setting.info.place === 'sandbox' ? 1 : 0);
      const info = setting.info;
      if (info.kind !== 'number' || info.place !== 'sandbox') return;
      // What the field shows for a value reads back as that value; past the limits, it says what to enter.
      for (const stored of [info.min, info.max, info.default]) expect(readNumber(setting, shownNumber(info, stored))).toEqual({ value: stored });
      expect(readNumber(setting, shownNumber(info, info.max + info.display.scale))).toMatchObject({ problem: expect.stringMatching(/^Enter a (whole )?number/) });
    });
  });
});

describe('jwt.clockToleranceSec', () => {
  const linkAccepts = (sec: number) => decodeUrlState(`#/playground?auth=jwt&jwt.clockToleranceSec=${sec}`).problems.length === 0;
  const lessonAccepts = (sec: number) =>
    parseScenarioFile('lessons/t.scenario.yaml', `title: T\nscenarios:\n  - world: { authStyle: jwt, jwt: { clockToleranceSec: ${sec} } }\n    steps:\n      - alice: log in\n        expect: { status: 200 }\n`).ok;

  it('stops at 5 min: a few seconds is the advice, and an hour of tolerance would keep an expired token working for an hour', () => {
    expect([0, 5, 300].map((sec) => [linkAccepts(sec), lessonAccepts(sec)])).toEqual([[true, true], [true, true], [true, true]]);
    expect([301, 3600].map((sec) => [linkAccepts(sec), lessonAccepts(sec)])).toEqual([[false, false], [false, false]]);
  });
});

/**
 * Everything a learner can switch in a world, defined once: one valibot
 * schema whose settings carry their type, limits, default and explanation
 * (built in src/sim/settings/, the flaws in src/sim/vulnerable/switches.ts).
 * The types below, the lessons' `world:`/`config:` schema, the URL codec,
 * the Sandbox controls and the settings tables in the READMEs all derive
 * from it; `SETTINGS` (settings/setting-list.ts) walks it.
 */
import * as v from 'valibot';
import { deploymentSettings } from './settings/deployment-settings';
import { jwtSettings } from './settings/jwt-settings';
import { sessionSettings } from './settings/session-settings';
import { choice, defaultsOf, settingInfo } from './settings/setting-kinds';
import { deepFreeze } from './restorable';
import { vulnerableSwitches } from './vulnerable/switches';

export * from './origins';

export const authStyleSetting = choice(['session', 'jwt'], {
  default: 'session',
  place: 'style',
  label: 'Auth style',
  explain:
    'session: a random id in an HttpOnly cookie, looked up in a server-side store on every request; jwt: a signed access token the server verifies with a key, renewed with a refresh token.',
});

/** A whole world's configuration; every field is required. */
export const worldConfigSchema = v.strictObject({
  authStyle: authStyleSetting,
  session: sessionSettings,
  jwt: jwtSettings,
  deployment: deploymentSettings,
  vulnerable: vulnerableSwitches,
});

/**
 * A change to some settings, as lessons (`world:`, `config:`), links and the
 * Sandbox write it. Strict: an unknown field is an error, not ignored.
 */
export const configPatchSchema = v.strictObject({
  authStyle: v.optional(authStyleSetting),
  session: v.optional(v.partial(sessionSettings)),
  jwt: v.optional(v.partial(jwtSettings)),
  deployment: v.optional(v.partial(deploymentSettings)),
  vulnerable: v.optional(v.partial(vulnerableSwitches)),
});

export type WorldConfig = v.InferOutput<typeof worldConfigSchema>;
export type ConfigPatch = v.InferOutput<typeof configPatchSchema>;
export type Section = Exclude<keyof WorldConfig, 'authStyle'>;
export type SessionConfig = WorldConfig['session'];
export type JwtConfig = WorldConfig['jwt'];
export type DeploymentConfig = WorldConfig['deployment'];
export type AuthStyle = WorldConfig['authStyle'];
export type SameSitePolicy = SessionConfig['sameSite'];
export type JwtAlg = JwtConfig['alg'];
export type TokenStorage = JwtConfig['storage'];
export type RevocationMode = JwtConfig['revocation'];
export type LbPolicy = DeploymentConfig['lbPolicy'];
export type SessionStoreTopology = DeploymentConfig['sessionStore'];

export const SECTIONS: readonly Section[] = ['session', 'jwt', 'deployment', 'vulnerable'];

export const JWT_ALGS: readonly JwtAlg[] = jwtSettings.entries.alg.options;

/** Every setting at its default: the safe shop. Checked against the schema when loaded. */
export const DEFAULT_CONFIG: Readonly<WorldConfig> = deepFreeze(
  v.parse(worldConfigSchema, {
    authStyle: settingInfo(authStyleSetting).default,
    session: defaultsOf(sessionSettings),
    jwt: defaultsOf(jwtSettings),
    deployment: defaultsOf(deploymentSettings),
    vulnerable: defaultsOf(vulnerableSwitches),
  }),
);

/**
 * Settings the schema refuses, given to a world through its API
 * (`World.create`, `configure`). `problems` names each setting and what is
 * wrong with it (`deployment.nodes: must be a whole number from 1 to 8`).
 */
export class InvalidSettings extends RangeError {
  readonly code = 'invalid_settings';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid settings: ${problems.join('; ')}`);
    this.name = 'InvalidSettings';
    this.problems = problems;
  }
}

/** `patch` checked against the schema, as lessons and links are; throws {@link InvalidSettings} naming every bad setting. */
export function checkedPatch(patch: unknown = {}): ConfigPatch {
  const result = v.safeParse(configPatchSchema, patch);
  if (result.success) return result.output;
  throw new InvalidSettings(
    result.issues.map((issue) => {
      const where = v.getDotPath(issue) ?? 'settings';
      // A strict object reports an unknown key as a value that should have been `never`.
      return issue.type === 'strict_object' && issue.expected === 'never' ? `${where}: unknown setting` : `${where}: ${issue.message}`;
    }),
  );
}

/** Only the fields a patch really sets: a key written as undefined keeps the base value. */
const defined = <T extends object>(part: T | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(part ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Applies a partial change over a full config, returning a new config. */
export function mergeConfig(base: WorldConfig, patch: ConfigPatch = {}): WorldConfig {
  return {
    authStyle: patch.authStyle ?? base.authStyle,
    session: { ...base.session, ...defined(patch.session) },
    jwt: { ...base.jwt, ...defined(patch.jwt) },
    deployment: { ...base.deployment, ...defined(patch.deployment) },
    vulnerable: { ...base.vulnerable, ...defined(patch.vulnerable) },
  };
}

/** Layers `over` on `base`, section by section (as mergeConfig does for full configs). */
export function mergePatches(base: ConfigPatch, over: ConfigPatch = {}): ConfigPatch {
  const out: ConfigPatch = {};
  const style = over.authStyle ?? base.authStyle;
  if (style) out.authStyle = style;
  for (const section of SECTIONS) {
    const merged = { ...defined(base[section]), ...defined(over[section]) };
    if (Object.keys(merged).length > 0) (out as Record<string, unknown>)[section] = merged;
  }
  return out;
}

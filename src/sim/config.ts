/**
 * Everything a learner can switch in a world, with safe defaults.
 */
import { HOUR, MINUTE, DAY } from './clock';
import { SAFE_SWITCHES, type VulnerableSwitches } from './vulnerable/switches';

export type AuthStyle = 'session' | 'jwt';
export type SameSitePolicy = 'Strict' | 'Lax' | 'None' | 'unset';
export type JwtAlg = 'HS256' | 'RS256' | 'ES256' | 'EdDSA';
export type TokenStorage = 'memory' | 'localStorage' | 'cookie';
export type RevocationMode = 'none' | 'denylist' | 'not-before';
export type LbPolicy = 'round-robin' | 'sticky' | 'least-busy';
export type SessionStoreTopology = 'per-node' | 'shared';

export const JWT_ALGS: readonly JwtAlg[] = ['HS256', 'RS256', 'ES256', 'EdDSA'];

export interface SessionConfig {
  /** Server-enforced inactivity limit (SESS-05). */
  idleTimeoutMs: number;
  /** Server-enforced lifetime however active the user is (SESS-06). */
  absoluteTimeoutMs: number;
  /**
   * Synchronizer CSRF tokens (CSRF-01, CSRF-08): every session, a guest's
   * too, has a random token that each write, login included, must echo in
   * `X-CSRF-Token`. A layer on top of the Fetch Metadata, Origin and
   * JSON-only checks, which defend alone when it is off.
   */
  csrfTokens: boolean;
  sameSite: SameSitePolicy;
}

export interface JwtConfig {
  alg: JwtAlg;
  issuer: string;
  audience: string;
  accessTtlMs: number;
  refreshTtlMs: number;
  /** A refresh family unused for longer than this expires (REFRESH-03). */
  refreshIdleTtlMs: number;
  /** Where the shop's page keeps the access token. */
  storage: TokenStorage;
  revocation: RevocationMode;
  /**
   * Bind each access token to a random fingerprint in a hardened cookie
   * (OWASP's token sidejacking defence, XSS-03): a copied token is useless
   * without the cookie, which no script can read.
   */
  fingerprint: boolean;
  /** Allowed clock skew when checking exp/nbf, in seconds (JWT-05: a few). */
  clockToleranceSec: number;
}

export interface DeploymentConfig {
  nodes: number;
  lbPolicy: LbPolicy;
  sessionStore: SessionStoreTopology;
  /** Round trip to the shared store (Redis-like), in simulated ms. */
  sharedStoreLatencyMs: number;
}

export interface WorldConfig {
  authStyle: AuthStyle;
  session: SessionConfig;
  jwt: JwtConfig;
  deployment: DeploymentConfig;
  vulnerable: VulnerableSwitches;
}

export const SHOP_ORIGIN = 'https://shop.example.com';
/** A sibling subdomain: same site as the shop, different origin. */
export const SIBLING_ORIGIN = 'https://blog.example.com';
export const EVIL_ORIGIN = 'https://evil.example';
/** Another site the shop chooses to let read its API with credentials (CSRF-09). */
export const PARTNER_ORIGIN = 'https://partner.example';

export const DEFAULT_CONFIG: Readonly<WorldConfig> = Object.freeze({
  authStyle: 'session',
  session: { idleTimeoutMs: 15 * MINUTE, absoluteTimeoutMs: 8 * HOUR, sameSite: 'Lax', csrfTokens: false },
  jwt: {
    alg: 'ES256',
    issuer: SHOP_ORIGIN,
    audience: `${SHOP_ORIGIN}/api`,
    accessTtlMs: 5 * MINUTE,
    refreshTtlMs: DAY,
    refreshIdleTtlMs: 8 * HOUR,
    storage: 'memory',
    revocation: 'denylist',
    clockToleranceSec: 5,
    fingerprint: false,
  },
  deployment: { nodes: 1, lbPolicy: 'round-robin', sessionStore: 'shared', sharedStoreLatencyMs: 1 },
  vulnerable: SAFE_SWITCHES,
}) as WorldConfig;

export type ConfigPatch = {
  authStyle?: AuthStyle;
  session?: Partial<SessionConfig>;
  jwt?: Partial<JwtConfig>;
  deployment?: Partial<DeploymentConfig>;
  vulnerable?: Partial<VulnerableSwitches>;
};

/** Applies a partial change over a full config, returning a new config. */
export function mergeConfig(base: WorldConfig, patch: ConfigPatch = {}): WorldConfig {
  return {
    authStyle: patch.authStyle ?? base.authStyle,
    session: { ...base.session, ...patch.session },
    jwt: { ...base.jwt, ...patch.jwt },
    deployment: { ...base.deployment, ...patch.deployment },
    vulnerable: { ...base.vulnerable, ...patch.vulnerable },
  };
}

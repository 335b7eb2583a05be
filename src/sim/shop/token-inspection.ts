/**
 * The token inspector's verdict, asked of the shop itself: the token goes,
 * as Alice's browser would send it, through the very code that answers
 * `GET /me` (router, verifier, fingerprint check, revocation lookup, the
 * access-token lifecycle machine, the user row), so the inspector can never
 * say "accepted" where the shop answers 401.
 *
 * Asking is off the record. The shop's code runs on a scratch node and a
 * scratch trace, so it is no request, no store read and no signature check
 * of the world's counters or trace; it reads the world's stores (the
 * denylist, the users table) but may write nothing and draw no random value:
 * an attempt to do either fails the inspection instead of changing the world.
 * What the shop did is handed back as sentences, from the scratch trace.
 */
import { cookiePair } from '../browser/cookie-refusals';
import { SHOP_ORIGIN } from '../config';
import { RequestContext } from '../deployment/request-context';
import { SimNode } from '../deployment/node';
import type { RandomSource } from '../random';
import type { WorldServices } from '../services';
import { explainToken, type TokenExplanation } from '../tokens/explain-token';
import { Trace, type TraceEvent } from '../trace';
import type { World } from '../world';
import { ACCESS_COOKIE } from './jwt-auth';
import { parseCookieHeader, type ShopRequest } from './http';
import { routeShopRequest } from './router';

/** What the shop answered to one off-the-record `GET /me` carrying the token. */
export interface ShopAnswerToToken {
  /** Whose request it was, in words: "GET /me from alice's browser". */
  asked: string;
  status: number;
  /** The stable error code of a refusal. */
  code?: string;
  message?: string;
  /** The user the shop answered for, on a 200. */
  username?: string;
  /** What the shop's code did, in order, read from its scratch trace. */
  did: string[];
}

export interface TokenInspection {
  /** The token's parts and its own checks, by the safe verifier's rules (explain-token.ts). */
  explanation: TokenExplanation;
  /** The shop's answer as sent from the inspecting browser, with its cookies; absent when the shop does not use tokens. */
  fromBrowser?: ShopAnswerToToken;
  /** For a token bound to a fingerprint: the answer from a browser without that browser's cookies. */
  elsewhere?: ShopAnswerToToken;
  /** Why the shop was not asked. */
  notAsked?: string;
}

/** An inspection may not draw: a draw would move a seeded world's stream. */
const NO_RANDOM: RandomSource = {
  kind: 'seeded',
  bytes() {
    throw new Error('an inspection may not draw a random value');
  },
};

/** Reads as the shop does; refuses every write, so an inspection cannot change a store. */
class InspectionContext extends RequestContext {
  override write(): void {
    throw new Error('an inspection may not write to a store');
  }

  override delete(): boolean {
    throw new Error('an inspection may not delete from a store');
  }
}

function describe(event: TraceEvent): string | undefined {
  if (event.kind === 'crypto' && event.op === 'verify') {
    const who = event.verifier === 'naive' ? 'the hand-rolled verifier (a vulnerable switch is on)' : 'jose';
    return `${who} checked the ${event.alg} signature${event.kid ? ` (kid ${event.kid})` : ''}: ${event.ok ? 'it verifies' : `refused, ${event.code ?? 'failed'}`}`;
  }
  if (event.kind === 'store' && event.op === 'read') {
    if (event.store === 'denylist') return `looked the jti up in the denylist: ${event.hit ? 'listed (revoked)' : 'not listed'}`;
    if (event.store === 'users') return `read the user row ${event.key}: ${event.hit ? 'found' : 'none'}`;
    return `read ${event.store} ${event.key}: ${event.hit ? 'found' : 'none'}`;
  }
  if (event.kind === 'lifecycle' && event.machine === 'accessToken') {
    return `the access-token lifecycle machine: ${event.from} → ${event.to}${event.guard ? ` [${event.guard}]` : ''}`;
  }
  return undefined;
}

/**
 * Sends `GET /me` with `token` through the shop's own code, off the record,
 * with `cookies` as the Cookie header (the token goes in the Authorization
 * header, or as the access cookie when tokens are kept in cookies).
 */
export async function askShopAboutToken(world: WorldServices, token: string, cookies: string, asked: string): Promise<ShopAnswerToToken> {
  const trace = new Trace(() => world.clock.now());
  const scratch: WorldServices = { id: world.id, config: world.config, clock: world.clock, trace, random: NO_RANDOM, db: world.db, keys: world.keys };
  const ctx = new InspectionContext(scratch, new SimNode('inspection'), 'inspection');
  const headers = new Map<string, string>([
    ['sec-fetch-site', 'same-origin'],
    ['sec-fetch-mode', 'cors'],
    ['sec-fetch-dest', 'empty'],
    ['referer', `${SHOP_ORIGIN}/`],
  ]);
  let cookieHeader = cookies;
  if (world.config.jwt.storage === 'cookie') {
    const jar = parseCookieHeader(cookies);
    jar.delete(ACCESS_COOKIE);
    cookieHeader = [`${ACCESS_COOKIE}=${token}`, ...[...jar].map(([name, value]) => `${name}=${value}`)].join('; ');
  } else {
    headers.set('authorization', `Bearer ${token}`);
  }
  if (cookieHeader) headers.set('cookie', cookieHeader);
  const request: ShopRequest = { method: 'GET', url: new URL(`${SHOP_ORIGIN}/me`), headers, body: undefined, exchangeId: 'inspection' };
  const response = await routeShopRequest(ctx, request);
  const body = (response.body ?? {}) as { error?: unknown; message?: unknown; user?: { username?: unknown } };
  const code = typeof body.error === 'string' ? body.error : undefined;
  const did = trace.all().map(describe).filter((line): line is string => line !== undefined);
  // The fingerprint is compared after the time and type rules and before any lookup (jwt-auth.ts), and leaves no trace event of its own.
  if (code === 'token_unbound') {
    did.push(`compared the fingerprint cookie with the token's fgp: ${String(body.message)}`);
  } else if (world.config.jwt.fingerprint) {
    const firstRead = did.findIndex((line) => line.startsWith('looked the jti') || line.startsWith('read '));
    if (firstRead >= 0) did.splice(firstRead, 0, "compared the fingerprint cookie with the token's fgp: they match");
  }
  return {
    asked,
    status: response.status,
    ...(code ? { code } : {}),
    ...(typeof body.message === 'string' ? { message: body.message } : {}),
    ...(typeof body.user?.username === 'string' ? { username: body.user.username } : {}),
    did,
  };
}

/** The Cookie header `browser` would send with a script's GET /me on the shop's own page. */
function cookiesOf(world: World, browser: string): string {
  const { sent } = world.browser(browser).jar.cookiesFor({ url: new URL(`${SHOP_ORIGIN}/me`), initiator: SHOP_ORIGIN, mode: 'fetch', method: 'GET', now: world.clock.now() });
  return sent.map(cookiePair).join('; ');
}

/**
 * Everything the token inspector shows: the token's own checks, and what the
 * shop answers to it from `browser` (and, for a fingerprint-bound token, from
 * a browser without its cookies). Leaves the world as it found it.
 */
export async function inspectToken(world: World, token: string, browser = 'alice'): Promise<TokenInspection> {
  const explanation = await explainToken(token, { keys: world.keys, jwt: world.config.jwt, now: world.clock.now() });
  if (world.config.authStyle !== 'jwt') return { explanation, notAsked: 'The shop uses sessions now: GET /me would not look at a token.' };
  const trimmed = token.trim();
  const fromBrowser = await askShopAboutToken(world, trimmed, cookiesOf(world, browser), `GET /me from ${browser}'s browser`);
  const bound = world.config.jwt.fingerprint || explanation.payload?.fgp !== undefined;
  if (!bound) return { explanation, fromBrowser };
  const elsewhere = await askShopAboutToken(world, trimmed, '', `GET /me from a browser without ${browser}'s cookies (Mallory's, say)`);
  return { explanation, fromBrowser, elsewhere };
}

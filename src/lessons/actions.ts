/**
 * The action vocabulary: what each actor can do in a step, written as a
 * short phrase (`alice: log in`, `clock: +16 min`). Each entry has the
 * pattern the parser matches, the usage shown in error messages, which extra
 * step fields it takes, and what it does to a world. Alice's account actions
 * go through her flow machine, so machine-state checks are real.
 */
import { SignJWT } from 'jose';
import { Mallory } from '../sim/attacker/mallory';
import { applyPatch, forgeAlgNone, signWith, stripSignature, tamperPayload } from '../sim/attacker/token-forgery';
import { parseCookieHeader } from '../sim/shop/http';
import { EVIL_ORIGIN, SHOP_ORIGIN, SIBLING_ORIGIN } from '../sim/config';
import type { ReceiveResult } from '../sim/browser/cookie-jar';
import { LS_ACCESS, LS_REFRESH } from '../sim/browser/shop-page';
import { randomId } from '../sim/random';
import { signingPairFrom } from '../sim/tokens/key-material';
import { ActionRefusedError } from './action-refused';
import type { ActionResult, RunContext } from './run-context';
import type { ActorName, StepArgs } from './types';

export interface ActionDef {
  actor: ActorName;
  /** Matched against the whole phrase, case-sensitively for paths and tokens. */
  pattern: RegExp;
  usage: string;
  /** Extra step fields this action reads. */
  args?: readonly (keyof StepArgs)[];
  run(ctx: RunContext, match: RegExpExecArray, args: StepArgs): Promise<ActionResult>;
}

const METHOD = '(GET|POST|PUT|DELETE)';
const PATH = '(/[^\\s]*)';

/** Sends an event to Alice's flow and returns the answer to the last request the flow made. */
async function flowEvent(ctx: RunContext, type: string): Promise<ActionResult> {
  const enabled = ctx.flow.enabledEvents();
  if (!enabled.has(type)) {
    const state = String(ctx.flow.actor.getSnapshot().value);
    throw new ActionRefusedError(`Alice's flow is in "${state}", where ${type} is not possible (possible: ${[...enabled].join(', ') || 'nothing'})`);
  }
  const before = ctx.world.trace.length;
  ctx.flow.send(type);
  await ctx.flow.settled();
  return lastExchangeSince(ctx, before);
}

function lastExchangeSince(ctx: RunContext, traceLength: number): ActionResult {
  const exchange = ctx.world.trace.all().slice(traceLength).findLast((e) => e.kind === 'exchange');
  if (!exchange || exchange.kind !== 'exchange') return undefined;
  return { exchangeId: exchange.id, status: exchange.response.status, headers: exchange.response.headers, body: exchange.response.body, ...(exchange.node ? { node: exchange.node } : {}) };
}

/** A cookie set outside an exchange leaves no trace by itself; record what Alice's jar did with it. */
function traceReceipt(ctx: RunContext, result: ReceiveResult, source: string): void {
  ctx.world.trace.record(result.ok
    ? { kind: 'cookie', browser: 'alice', action: result.deleted ? 'deleted' : 'stored', name: result.cookie.name, reason: result.reason ?? `set by ${source}` }
    : { kind: 'cookie', browser: 'alice', action: 'rejected', name: result.name, reason: result.reason });
}

function notebookToken(ctx: RunContext): string {
  const token = ctx.notebook.token;
  if (!token) throw new ActionRefusedError('Mallory holds no token yet (copy, steal or forge one first)');
  return token;
}

function flow(phrase: string, event: string): ActionDef {
  return { actor: 'alice', pattern: new RegExp(`^${phrase}$`), usage: phrase, run: (ctx) => flowEvent(ctx, event) };
}

/** Claims exactly as the shop issues Alice's access token now; a lesson's `claims` override them (null removes one). */
function aliceClaims(ctx: RunContext, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = ctx.world.clock.nowSeconds();
  const { issuer, audience, accessTtlMs } = ctx.world.config.jwt;
  const claims: Record<string, unknown> = {
    iss: issuer, aud: audience, sub: 'u-1001', role: 'customer', iat: now, exp: now + Math.floor(accessTtlMs / 1000), jti: randomId(ctx.world.random, 128),
  };
  return applyPatch(claims, overrides);
}

/** Relative times in a token: `+10 s` becomes now + 10 seconds, in whole seconds like `iat`. */
function resolveTimes(ctx: RunContext, claims: Record<string, unknown>): Record<string, unknown> {
  const out = { ...claims };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && /^[+-]\s*\d/.test(value)) {
      const ms = parseDuration(value.replace(/^[+-]\s*/, ''));
      if (ms !== undefined) out[key] = ctx.world.clock.nowSeconds() + (value.trim().startsWith('-') ? -1 : 1) * Math.round(ms / 1000);
    }
  }
  return out;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, second: 1000, seconds: 1000, min: 60_000, minute: 60_000, minutes: 60_000, h: 3_600_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** `16 min`, `5 min 6 s`, `1 day`: a duration in ms, or undefined if it does not read as one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(?:\d+\s*[a-z]+\s*)+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, n, unit] of trimmed.matchAll(/(\d+)\s*([a-z]+)/g)) {
    const factor = UNITS[unit!];
    if (factor === undefined) return undefined;
    total += Number(n) * factor;
  }
  return total;
}

export const ACTIONS: readonly ActionDef[] = [
  // ---- Alice, through her flow machine
  flow('log in', 'LOG_IN'),
  flow('log out', 'LOG_OUT'),
  flow('view account', 'CALL_ME'),
  flow('view cart', 'VIEW_CART'),
  flow('add to cart', 'ADD_TO_CART'),
  flow('save settings', 'SAVE_SETTINGS'),
  flow('refresh tokens', 'REFRESH'),
  // ---- Alice's page and browser, outside the flow
  {
    actor: 'alice',
    pattern: new RegExp(`^send ${METHOD} ${PATH}( without cookies| as text/plain)?$`),
    usage: 'send <GET|POST|PUT> </path> [without cookies | as text/plain]   (body: …)',
    args: ['body'],
    async run(ctx, m, args) {
      const [, method, path, how] = m;
      if (how === ' without cookies') {
        return ctx.world.send('alice', { method: method!, url: `${SHOP_ORIGIN}${path}`, body: args.body, initiator: SHOP_ORIGIN, credentials: 'omit' });
      }
      if (how === ' as text/plain') {
        const text = typeof args.body === 'string' ? args.body : JSON.stringify(args.body ?? {});
        return ctx.world.send('alice', { method: method!, url: `${SHOP_ORIGIN}${path}`, body: text, contentType: 'text/plain', initiator: SHOP_ORIGIN });
      }
      return ctx.world.page('alice').call(method!, path!, args.body);
    },
  },
  {
    actor: 'alice',
    pattern: /^open (http:\/\/shop\.example\.com\/\S*)$/,
    usage: 'open http://shop.example.com/<path>   (a plain-http link: readable on the network)',
    run: (ctx, m) => ctx.world.send('alice', { url: m[1]!, initiator: 'user', mode: 'navigate' }),
  },
  {
    actor: 'alice',
    pattern: /^restart browser$/,
    usage: 'restart browser',
    async run(ctx) {
      ctx.world.browser('alice').restart();
      ctx.world.page('alice').reload();
      return undefined;
    },
  },
  { actor: 'alice', pattern: /^reload page$/, usage: 'reload page', run: async (ctx) => void ctx.world.page('alice').reload() },
  {
    actor: 'alice',
    pattern: new RegExp(`^go to ${PATH}$`),
    usage: "go to </path>   (Alice's tab shows that page of the shop; document.cookie is read from there)",
    run: async (ctx, m) => void ctx.world.browser('alice').goTo(`${SHOP_ORIGIN}${m[1]!}`),
  },
  {
    actor: 'alice',
    pattern: new RegExp(`^open ${PATH} in a frame$`),
    usage: "open </path> in a frame   (the page embeds that shop page in a same-origin iframe; alice frame document.cookie reads the frame's cookies)",
    run: (ctx, m) => ctx.world.browser('alice').openFrame(`${SHOP_ORIGIN}${m[1]!}`),
  },
  {
    actor: 'alice',
    pattern: new RegExp(`^receive a cookie from ${PATH}$`),
    usage: 'receive a cookie from </path>   (cookie: the Set-Cookie line the shop answers with at that path)',
    args: ['cookie'],
    async run(ctx, m, args) {
      const url = `${SHOP_ORIGIN}${m[1]!}`;
      traceReceipt(ctx, ctx.world.browser('alice').jar.receive(args.cookie ?? '', url, ctx.world.clock.now()), `a response from ${url}`);
      return undefined;
    },
  },
  // ---- Mallory
  {
    actor: 'mallory',
    pattern: /^run script in alice's page$/,
    usage: "run script in alice's page   (XSS: reads document.cookie and localStorage)",
    async run(ctx) {
      const foothold = new Mallory(ctx.world).xss('alice');
      const nb = ctx.notebook;
      nb.documentCookie = foothold.documentCookie;
      nb.localStorage = foothold.localStorage;
      for (const [name, value] of parseCookieHeader(foothold.documentCookie)) nb.cookies.set(name, value);
      if (foothold.localStorage[LS_ACCESS]) nb.token = foothold.localStorage[LS_ACCESS];
      if (foothold.localStorage[LS_REFRESH]) nb.refreshToken = foothold.localStorage[LS_REFRESH];
      return undefined;
    },
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^script sends ${METHOD} ${PATH}$`),
    usage: "script sends <METHOD> </path>   (from inside Alice's page; body: …; tokens in the answer become Mallory's)",
    args: ['body'],
    async run(ctx, m, args) {
      const answer = await new Mallory(ctx.world).xss('alice').fetchAsVictim(m[1]!, m[2]!, args.body);
      // The script reads whatever the page could read: an answer that hands out
      // tokens (POST /refresh in memory mode) hands them to Mallory as well.
      const body = answer.body && typeof answer.body === 'object' ? (answer.body as Record<string, unknown>) : {};
      if (typeof body.accessToken === 'string') ctx.notebook.token = body.accessToken;
      if (typeof body.refreshToken === 'string') ctx.notebook.refreshToken = body.refreshToken;
      return answer;
    },
  },
  {
    actor: 'mallory',
    pattern: /^script wraps the page's fetch$/,
    usage: "script wraps the page's fetch   (XSS: copies the access token from the Authorization header of each later request the page sends, until a reload)",
    async run(ctx) {
      new Mallory(ctx.world).xss('alice').wrapFetch((request) => {
        const token = /^Bearer (.+)$/.exec(request.headers?.authorization ?? '')?.[1];
        if (token) ctx.notebook.token = token;
      });
      return undefined;
    },
  },
  {
    actor: 'mallory',
    pattern: /^sniff the network$/,
    usage: 'sniff the network   (reads every plain-http request so far)',
    async run(ctx) {
      for (const seen of new Mallory(ctx.world).sniff()) {
        for (const [name, value] of parseCookieHeader(seen.cookie)) ctx.notebook.cookies.set(name, value);
      }
      return undefined;
    },
  },
  {
    actor: 'mallory',
    pattern: /^replay stolen cookies$/,
    usage: 'replay stolen cookies   (puts them in her own browser and sends GET /me)',
    async run(ctx) {
      const mallory = new Mallory(ctx.world);
      for (const [name, value] of ctx.notebook.cookies) mallory.plantInOwnBrowser(name, value);
      return mallory.request('GET', '/me');
    },
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^send ${METHOD} ${PATH}( with her token| with the refresh token)?$`),
    usage: 'send <METHOD> </path> [with her token | with the refresh token]   (from her own browser; body: …)',
    args: ['body'],
    run(ctx, m, args) {
      const [, method, path, how] = m;
      let token: string | undefined;
      if (how === ' with her token') token = notebookToken(ctx);
      if (how === ' with the refresh token') {
        token = ctx.notebook.refreshToken;
        if (!token) throw new ActionRefusedError('Mallory holds no refresh token');
      }
      return new Mallory(ctx.world).request(method!, path!, { ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), ...(args.body === undefined ? {} : { body: args.body }) });
    },
  },
  {
    actor: 'mallory',
    pattern: /^get a copy of alice's (access|refresh) token$/,
    usage: "get a copy of alice's <access|refresh> token   (e.g. from a log file or a shared screen)",
    async run(ctx, m) {
      const page = ctx.world.page('alice');
      const token = m[1] === 'access' ? page.accessToken : page.browser.localStorage.get(LS_REFRESH);
      if (!token) throw new ActionRefusedError(`Alice holds no ${m[1]} token the page can see`);
      if (m[1] === 'access') ctx.notebook.token = token;
      else ctx.notebook.refreshToken = token;
      return undefined;
    },
  },
  {
    actor: 'mallory',
    pattern: /^edit the token's claims$/,
    usage: "edit the token's claims   (claims: …; keeps the old signature)",
    args: ['claims'],
    run: async (ctx, _m, args) => void (ctx.notebook.token = tamperPayload(notebookToken(ctx), args.claims ?? {})),
  },
  {
    actor: 'mallory',
    pattern: /^strip the signature$/,
    usage: 'strip the signature',
    run: async (ctx) => void (ctx.notebook.token = stripSignature(notebookToken(ctx))),
  },
  {
    actor: 'mallory',
    pattern: /^forge an unsigned token with alg (none|None|NONE|nOnE)$/,
    usage: 'forge an unsigned token with alg none   (claims: …)',
    args: ['claims'],
    run: async (ctx, m, args) => void (ctx.notebook.token = forgeAlgNone(notebookToken(ctx), args.claims ?? {}, m[1]!)),
  },
  {
    actor: 'mallory',
    pattern: /^sign the token with her own (HS256 secret|ES256 key)$/,
    usage: 'sign the token with her own <HS256 secret | ES256 key>   (claims: …; header: …; null removes one)',
    args: ['claims', 'header'],
    async run(ctx, m, args) {
      const token = notebookToken(ctx);
      const hmac = m[1] === 'HS256 secret';
      // Her key comes from the world's random source like every other draw (the same key in a seeded world).
      const key = hmac ? ctx.world.random.bytes(32) : (await signingPairFrom('ES256', ctx.world.random)).privateKey;
      ctx.notebook.token = await signWith(token, key, hmac ? 'HS256' : 'ES256', args.claims, args.header);
      return undefined;
    },
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^form (POST) ${PATH} from (evil\\.example|blog\\.example\\.com)$`),
    usage: 'form POST </path> from <evil.example | blog.example.com>   (Alice visits that page; body: form fields)',
    args: ['body'],
    run(ctx, m, args) {
      const fields = Object.fromEntries(Object.entries((args.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      const from = m[3] === 'evil.example' ? EVIL_ORIGIN : SIBLING_ORIGIN;
      return ctx.world.send('alice', { method: 'POST', url: `${SHOP_ORIGIN}${m[2]}`, body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded', initiator: from, mode: 'navigate' });
    },
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^link to ${PATH} from (evil\\.example|blog\\.example\\.com)$`),
    usage: 'link to </path> from <evil.example | blog.example.com>   (Alice clicks it: a top-level GET)',
    run: (ctx, m) => new Mallory(ctx.world).crossSiteLink('alice', m[1]!, m[2] === 'evil.example' ? EVIL_ORIGIN : SIBLING_ORIGIN),
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^fetch ${METHOD} ${PATH} from evil\\.example$`),
    usage: "fetch <METHOD> </path> from evil.example   (her page's script, with Alice's cookies; body: …)",
    args: ['body'],
    run: (ctx, m, args) => new Mallory(ctx.world).crossSiteFetch('alice', m[1]!, m[2]!, args.body),
  },
  {
    actor: 'mallory',
    pattern: new RegExp(`^frame ${PATH} in evil\\.example$`),
    usage: "frame </path> in evil.example   (Alice opens Mallory's page, which embeds that shop page in an iframe)",
    run: (ctx, m) => new Mallory(ctx.world).crossSiteFrame('alice', m[1]!),
  },
  {
    actor: 'mallory',
    pattern: /^plant a cookie from blog\.example\.com$/,
    usage: "plant a cookie from blog.example.com   (cookie: the Set-Cookie line; lands in Alice's browser if the jar allows)",
    args: ['cookie'],
    async run(ctx, _m, args) {
      traceReceipt(ctx, new Mallory(ctx.world).plantCookieFromSibling('alice', args.cookie ?? ''), SIBLING_ORIGIN);
      return undefined;
    },
  },
  // ---- The admin
  {
    actor: 'admin',
    pattern: /^log in$/,
    usage: 'log in',
    run: (ctx) => ctx.world.page('admin').login('admin', 'console'),
  },
  {
    actor: 'admin',
    pattern: /^revoke alice$/,
    usage: 'revoke alice   (ends her sessions, refresh families and, with not-before revocation, her tokens)',
    run: (ctx) => ctx.world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice' }),
  },
  {
    actor: 'admin',
    pattern: /^rotate keys$/,
    usage: 'rotate keys',
    run: (ctx) => ctx.world.page('admin').call('POST', '/admin/keys/rotate', {}),
  },
  {
    actor: 'admin',
    pattern: new RegExp(`^send ${METHOD} ${PATH}$`),
    usage: 'send <METHOD> </path>   (body: …)',
    args: ['body'],
    run: (ctx, m, args) => ctx.world.page('admin').call(m[1]!, m[2]!, args.body),
  },
  // ---- partner.example, a second service that verifies the shop's tokens
  {
    actor: 'partner',
    pattern: /^verify (alice|mallory)'s token$/,
    usage: "verify <alice|mallory>'s token   (with jose: the shared secret for HS256, else the shop's JWKS, fetched and cached by createRemoteJWKSet; check partner verdict)",
    async run(ctx, m) {
      const token = m[1] === 'alice' ? ctx.world.page('alice').accessToken : ctx.notebook.token;
      if (!token) throw new ActionRefusedError(m[1] === 'alice' ? 'Alice holds no access token the page can see (log in with authStyle jwt first)' : 'Mallory holds no token yet (copy, steal or forge one first)');
      const before = ctx.world.trace.length;
      // A refusal is the verdict, not a failed step: it is in the trace as the partner's signature check.
      await ctx.world.partner.verify(token).catch(() => undefined);
      // The step's answer is that of its last request: the JWKS fetch, if jose made one.
      return lastExchangeSince(ctx, before);
    },
  },
  {
    actor: 'partner',
    pattern: /^sign an admin token with what it holds$/,
    usage: 'sign an admin token with what it holds   (the partner is breached or turns rogue; the token becomes the one Mallory holds)',
    async run(ctx) {
      const like = ctx.notebook.token ?? ctx.world.page('alice').accessToken;
      if (!like) throw new ActionRefusedError('The partner has no shop token to copy the shape of (log Alice in with authStyle jwt first)');
      // With HS256 it holds the secret, which signs; with a JWKS only public keys, so its best is the HS256-with-public-key forgery.
      ctx.notebook.token = await ctx.world.partner.mintAdminToken(like).catch((error: unknown) => {
        throw new ActionRefusedError(error instanceof Error ? error.message : String(error));
      });
      return undefined;
    },
  },
  // ---- The clock and the deployment
  {
    actor: 'clock',
    pattern: /^\+\s*((?:\d+\s*[a-z]+\s*)+)$/,
    usage: '+<amount> <ms|s|min|h|day> …   e.g. +16 min, +5 min 6 s',
    async run(ctx, m) {
      ctx.world.advance(parseDuration(m[1]!) ?? 0);
      return undefined;
    },
  },
  { actor: 'deployment', pattern: /^add a node$/, usage: 'add a node', run: async (ctx) => void ctx.world.deployment.addNode() },
  { actor: 'deployment', pattern: /^crash (node-\d+)$/, usage: 'crash node-<n>', run: async (ctx, m) => void ctx.world.deployment.crash(m[1]!) },
  { actor: 'deployment', pattern: /^restart (node-\d+)$/, usage: 'restart node-<n>', run: async (ctx, m) => void ctx.world.deployment.restart(m[1]!) },
  // ---- The lab: controlled experiments a real attacker could not run
  {
    actor: 'lab',
    pattern: /^give mallory a token signed with the shop's key$/,
    usage: "give mallory a token signed with the shop's key   (claims: …, header: …; null removes one)",
    args: ['claims', 'header'],
    async run(ctx, _m, args) {
      const key = ctx.world.keys.active();
      const header = applyPatch({ alg: key.alg, kid: key.kid, typ: 'at+jwt' }, args.header);
      ctx.notebook.token = await new SignJWT(resolveTimes(ctx, aliceClaims(ctx, args.claims))).setProtectedHeader(header as never).sign(key.signKey);
      return undefined;
    },
  },
];

export const ACTORS: readonly ActorName[] = ['alice', 'mallory', 'admin', 'partner', 'clock', 'deployment', 'config', 'lab'];

/** The action a phrase names, or undefined with the usages to suggest. */
export function findAction(actor: ActorName, phrase: string): { def: ActionDef; match: RegExpExecArray } | undefined {
  const text = phrase.trim().replace(/\s+/g, ' ');
  for (const def of ACTIONS) {
    if (def.actor !== actor) continue;
    const match = def.pattern.exec(text);
    if (match) return { def, match };
  }
  return undefined;
}

export function usagesOf(actor: ActorName): string[] {
  return ACTIONS.filter((a) => a.actor === actor).map((a) => a.usage);
}

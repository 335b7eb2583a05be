/**
 * The expectation vocabulary: what a step can check after its action ran.
 * Each subject has a pattern (`alice cookie <name>`), an optional check of
 * the written value at parse time, and how to read the actual value from the
 * world, the step's response and the trace events the step caused.
 */
import { readToken } from '../sim/attacker/token-forgery';
import type { SimResponse } from '../sim/browser/browser';
import { originOf } from '../sim/browser/site';
import { PARTNER_NAME } from '../sim/deployment/partner-service';
import type { TraceEvent } from '../sim/trace';
import { FLOW_MACHINES } from '../machines/flow-runner';
import { checkMatcher, getPath } from './matchers';
import { describeDomain, reachOver, type ValueDomain } from './subject-samples';
import type { RunContext } from './run-context';

export interface StepOutcome {
  ctx: RunContext;
  response: SimResponse | undefined;
  /** Every trace event recorded while the step ran. */
  events: readonly TraceEvent[];
}

export interface SubjectDef {
  pattern: RegExp;
  usage: string;
  /** Why a written value cannot be checked against this subject, or undefined. */
  check?(expected: unknown, match: RegExpExecArray): string | undefined;
  /** What the actual value can be, so a check that matches all of it (or, where that is known exactly, none) is refused. */
  domain?(match: RegExpExecArray): ValueDomain;
  actual(outcome: StepOutcome, match: RegExpExecArray): unknown;
}

const BROWSER = '(alice|mallory|admin)';
const COOKIE_ATTRS = ['value', 'domain', 'hostOnly', 'path', 'secure', 'httpOnly', 'sameSite', 'persistent', 'visibleToScript'];
const STORES: Record<string, (ctx: RunContext) => number> = {
  sessions: (ctx) => ctx.world.db.sessions.size + ctx.world.deployment.nodes.reduce((n, node) => n + node.memorySessions.size, 0),
  denylist: (ctx) => ctx.world.db.denylist.size,
  'refresh families': (ctx) => ctx.world.db.refreshFamilies.size,
  carts: (ctx) => ctx.world.db.carts.size,
  settings: (ctx) => ctx.world.db.settings.size,
};

function needResponse(outcome: StepOutcome): SimResponse {
  if (!outcome.response) throw new Error('this step sent no request, so there is no response to check');
  return outcome.response;
}

const isNumberish = (v: unknown) => (typeof v === 'number' || (typeof v === 'object' && v !== null) ? undefined : 'expected a number (or a matcher such as { at least: 1 })');
// `present` and `empty` get through, so the subject's values can say whether they check anything.
const isList = (v: unknown) => (Array.isArray(v) || (typeof v === 'object' && v !== null) || v === 'present' || v === 'empty' ? undefined : 'expected a list');

const COUNT: ValueDomain = { kind: 'count' };
const NAMES: ValueDomain = { kind: 'names' };
/** Every state either flow machine can be in, read from the machines themselves. */
const FLOW_STATES = [...new Set(Object.values(FLOW_MACHINES).flatMap((machine) => Object.keys(machine.root.states)))];

/** `GET /me → 401 token_expired`: one exchange as a teacher would write it. */
export function exchangeSummary(e: Extract<TraceEvent, { kind: 'exchange' }>): string {
  const body = e.response.body as { error?: unknown } | undefined;
  const error = body && typeof body === 'object' && typeof body.error === 'string' ? ` ${body.error}` : '';
  const url = new URL(e.request.url);
  return `${e.request.method} ${url.protocol === 'http:' ? url.href : url.pathname} → ${e.response.status}${error}`;
}

function tokenOf(outcome: StepOutcome, who: string): string | undefined {
  return who === 'alice' ? outcome.ctx.world.page('alice').accessToken : outcome.ctx.notebook.token;
}

export const SUBJECTS: readonly SubjectDef[] = [
  { pattern: /^status$/, usage: 'status', check: isNumberish, domain: () => ({ kind: 'status' }), actual: (o) => needResponse(o).status },
  {
    pattern: /^error$/,
    usage: 'error   (the `error` code of the answer, or absent)',
    domain: () => ({ kind: 'text', absent: true }),
    actual: (o) => getPath(needResponse(o).body, 'error'),
  },
  { pattern: /^body(?:\.(\S+))?$/, usage: 'body.<path>', domain: () => ({ kind: 'json' }), actual: (o, m) => getPath(needResponse(o).body, m[1] ?? '') },
  {
    pattern: /^header ([a-z0-9-]+)$/,
    usage: 'header <name>   (lowercase; Set-Cookie lines as a list when several)',
    domain: () => ({ kind: 'text', absent: true, several: true }),
    actual(o, m) {
      const values = needResponse(o).headers.filter(([name]) => name === m[1]).map(([, v]) => v);
      return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
    },
  },
  {
    pattern: /^request header ([a-z0-9-]+)$/,
    usage: 'request header <name>   (what the browser sent, e.g. request header cookie)',
    domain: () => ({ kind: 'text', absent: true }),
    actual(o, m) {
      const id = needResponse(o).exchangeId;
      const sent = o.events.find((e) => e.kind === 'exchange' && e.id === id);
      return sent?.kind === 'exchange' ? sent.request.headers.find(([name]) => name === m[1])?.[1] : undefined;
    },
  },
  { pattern: /^node$/, usage: 'node   (which server node answered)', domain: () => ({ kind: 'text', absent: true }), actual: (o) => needResponse(o).node },
  {
    pattern: /^requests$/,
    usage: 'requests   (every exchange of the step, e.g. [GET /me → 401 token_expired, POST /refresh → 200])',
    check: isList,
    domain: () => NAMES,
    actual: (o) => o.events.flatMap((e) => (e.kind === 'exchange' ? [exchangeSummary(e)] : [])),
  },
  {
    pattern: /^alice flow$/,
    usage: "alice flow   (the state of Alice's flow machine, e.g. signedIn)",
    domain: () => ({ kind: 'states', states: FLOW_STATES, what: "one of the states of Alice's flow machines" }),
    actual: (o) => String(o.ctx.flow.actor.getSnapshot().value),
  },
  {
    pattern: new RegExp(`^${BROWSER} cookie (\\S+)$`),
    usage: `<alice|mallory|admin> cookie <name>   (present, absent, or { ${COOKIE_ATTRS.join(', ')} })`,
    check(expected) {
      if (expected === 'present' || expected === 'absent') return undefined;
      if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return 'expected present, absent or a mapping of cookie attributes';
      if (Object.keys(expected).length === 0) return 'an empty mapping would need a cookie without attributes; write present, absent or the attributes to check';
      const unknown = Object.keys(expected).filter((k) => !COOKIE_ATTRS.includes(k));
      return unknown.length ? `unknown cookie attribute "${unknown[0]}"; known: ${COOKIE_ATTRS.join(', ')}` : undefined;
    },
    domain: () => ({ kind: 'cookie' }),
    actual(o, m) {
      const browser = o.ctx.world.browser(m[1]!);
      const now = o.ctx.world.clock.now();
      const cookie = browser.cookies().find((c) => c.name === m[2]);
      if (!cookie) return undefined;
      const visible = browser.jar.scriptVisible(browser.page, now).some((c) => c.name === cookie.name && c.path === cookie.path);
      return {
        value: cookie.value, domain: cookie.domain, hostOnly: cookie.hostOnly, path: cookie.path, secure: cookie.secure, httpOnly: cookie.httpOnly,
        sameSite: cookie.sameSite, persistent: cookie.expiresAt !== undefined, visibleToScript: visible,
      };
    },
  },
  {
    pattern: new RegExp(`^${BROWSER} document\\.cookie$`),
    usage: '<browser> document.cookie   (what a script on its current page reads)',
    domain: () => ({ kind: 'text', cookieText: true }),
    actual: (o, m) => o.ctx.world.browser(m[1]!).documentCookie(),
  },
  {
    pattern: new RegExp(`^${BROWSER} frame document\\.cookie$`),
    usage: "<browser> frame document.cookie   (what a script on its page reads from the document of the same-origin frame it opened)",
    domain: () => ({ kind: 'text', cookieText: true }),
    actual: (o, m) => o.ctx.world.browser(m[1]!).frameDocumentCookie(),
  },
  {
    pattern: new RegExp(`^${BROWSER} localStorage(?: (\\S+))?$`),
    usage: '<browser> localStorage [<key>]   (without a key: every key and value, e.g. empty)',
    domain: (m) => (m[2] ? { kind: 'text', absent: true } : { kind: 'storage' }),
    actual(o, m) {
      const storage = Object.fromEntries(o.ctx.world.browser(m[1]!).localStorage);
      return m[2] ? storage[m[2]] : storage;
    },
  },
  {
    pattern: new RegExp(`^${BROWSER} cookies sent to (https?://\\S+)$`),
    usage: '<browser> cookies sent to <url>   (names of the cookies a request from that page to that url would carry)',
    check: isList,
    domain: () => NAMES,
    actual(o, m) {
      const url = new URL(m[2]!);
      const { sent } = o.ctx.world.browser(m[1]!).jar.cookiesFor({ url, initiator: originOf(url.href), mode: 'fetch', method: 'GET', now: o.ctx.world.clock.now() });
      return sent.map((c) => c.name);
    },
  },
  {
    pattern: /^(alice|mallory) token(?: (header|payload)(?:\.(\S+))?)?( keys)?$/,
    usage: "<alice|mallory> token [header|payload][.<claim>] [keys]   (Alice's access token, or the one Mallory holds)",
    domain: (m) => (m[4] ? { kind: 'names', absent: true } : m[2] ? { kind: 'json' } : { kind: 'text', absent: true }),
    actual(o, m) {
      const token = tokenOf(o, m[1]!);
      if (!token || !m[2]) return token;
      const part = readToken(token)[m[2] as 'header' | 'payload'];
      const value = m[3] ? getPath(part, m[3]) : part;
      return m[4] ? Object.keys((value ?? {}) as object).sort() : value;
    },
  },
  {
    pattern: /^mallory stolen cookies$/,
    usage: 'mallory stolen cookies   (names of the cookies she has read or sniffed)',
    check: isList,
    domain: () => NAMES,
    actual: (o) => [...o.ctx.notebook.cookies.keys()],
  },
  {
    pattern: new RegExp(`^store (${Object.keys(STORES).join('|')}) rows$`),
    usage: `store <${Object.keys(STORES).join('|')}> rows`,
    check: isNumberish,
    domain: () => COUNT,
    actual: (o, m) => STORES[m[1]!]!(o.ctx),
  },
  {
    pattern: /^(store reads|store writes|signature checks)$/,
    usage: 'store reads | store writes | signature checks   (caused by this step, on every node; signature checks include the partner\'s)',
    check: isNumberish,
    domain: () => COUNT,
    actual(o, m) {
      return o.events.filter((e) =>
        m[1] === 'signature checks' ? e.kind === 'crypto' && e.op === 'verify' : e.kind === 'store' && (m[1] === 'store reads' ? e.op === 'read' : e.op !== 'read'),
      ).length;
    },
  },
  {
    pattern: /^partner verdict$/,
    usage: "partner verdict   (accepted, or jose's error code, e.g. ERR_JWKS_NO_MATCHING_KEY)",
    domain: () => ({ kind: 'text' }),
    actual(o) {
      const check = o.events.findLast((e) => e.kind === 'crypto' && e.node === PARTNER_NAME);
      if (!check || check.kind !== 'crypto') throw new Error('the partner verified no token in this step');
      return check.ok ? 'accepted' : check.code;
    },
  },
  {
    pattern: /^trace$/,
    usage: 'trace   (a list of events this step must have caused, e.g. [{ kind: crypto, op: verify, ok: false }])',
    check(v) {
      if (!Array.isArray(v) || !v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) return 'expected a list of event mappings';
      if (v.length === 0) return 'an empty list asks for no event, so it checks nothing; to say no request was sent, write requests: []';
      return v.some((e) => Object.keys(e as object).length === 0) ? 'an empty event mapping matches no event; name at least its kind' : undefined;
    },
    actual: (o) => o.events,
  },
];

export function findSubject(subject: string): { def: SubjectDef; match: RegExpExecArray } | undefined {
  const text = subject.trim().replace(/\s+/g, ' ');
  for (const def of SUBJECTS) {
    const match = def.pattern.exec(text);
    if (match) return { def, match };
  }
  return undefined;
}

/** Why a written expectation cannot be checked, or undefined when it is fine. */
export function checkExpectation(subject: string, expected: unknown): string | undefined {
  const found = findSubject(subject);
  if (!found) return `unknown check "${subject}"; expected one of: ${SUBJECTS.map((s) => s.usage).join('; ')}`;
  const problem = found.def.check?.(expected, found.match) ?? checkMatcher(expected);
  if (problem || !found.def.domain) return problem;
  return reachProblem(subject.trim().replace(/\s+/g, ' '), found.def.domain(found.match), expected);
}

/** Refuses a check that no possible value of its subject could fail (or, where the values are known exactly, pass). */
function reachProblem(subject: string, domain: ValueDomain, expected: unknown): string | undefined {
  const judged = reachOver(domain, expected);
  if (!judged || judged.reach === 'some') return undefined;
  const shown = judged.tried.slice(0, 4).map((v) => (v === undefined ? 'absent' : JSON.stringify(v)));
  const tried = `tried ${judged.tried.length} such values, e.g. ${shown.join(', ')}`;
  return judged.reach === 'everything'
    ? `${subject} is always ${describeDomain(domain)}, and this check accepts every such value (${tried}), so it cannot fail; write what it must be`
    : `${subject} is always ${describeDomain(domain)}, and this check accepts none of them (${tried}), so it can never pass`;
}

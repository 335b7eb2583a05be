/**
 * Plays the differential cases in real Chromium: the test's hosts mapped to
 * the loopback server with `--host-resolver-rules`, its throwaway
 * certificate accepted with `--ignore-certificate-errors`, and every
 * request made the way a page makes it (fetch, a link click, a form submit,
 * an iframe, the address bar). Chromium's own reasons for each cookie it
 * withheld or refused come from CDP: `Network.requestWillBeSentExtraInfo`
 * (associatedCookies) and `Network.responseReceivedExtraInfo`
 * (blockedCookies, exemptedCookies).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, findChromium } from './chromium';
import { HOSTS, type DiffCase, type DiffRequest } from '../cookie-differential.cases';
import { REQUEST_ID, type CookieLab } from './cookie-lab-server';
import { cookiePairs, documentCookiePairs, originOf, stepUrl, type CaseObservations, type StepObservation, type World } from './cookie-differential-run';

/**
 * A profile whose cookie setting allows third-party cookies. This Chromium
 * build blocks them by default (CDP reports `UserPreferences`); the
 * profile preference `profile.cookie_controls_mode` (0 = allow, 1 = block
 * third-party cookies) is the setting chrome://settings/cookies writes.
 */
function profileDir(thirdPartyCookies: World['thirdPartyCookies']): string {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-cookie-differential-'));
  if (thirdPartyCookies === 'allow') {
    mkdirSync(join(dir, 'Default'));
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  return dir;
}

/** The cookie name of a Set-Cookie line; without a `=` in its first pair the cookie is nameless. */
function nameOf(line: string): string {
  const pair = line.split(';')[0]!;
  return pair.includes('=') ? pair.slice(0, pair.indexOf('=')).trim() : '';
}

/** Chromium's reasons per request id, collected from CDP events as they come. */
class ReasonLog {
  readonly #idOf = new Map<string, string>();
  readonly #byCdpId = new Map<string, string[]>();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      const id = new URL(e.request.url).searchParams.get(REQUEST_ID);
      if (id) this.#idOf.set(e.requestId, id);
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      for (const { cookie, blockedReasons, exemptionReason } of e.associatedCookies) {
        if (blockedReasons.length) this.#add(e.requestId, `withheld ${cookie.name}: ${blockedReasons.join(', ')}`);
        if (exemptionReason && exemptionReason !== 'None') this.#add(e.requestId, `sent ${cookie.name}: exempted (${exemptionReason})`);
      }
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => {
      for (const { cookieLine, blockedReasons } of e.blockedCookies) this.#add(e.requestId, `rejected ${nameOf(cookieLine)}: ${blockedReasons.join(', ')}`);
      for (const { cookieLine, exemptionReason } of e.exemptedCookies ?? []) this.#add(e.requestId, `stored ${nameOf(cookieLine)}: exempted (${exemptionReason})`);
    });
  }

  #add(cdpId: string, reason: string): void {
    this.#byCdpId.set(cdpId, [...(this.#byCdpId.get(cdpId) ?? []), reason]);
  }

  reasonsFor(id: string): string[] {
    return [...this.#idOf].filter(([, rid]) => rid === id).flatMap(([cdpId]) => this.#byCdpId.get(cdpId) ?? []);
  }
}

/** Makes one request from its page, the way that page would, and waits until the answer arrived. */
async function perform(page: Page, step: DiffRequest, url: string, port: number): Promise<void> {
  if (step.from === 'address bar') {
    await page.goto(url, { waitUntil: 'commit' });
    return;
  }
  // Any page of the initiating origin will do; navigating only when the tab is elsewhere keeps the test quick.
  const from = originOf(step.from, port);
  if (new URL(page.url()).origin !== from) await page.goto(`${from}/blank`, { waitUntil: 'domcontentloaded' });
  const method = step.method ?? 'GET';
  if (step.kind === 'fetch') {
    const args = { url, method, credentials: step.credentials ?? 'include' } as const;
    await page.evaluate(async (a) => {
      await fetch(a.url, { method: a.method, credentials: a.credentials, ...(a.method === 'POST' ? { body: 'x' } : {}) }).catch(() => undefined);
    }, args);
  } else if (step.kind === 'frame') {
    await page.evaluate((src) => new Promise<void>((resolve) => {
      const frame = document.createElement('iframe');
      frame.onload = () => resolve();
      frame.src = src;
      document.body.append(frame);
    }), url);
  } else {
    const committed = page.waitForURL(url, { waitUntil: 'commit' });
    await page.evaluate(({ href, post }) => {
      if (post) {
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = href;
        document.body.append(form);
        form.submit();
      } else {
        const link = document.createElement('a');
        link.href = href;
        document.body.append(link);
        link.click();
      }
    }, { href: url, post: method === 'POST' });
    await committed;
  }
}

const jarLine = (c: { name: string; value: string; domain: string; path: string; partitionKey?: string }) =>
  `${c.name}=${c.value} ${c.domain}${c.path}${c.partitionKey ? ` (partitioned for ${c.partitionKey})` : ''}`;

/** Plays every case in one Chromium profile, clearing its cookies between cases. */
export async function playInChromium(cases: readonly DiffCase[], lab: CookieLab, world: World): Promise<CaseObservations> {
  const dir = profileDir(world.thirdPartyCookies);
  const rules = Object.values(HOSTS).map((host) => `MAP ${host} 127.0.0.1`).join(', ');
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const reasons = new ReasonLog(cdp);
    await cdp.send('Network.enable');
    const played: [DiffCase, StepObservation[], string[] | undefined][] = [];
    for (const diffCase of cases) {
      await context.clearCookies();
      const steps: StepObservation[] = [];
      for (const [index, step] of diffCase.steps.entries()) {
        const id = `${diffCase.id}.${index}`;
        lab.willAnswer(id, step.setCookies);
        await perform(page, step, stepUrl(diffCase, index, world.port), world.port);
        steps.push({ carried: cookiePairs(lab.carried.get(id)), jar: (await context.cookies()).map(jarLine).sort(), reasons: [] });
      }
      let documentCookie: string[] | undefined;
      if (diffCase.documentCookieOn) {
        const origin = originOf(diffCase.documentCookieOn, world.port);
        const through = diffCase.throughFrame;
        await page.goto(`${origin}${through?.page ?? '/blank'}`, { waitUntil: 'domcontentloaded' });
        const read = through
          ? await page.evaluate((src) => new Promise<string>((resolve) => {
            // The frame is of the page's origin, so the page's script may read its document.
            const frame = document.createElement('iframe');
            frame.onload = () => resolve(frame.contentDocument?.cookie ?? '(frame not readable)');
            frame.src = src;
            document.body.append(frame);
          }), `${origin}${through.frame}`)
          : await page.evaluate(() => document.cookie);
        documentCookie = documentCookiePairs(read);
      }
      played.push([diffCase, steps, documentCookie]);
    }
    // The ExtraInfo events may trail the requests a little: one round trip to the browser lets them land.
    await page.goto(`${originOf('shop', world.port)}/blank`);
    const observations: CaseObservations = new Map();
    for (const [diffCase, steps, documentCookie] of played) {
      const withReasons = steps.map((s, index) => ({ ...s, reasons: reasons.reasonsFor(`${diffCase.id}.${index}`) }));
      observations.set(diffCase.id, { steps: withReasons, ...(documentCookie ? { documentCookie } : {}) });
    }
    return observations;
  } finally {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

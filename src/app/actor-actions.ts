/**
 * What the other actors can do in the sandbox: Mallory's attacks, the
 * admin's console, the deployment's failures. Each returns one sentence
 * saying what happened, which the lab records in the trace as a note.
 */
import { Mallory } from '../sim/attacker/mallory';
import { JWKS_COOLDOWN_MS } from '../sim/deployment/remote-jwks';
import type { World } from '../sim/world';

export interface ActorAction {
  id: string;
  actor: 'mallory' | 'admin' | 'partner' | 'deployment' | 'alice';
  label: string;
  /** What it demonstrates, shown next to the button. */
  hint: string;
  /** Why the action cannot be taken now, in words (the button is disabled and says so), or undefined when it can. */
  blockedReason?(world: World): string | undefined;
  run(world: World): Promise<string>;
}

function statusText(status: number, body: unknown): string {
  const code = body && typeof body === 'object' && 'error' in body ? ` ${String((body as { error: unknown }).error)}` : '';
  return status === 0 ? 'blocked by the browser (CORS)' : `${status}${code}`;
}

/** The admin's rotate call, in one step or one of the two steps of a safe rotation (KEY-02). */
async function rotateKeys(world: World, step?: 'publish' | 'activate'): Promise<string> {
  const answer = await world.page('admin').call('POST', '/admin/keys/rotate', step ? { step } : {});
  return `POST /admin/keys/rotate${step ? ` (${step})` : ''} → ${statusText(answer.status, answer.body)}`;
}

/** Mallory's copy of whatever the XSS reads now: the session cookie if scripts can see it, else the access token and where it was. */
function stolenCredential(world: World): { cookie?: [string, string]; bearer?: string; from?: 'localStorage' | 'page memory' } {
  const foothold = new Mallory(world).xss('alice');
  const pair = foothold.documentCookie.split('; ').find((c) => c.includes('shop_sid='));
  if (pair) {
    const [name, value] = pair.split('=') as [string, string];
    return { cookie: [name, value] };
  }
  const stored = foothold.localStorage['shop.accessToken'];
  if (stored) return { bearer: stored, from: 'localStorage' };
  return foothold.pageMemoryToken ? { bearer: foothold.pageMemoryToken, from: 'page memory' } : {};
}

export const ACTOR_ACTIONS: readonly ActorAction[] = [
  {
    id: 'xss-read',
    actor: 'mallory',
    label: 'XSS: read what scripts can see',
    hint: "A script injected into Alice's shop page reads document.cookie, localStorage and the page's own memory (XSS-01, XSS-02).",
    async run(world) {
      const foothold = new Mallory(world).xss('alice');
      const stored = Object.keys(foothold.localStorage);
      const memory = foothold.pageMemoryToken ? "an access token (the script can take it, e.g. by wrapping the page's fetch)" : 'no token';
      return `document.cookie = "${foothold.documentCookie}"; localStorage keys: ${stored.length ? stored.join(', ') : 'none'}; page memory: ${memory}`;
    },
  },
  {
    id: 'xss-fetch',
    actor: 'mallory',
    label: 'XSS: call /me as Alice',
    hint: 'The injected script sends a request from the page: cookies ride along even when HttpOnly hides them (misconception 2).',
    async run(world) {
      const answer = await new Mallory(world).xss('alice').fetchAsVictim('GET', '/me');
      return `GET /me from Alice's page → ${statusText(answer.status, answer.body)}`;
    },
  },
  {
    id: 'replay',
    actor: 'mallory',
    label: 'XSS: steal a credential now and use it from her own browser',
    hint: "Works only if a script could get the credential: an HttpOnly cookie's value cannot be read this way; a token in localStorage can, and so can one kept in page memory, which an injected script captures by wrapping the page's fetch.",
    async run(world) {
      const stolen = stolenCredential(world);
      const mallory = new Mallory(world);
      if (stolen.cookie) {
        mallory.plantInOwnBrowser(...stolen.cookie);
        const answer = await mallory.request('GET', '/me');
        return `stole cookie ${stolen.cookie[0]} via document.cookie; GET /me from Mallory's browser → ${statusText(answer.status, answer.body)}`;
      }
      if (stolen.bearer) {
        const answer = await mallory.request('GET', '/me', { headers: { authorization: `Bearer ${stolen.bearer}` } });
        return `stole the access token from ${stolen.from}; GET /me from Mallory's browser → ${statusText(answer.status, answer.body)}`;
      }
      return 'nothing to steal now: no readable cookie and no token in the page (an earlier theft is not kept)';
    },
  },
  {
    id: 'csrf-form',
    actor: 'mallory',
    label: 'CSRF: auto-submitting form to POST /cart',
    hint: "Alice visits Mallory's site, whose form posts to the shop. SameSite and the shop's Origin check decide (CSRF-03/04/05/07).",
    async run(world) {
      const answer = await new Mallory(world).crossSiteForm('alice', 'POST', '/cart', { sku: 'gift-card', qty: '1' });
      return `form POST /cart from https://evil.example → ${statusText(answer.status, answer.body)}`;
    },
  },
  {
    id: 'sniff',
    actor: 'mallory',
    label: 'Sniff plain http (Alice follows an http:// link)',
    hint: 'Anything sent over http is readable on the network; Secure cookies are never sent there (COOKIE-01).',
    async run(world) {
      await world.send('alice', { url: 'http://shop.example.com/me', initiator: 'user', mode: 'navigate' });
      const seen = new Mallory(world).sniff().at(-1);
      return seen?.cookie ? `Mallory read on the wire: Cookie: ${seen.cookie}` : 'Mallory saw the http request, but it carried no cookie';
    },
  },
  {
    id: 'admin-login',
    actor: 'admin',
    label: 'Log the admin in',
    hint: 'The operator console needs an admin session or token.',
    async run(world) {
      const answer = await world.page('admin').login('admin', 'console');
      return `admin login → ${statusText(answer.status, answer.body)}`;
    },
  },
  {
    id: 'admin-revoke-alice',
    actor: 'admin',
    label: 'Revoke all of Alice’s sessions and tokens',
    hint: 'Ends her sessions in the store this node sees, her refresh families and (with not-before revocation) her access tokens.',
    async run(world) {
      const answer = await world.page('admin').call('POST', '/admin/users/revoke', { username: 'alice' });
      return `POST /admin/users/revoke → ${statusText(answer.status, answer.body)}${answer.status === 200 ? ` ${JSON.stringify(answer.body)}` : ''}`;
    },
  },
  {
    id: 'admin-rotate',
    actor: 'admin',
    label: 'Rotate the signing key in one step',
    hint: `Publishes and signs with the new key at once. The shop copes; a verifier using jose's createRemoteJWKSet refetches the JWKS at once when it meets the new kid, but if it fetched less than ${JWKS_COOLDOWN_MS / 1000} s ago (its cooldown) the new tokens fail there until the cooldown ends (KEY-02).`,
    run: (world) => rotateKeys(world),
  },
  {
    id: 'admin-publish-key',
    actor: 'admin',
    label: 'Publish the next key (not signing yet)',
    hint: 'Step 1 of a safe rotation: the JWKS lists the new key so caches can fetch it before any token uses it (KEY-02).',
    run: (world) => rotateKeys(world, 'publish'),
  },
  {
    id: 'admin-activate-key',
    actor: 'admin',
    label: 'Start signing with the published key',
    hint: 'Step 2: new tokens get the new kid; older tokens keep verifying until they expire.',
    run: (world) => rotateKeys(world, 'activate'),
  },
  {
    id: 'admin-remove-old-key',
    actor: 'admin',
    label: 'Remove the oldest retired key (it leaked)',
    hint: 'Tokens it signed fail at the shop at once; a verifier with a cached JWKS accepts them until its cache expires (KEY-03).',
    async run(world) {
      const active = world.keys.active().kid;
      const victim = world.keys.keys.find((k) => k.kid !== active && k.activatedAt !== undefined);
      if (!victim) return 'no retired key to remove: rotate first';
      const answer = await world.page('admin').call('POST', '/admin/keys/remove', { kid: victim.kid });
      return `POST /admin/keys/remove ${victim.kid} → ${statusText(answer.status, answer.body)}`;
    },
  },
  {
    id: 'partner-verify-alice',
    actor: 'partner',
    label: "Verify Alice's access token",
    hint: "partner.example checks her token with jose: with HS256 it needs the shop's secret (SCALE-05); otherwise it fetches the shop's JWKS and caches it for 10 min, refetching for an unknown kid at most every 30 s (KEY-01..03).",
    async run(world) {
      const token = world.page('alice').accessToken;
      if (!token) return 'Alice holds no access token: choose JWT and log her in first';
      const before = world.trace.length;
      let verdict = 'accepted';
      try {
        await world.partner.verify(token);
      } catch (error) {
        verdict = `refused, ${String((error as { code?: unknown }).code ?? error)}`;
      }
      const fetches = world.trace.all().slice(before).filter((e) => e.kind === 'exchange' && e.client === 'service');
      const how =
        world.partner.material.kind === 'hmac-secret'
          ? 'with the shared HS256 secret'
          : fetches.length === 0
            ? 'from its cached JWKS, no fetch'
            : fetches.map((e) => (e.kind === 'exchange' ? `fetched GET /.well-known/jwks.json → ${e.response.status}` : '')).join(', ');
      return `${verdict} (${how})`;
    },
  },
  {
    id: 'restart-browser',
    actor: 'alice',
    label: 'Close and reopen Alice’s browser',
    hint: 'Session cookies (no Max-Age/Expires) and page memory go; persistent cookies and localStorage stay (COOKIE-05).',
    async run(world) {
      const dropped = world.browser('alice').restart();
      world.page('alice').reload();
      return `browser restarted; dropped: ${dropped.length ? dropped.join(', ') : 'nothing'}`;
    },
  },
  {
    id: 'add-node',
    actor: 'deployment',
    label: 'Add a node',
    hint: 'More nodes behind the load balancer: with per-node session memory, a session lives on one node only (SCALE-01).',
    blockedReason: (world) => world.deployment.addNodeRefusal(),
    async run(world) {
      return `added ${world.deployment.addNode().id}`;
    },
  },
];

/** Crash or restart one node, by id. */
export function nodeAction(id: string, crash: boolean): ActorAction {
  return {
    id: `${crash ? 'crash' : 'restart'}-${id}`,
    actor: 'deployment',
    label: `${crash ? 'Crash' : 'Restart'} ${id}`,
    hint: crash ? 'Its in-memory sessions are lost; the shared store survives.' : 'Back up, with empty memory.',
    async run(world) {
      if (crash) world.deployment.crash(id);
      else world.deployment.restart(id);
      return `${id} ${crash ? 'crashed' : 'restarted'}`;
    },
  };
}


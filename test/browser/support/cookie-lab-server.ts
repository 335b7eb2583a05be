/**
 * The differential test's server: one small piece of logic that answers both
 * browsers. Real Chromium reaches it over loopback HTTPS (a throwaway
 * self-signed certificate); the simulated browser's `fetch` is answered by
 * the same logic in-process, through the app's own wire adapter. It records
 * the Cookie header of every request and answers with the Set-Cookie lines
 * the test registered for that request.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { toFetchResponse, toShopRequest } from '../../../src/server/http-adapter';
import { selfSignedCertificate } from './self-signed-cert';

/** The query parameter naming one request of a case (`?r=<id>`). */
export const REQUEST_ID = 'r';

interface LabAnswer {
  status: number;
  headers: [string, string][];
  setCookies: string[];
  body: string;
}

export class CookieLab {
  /** Request id → the Cookie header it carried ('' for none). */
  readonly carried = new Map<string, string>();
  readonly #answers = new Map<string, readonly string[]>();

  /** The answer to request `id` will carry these Set-Cookie lines. */
  willAnswer(id: string, setCookies: readonly string[] = []): void {
    this.#answers.set(id, setCookies);
    // Ids repeat between players: a request that never arrives must not show the other player's cookies.
    this.carried.delete(id);
  }

  answer(method: string, url: URL, header: (name: string) => string | undefined): LabAnswer {
    const id = url.searchParams.get(REQUEST_ID);
    // Pages the requests start from, and favicons: no cookies asked, none recorded.
    if (!id) return { status: url.pathname === '/blank' ? 200 : 404, headers: [['content-type', 'text/html']], setCookies: [], body: '<!doctype html><title>blank</title><body></body>' };
    this.carried.set(id, header('cookie') ?? '');
    const headers: [string, string][] = [['content-type', 'text/html']];
    const origin = header('origin');
    // Let every cross-origin fetch read its answer: CORS is not what this test compares.
    if (origin && origin !== url.origin) headers.push(['access-control-allow-origin', origin], ['access-control-allow-credentials', 'true']);
    return { status: 200, headers, setCookies: [...(this.#answers.get(id) ?? [])], body: `<!doctype html><title>${method} ${id}</title><body></body>` };
  }

  /** A `fetch` for the simulated browser, answered in-process via the app's wire adapter. */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = await toShopRequest(new Request(input, init));
    const answer = this.answer(request.method, request.url, (name) => request.headers.get(name));
    return toFetchResponse({ status: answer.status, headers: answer.headers, setCookies: answer.setCookies, body: answer.body, serverMs: 0 });
  };

  /** Serves the same logic over HTTPS on a free loopback port. */
  async listen(hosts: readonly string[]): Promise<{ port: number; close(): Promise<void> }> {
    const { key, cert } = selfSignedCertificate(hosts);
    const server: Server = createServer({ key, cert }, (req, res) => {
      const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
      const answer = this.answer(req.method ?? 'GET', url, (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join('; ') : value;
      });
      req.resume(); // bodies are not read, only drained
      res.writeHead(answer.status, [...answer.headers, ...answer.setCookies.map((line): [string, string] => ['set-cookie', line])].flat());
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      port,
      close: () => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    };
  }
}

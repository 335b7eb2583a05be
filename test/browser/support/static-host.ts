// The built dist/ served the way a static host would, on its own port and
// under a chosen path prefix: `vite preview --base <prefix>` with the same
// vite.config.ts, so what a test sees is what README.md tells a host to do.
// A test that needs the host to go away (offline) closes its own server.
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface StaticHost {
  /** The app's address, ending in the prefix, e.g. http://127.0.0.1:41234/authlab/ */
  url: string;
  close(): Promise<void>;
}

/** Serves dist/ under `base` (`/` or `/some/path/`) on a free port of 127.0.0.1. */
export async function serveDist(base = '/'): Promise<StaticHost> {
  const server = await preview({
    root,
    base,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const origin = server.resolvedUrls?.local[0];
  if (!origin) throw new Error('vite preview started but reported no local URL');
  return { url: new URL(base, origin).href, close: () => server.close() };
}

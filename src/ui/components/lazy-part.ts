/**
 * A lazily loaded part of the page that can be loaded again. React.lazy
 * keeps a failed import's rejection for good, so Retry makes a new lazy
 * component; a failed part shows {@link PartLoadError} through the nearest
 * ErrorBoundary instead of blanking the page. Vite's `vite:preloadError`
 * is left unprevented on purpose: Vite then rethrows it, so a stylesheet
 * that failed to download rejects the import the same way a missing script
 * does, and one path catches both.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The part's code (script or stylesheet) could not be downloaded; the message is the browser's or Vite's. */
export class PartLoadError extends Error {
  /** The file that failed, when the message names it. */
  readonly url: string | undefined;
  constructor(cause: unknown, message = cause instanceof Error ? cause.message : String(cause)) {
    super(message, { cause });
    this.name = 'PartLoadError';
    this.url = /\bhttps?:\/\/\S+?\.(?:js|css)\b/.exec(message)?.[0];
  }
}

export interface LazyPart<P extends object> {
  /** The current lazy component; read it at render time, since retry() replaces it. */
  readonly Component: LazyExoticComponent<ComponentType<P>>;
  /**
   * Gets ready to load the part again after a failed download. Resolves
   * when the next render may import it; rejects with a PartLoadError when
   * the file is still out of reach. A script the browser failed to fetch
   * stays failed for the page's life (Chromium keeps it in the module map),
   * so once it is reachable again this reloads the page at the same address.
   */
  retry(): Promise<void>;
}

function stillOutOfReach(url: string, cause: unknown): PartLoadError {
  return new PartLoadError(cause, `${url} is still out of reach: ${cause instanceof Error ? cause.message : String(cause)}`);
}

/**
 * Vite preloads a part's stylesheet once per page and, after a failure,
 * never again, so put the stylesheet back ourselves and wait for it.
 */
function reloadStylesheet(url: string): Promise<void> {
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) {
    if (link.href === url && !link.sheet) link.remove();
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  return new Promise((resolve, reject) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener(
      'error',
      () => {
        link.remove();
        reject(stillOutOfReach(url, new Error('the stylesheet did not load')));
      },
      { once: true },
    );
    document.head.append(link);
  });
}

async function reloadWhenReachable(url: string | undefined): Promise<never> {
  if (url) {
    const answer = await fetch(url, { cache: 'no-store' }).catch((cause: unknown) => {
      throw stillOutOfReach(url, cause);
    });
    if (!answer.ok) throw stillOutOfReach(url, new Error(`HTTP ${answer.status}`));
  }
  window.location.reload();
  return new Promise<never>(() => {});
}

export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyPart<P> {
  let failure: PartLoadError | null = null;
  const make = () =>
    lazy(() =>
      load().catch((cause: unknown) => {
        failure = new PartLoadError(cause);
        throw failure;
      }),
    );
  let Component = make();
  return {
    get Component() {
      return Component;
    },
    async retry() {
      const url = failure?.url;
      if (url?.endsWith('.css')) await reloadStylesheet(url);
      else if (failure) await reloadWhenReachable(url);
      // Import here, before drawing: the script may have failed alongside the stylesheet (Vite requests both at once).
      const loaded = await load().catch(async (cause: unknown) => {
        const again = new PartLoadError(cause);
        if (again.url && !again.url.endsWith('.css')) await reloadWhenReachable(again.url);
        throw again;
      });
      failure = null;
      Component = lazy(() => Promise.resolve(loaded));
    },
  };
}

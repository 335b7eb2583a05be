// AuthLab's one service worker (one worker per scope): the app's offline
// cache in front of MSW's worker, which it imports unchanged. The build
// (scripts/app-worker-plugin.mjs) writes `APP_PRECACHE` above this text:
// the cache's name, versioned by the build's content, and every file of
// the build relative to this script.
//
// Listeners run in the order they were added, and a listener that answers
// a request stops the rest with stopImmediatePropagation(). So this file
// adds its listeners before importing MSW's worker: the app's own files
// are answered from the cache (MSW would only pass them through to the
// network), and every other request (the simulated shop at
// https://shop.example.com and any other origin) reaches MSW's listener.
//
// MSW's worker is a classic script too, and classic scripts share one
// global scope: this file keeps its names inside a function so no name of
// MSW's (now or in a later version) can clash with one of ours.
/// <reference lib="webworker" />
(() => {
  /** @type {ServiceWorkerGlobalScope} */
  const worker = /** @type {any} */ (self);

  const CACHE_PREFIX = 'authlab-app-';
  const CACHE = `${CACHE_PREFIX}${APP_PRECACHE.version}`;
  /** The address the app is opened at: the directory of this script (the registration's default scope). */
  const APP_URL = new URL('./', worker.location.href).href;
  const FILES = new Set(APP_PRECACHE.files.map((file) => new URL(file, worker.location.href).href));

  /**
   * Puts every file of the build that is not cached yet into the cache. Not
   * part of install: MSW's worker (and so the whole simulated shop) is not
   * active until install ends, and a page opened meanwhile races the
   * registration, so install stays instant and the cache fills beside the
   * running app. A file that fails to arrive is left for the next run (each
   * navigation starts one) or for the copy `file()` keeps when it is fetched.
   */
  let precaching = null;
  function precache() {
    precaching ??= caches
      .open(CACHE)
      .then(async (cache) => {
        const urls = [APP_URL, ...FILES];
        const cached = await Promise.all(urls.map((url) => cache.match(url, { ignoreVary: true })));
        // `cache: 'reload'` skips the HTTP cache, so the cache holds what this build wrote.
        const missing = urls.filter((_, i) => !cached[i]);
        await Promise.all(missing.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => undefined)));
      })
      .catch(() => undefined)
      .finally(() => {
        precaching = null;
      });
    return precaching;
  }

  worker.addEventListener('activate', (event) => {
    // Only this app's older caches go; MSW keeps its own (msw:active-clients:…).
    event.waitUntil(
      caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)))),
    );
    // Not awaited (see precache); the open page's MSW keep-alive messages keep the worker running meanwhile.
    void precache();
  });

  /** The page itself: from the network while there is one (so a new build shows at once), else the cached app. */
  /** @param {Request} request */
  async function page(request) {
    try {
      return await fetch(request);
    } catch (offline) {
      const cached = await caches.match(APP_URL, { cacheName: CACHE });
      if (cached) return cached;
      throw offline;
    }
  }

  /**
   * A built file: its name carries its content hash, so the cached copy is the
   * right one. `ignoreVary`: the host may answer with `Vary: Origin`, and the
   * page's module scripts carry an Origin header the install's requests did not.
   * @param {Request} request
   */
  async function file(request) {
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true, ignoreVary: true });
    if (cached) return cached;
    const answer = await fetch(request);
    // Not precached yet: keep this copy, so what the page has used works offline.
    if (answer.ok) {
      const copy = answer.clone();
      void caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
    }
    return answer;
  }

  worker.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    url.search = '';
    url.hash = '';
    let answer;
    if (request.mode === 'navigate' && url.href.startsWith(APP_URL) && url.origin === worker.location.origin) {
      answer = page(request);
      // Fill in whatever an earlier run could not fetch.
      void precache();
    }
    else if (FILES.has(url.href)) answer = file(request);
    else return;
    event.respondWith(answer);
    event.stopImmediatePropagation();
  });
})();

// After our listeners, so theirs come second (see above).
importScripts('./mockServiceWorker.js');

// A Vite plugin that puts the app's Content-Security-Policy into the built
// index.html as a <meta http-equiv>, so it holds on any static host. Build
// only: the dev server needs inline scripts and styles for hot reloading.
// The policy and why each directive says what it says: README.md, "Hosting".

/**
 * @param {{ simulatedOrigins: readonly string[] }} options the origins the
 *   page fetches that MSW answers; the page's CSP is checked before a
 *   request reaches the service worker, so they must be allowed.
 * @returns {string}
 */
export function contentSecurityPolicy({ simulatedOrigins }) {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The stylesheets Vite emits. React's style={…} props are set through the
    // CSSOM (element.style), which CSP does not govern: no 'unsafe-inline'.
    "style-src 'self'",
    // The favicon is a data: URL in index.html.
    "img-src 'self' data:",
    `connect-src 'self' ${simulatedOrigins.join(' ')}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * @param {{ simulatedOrigins: readonly string[] }} options
 * @returns {import('vite').Plugin}
 */
export function csp(options) {
  const policy = contentSecurityPolicy(options);
  return {
    name: 'authlab:csp',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }];
    },
  };
}

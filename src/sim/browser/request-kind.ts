/**
 * What kind of request a page makes, and how it stands to the site it goes
 * to: the one input both cookie decisions read, sending (6265bis §5.8.3) and
 * storing (§5.7), so the two cannot disagree about "cross-site".
 */
import { isSameSite } from './site';

/**
 * How a request leaves the page:
 * - `'fetch'`: a script's `fetch()` (or an image, a script tag: any subresource);
 * - `'navigate'`: a top-level navigation (a link click, a form submit, the address bar);
 * - `'frame'`: the document of an `<iframe>` embedded in the initiator's page.
 *   For SameSite a frame is never top-level: a cross-site frame is a cross-site subrequest.
 */
export type RequestKind = 'fetch' | 'navigate' | 'frame';

/**
 * Where a request stands for cookies, as Chromium computes it:
 * - `'same-site'`: from a page of the same site (or the address bar);
 * - `'cross-site-top-level'`: a top-level navigation from another site's page;
 * - `'cross-site'`: a subrequest or frame from another site's page (a
 *   third-party context).
 */
export type SiteContext = 'same-site' | 'cross-site-top-level' | 'cross-site';

/**
 * The site context of a request to `url` made by a page on `initiator`
 * (an origin, or `'user'` for the address bar). A frame's context is its
 * embedding page's: this simulation embeds frames only in top-level pages.
 */
export function siteContextOf(url: URL, initiator: string, kind: RequestKind): SiteContext {
  if (initiator === 'user' || isSameSite(initiator, url)) return 'same-site';
  return kind === 'navigate' ? 'cross-site-top-level' : 'cross-site';
}

/**
 * tough-cookie's `sameSiteContext` for *storing* the answer's cookies. A
 * top-level navigation may set Lax and Strict cookies whatever its method
 * (Chromium computes at least a Lax context for a main-frame response);
 * tough-cookie refuses SameSite=Lax/Strict only in a `'none'` context.
 */
export function storeSameSiteContext(context: SiteContext): 'strict' | 'lax' | 'none' {
  return context === 'same-site' ? 'strict' : context === 'cross-site-top-level' ? 'lax' : 'none';
}

/** "a cross-site fetch" / "a cross-site frame", for reasons the learner reads. */
export function describeCrossSite(kind: RequestKind): string {
  return kind === 'frame' ? 'a frame from another site' : kind === 'navigate' ? 'a top-level navigation from another site' : 'a cross-site fetch (or other subrequest)';
}

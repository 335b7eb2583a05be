/**
 * What a running scenario holds besides its world: Alice's flow machine and
 * Mallory's notebook of what she has obtained so far.
 */
import type { FlowRunner } from '../machines/flow-runner';
import type { SimResponse } from '../sim/browser/browser';
import type { World } from '../sim/world';

export interface Notebook {
  /** What her injected script read from `document.cookie`, or sniffed on the wire, as name → value. */
  cookies: Map<string, string>;
  /** The token she will present next (copied, stolen, tampered or forged). */
  token?: string;
  refreshToken?: string;
  /** Everything her script saw in the page's localStorage. */
  localStorage?: Record<string, string>;
  documentCookie?: string;
}

export interface RunContext {
  world: World;
  flow: FlowRunner;
  notebook: Notebook;
}

/** What an action hands back for the step's response checks. */
export type ActionResult = SimResponse | undefined;

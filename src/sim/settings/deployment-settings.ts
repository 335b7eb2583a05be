/** How the shop is deployed (one section of the schema in src/sim/config.ts). */
import * as v from 'valibot';
import { choice, wholeNumber } from './setting-kinds';

/**
 * The most nodes a world may have. The stage draws each one as a box in one
 * column (src/ui/stage/stage-layout.ts); eight still fit legibly.
 */
export const MAX_NODES = 8;

export const deploymentSettings = v.strictObject({
  nodes: wholeNumber({
    default: 1,
    min: 1,
    max: MAX_NODES,
    unit: '',
    label: 'Nodes',
    explain: 'Server instances behind the load balancer. A lower number removes none: crash a node instead.',
  }),
  lbPolicy: choice(['round-robin', 'sticky', 'least-busy'], {
    default: 'round-robin',
    label: 'Load balancer',
    explain:
      "round-robin: each live node in turn; sticky: a cookie that goes wherever the session cookie goes pins each browser to one node, and that node's crash logs the browser out when sessions are per-node (SCALE-03); least-busy: the node with the fewest requests in flight, then the fewest served.",
  }),
  sessionStore: choice(['shared', 'per-node'], {
    default: 'shared',
    label: 'Session store',
    explain:
      'per-node: each node keeps sessions in its own memory, so other nodes do not know them (behind round-robin a login works and fails by turns) and a crash loses them (SCALE-01); shared: every node sees every session and a crash loses none, at one round trip per access (SCALE-02).',
  }),
  sharedStoreLatencyMs: wholeNumber({
    default: 1,
    min: 0,
    max: 100,
    unit: 'ms',
    label: 'Shared store round trip',
    explain: 'Simulated time each read or write of the shared store (sessions, users, denylist, refresh families) adds to a request.',
  }),
});

/**
 * The credential lifecycle machines the server consults (they live in
 * src/sim/lifecycle, because the server may not import upward), listed for
 * drawing: the same definitions, so the charts cannot drift from the rules.
 */
import type { AnyStateMachine } from 'xstate';
import { accessTokenLifecycle } from '../sim/lifecycle/access-token-lifecycle.machine';
import type { LifecycleMachineId } from '../sim/lifecycle/consult';
import { refreshFamilyLifecycle } from '../sim/lifecycle/refresh-family-lifecycle.machine';
import { sessionLifecycle } from '../sim/lifecycle/session-lifecycle.machine';
import type { AuthStyle } from '../sim/config';

export interface LifecycleEntry {
  id: LifecycleMachineId;
  machine: AnyStateMachine;
  /** What one instance of the machine is, for headings. */
  title: string;
  style: AuthStyle;
}

export const LIFECYCLES: readonly LifecycleEntry[] = [
  { id: 'session', machine: sessionLifecycle, title: 'A session, as the server rules it', style: 'session' },
  { id: 'accessToken', machine: accessTokenLifecycle, title: 'An access token, once jose has checked its signature, issuer and audience', style: 'jwt' },
  { id: 'refreshFamily', machine: refreshFamilyLifecycle, title: 'A refresh-token family (one login on one device)', style: 'jwt' },
];

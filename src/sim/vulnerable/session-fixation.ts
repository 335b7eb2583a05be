/**
 * DELIBERATELY FLAWED. The two ways a login can keep a session id the
 * attacker knows (SESS-02, SESS-03). Reached only while their switches are
 * on; otherwise the login always issues a fresh id.
 */
import type { RequestContext } from '../deployment/request-context';
import type { SessionRow } from '../deployment/records';
import { randomId } from '../random';

/**
 * The session row a flawed login would continue in, or undefined when no
 * switch applies and the safe path must run.
 */
export function fixatedLoginSession(
  ctx: RequestContext,
  userId: string,
  presented: string | undefined,
  previous: SessionRow | undefined,
): SessionRow | undefined {
  const { noSessionIdRegeneration, acceptClientSessionId } = ctx.config.vulnerable;
  if (previous && noSessionIdRegeneration) {
    // FLAW: the planted (pre-login) id now belongs to the logged-in user.
    return { ...previous, userId, lastSeenAt: ctx.now };
  }
  if (presented && !previous && acceptClientSessionId) {
    // FLAW: an id the client invented becomes a real session.
    return { id: presented, userId, createdAt: ctx.now, lastSeenAt: ctx.now, userEpoch: 0, csrfToken: randomId(ctx.world.random, 128), cart: [], createdOn: ctx.node.id };
  }
  return undefined;
}

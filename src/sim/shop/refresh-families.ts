/**
 * Refresh-token families as the refresh-family lifecycle machine rules
 * them: a family is one login on one device; each refresh rotates its token
 * (REFRESH-01), an old token coming back ends it (REFRESH-02), and it
 * expires when unused for too long or past its lifetime (REFRESH-03). The
 * stored row keeps the machine's state, so the admin view and the trace show
 * exactly what the server decided.
 */
import { AuthLabError } from '../errors';
import type { RequestContext } from '../deployment/request-context';
import type { RefreshFamily } from '../deployment/records';
import { consult } from '../lifecycle/consult';
import { refreshFamilyLifecycle, type RefreshFamilyContext, type RefreshFamilyState } from '../lifecycle/refresh-family-lifecycle.machine';
import { REFRESH_TYP, verifyToken, type TokenClaims } from '../tokens/token-service';

const ENDED: ReadonlySet<RefreshFamilyState> = new Set(['reuseDetected', 'revoked', 'expired']);

export const familyEnded = (family: RefreshFamily) => ENDED.has(family.state);

const contextOf = (f: RefreshFamily): RefreshFamilyContext => ({ createdAt: f.createdAt, lastUsedAt: f.lastUsedAt, rotations: f.rotations });

function describeEnd(family: RefreshFamily): string {
  return family.state === 'reuseDetected' ? 'revoked (reuse detected)' : `${family.state}${family.endedBy ? ` (${family.endedBy})` : ''}`;
}

/** Verifies a refresh token and reads its family, refusing one that has already ended. */
async function liveFamily(ctx: RequestContext, token: string): Promise<{ claims: TokenClaims; family: RefreshFamily }> {
  const claims = await verifyToken(ctx, token, REFRESH_TYP);
  const family = claims.fam ? ctx.read('refresh-families', ctx.world.db.refreshFamilies, claims.fam) : undefined;
  if (!family) throw new AuthLabError('refresh_invalid', "This refresh token's family is unknown");
  if (familyEnded(family)) throw new AuthLabError('refresh_invalid', `This refresh token's family is ${describeEnd(family)}`);
  return { claims, family };
}

/** A refresh: the family's lifecycle decides between rotation, reuse and expiry. */
export async function rotateFamily(ctx: RequestContext, token: string): Promise<RefreshFamily> {
  const { claims, family } = await liveFamily(ctx, token);
  const { refreshIdleTtlMs, refreshTtlMs } = ctx.config.jwt;
  const verdict = consult(ctx, refreshFamilyLifecycle, family.id, family.state, contextOf(family), {
    type: 'PRESENT',
    now: ctx.now,
    idleTtlMs: refreshIdleTtlMs,
    absoluteTtlMs: refreshTtlMs,
    isCurrentToken: family.currentJti === claims.jti,
  });
  family.state = verdict.to as RefreshFamilyState;
  if (family.state === 'reuseDetected') {
    // An old token came back: either the client or a thief replayed it, and
    // the server cannot tell which, so the whole family goes (misconception 12).
    // Only refresh tokens belong to a family: access tokens it already issued
    // are checked by signature and live until their exp, unless a denylist or
    // not-before revocation stops them.
    ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
    throw new AuthLabError('refresh_reused', 'A used refresh token was replayed; every refresh token of its family is now revoked (access tokens already issued work until their exp)');
  }
  if (family.state === 'expired') {
    family.endedBy = verdict.guard === 'unusedTooLong' ? 'idle' : 'absolute';
    ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
    throw new AuthLabError(
      'refresh_expired',
      family.endedBy === 'idle' ? 'This refresh token was unused for too long; log in again' : 'This login has reached its maximum lifetime; log in again',
      { reason: family.endedBy },
    );
  }
  family.rotations = verdict.next.context.rotations;
  family.lastUsedAt = verdict.next.context.lastUsedAt;
  return family;
}

export function revoke(ctx: RequestContext, family: RefreshFamily, why: NonNullable<RefreshFamily['endedBy']>): void {
  consult(ctx, refreshFamilyLifecycle, family.id, family.state, contextOf(family), { type: 'REVOKE' });
  family.state = 'revoked';
  family.endedBy = why;
  ctx.write('refresh-families', ctx.world.db.refreshFamilies, family.id, family);
}

/** Logout ends the family the presented refresh token belongs to; a bad or ended token ends nothing. */
export async function endFamilyOf(ctx: RequestContext, token: string, why: 'logout'): Promise<void> {
  try {
    const { family } = await liveFamily(ctx, token);
    revoke(ctx, family, why);
  } catch (error) {
    if (!(error instanceof AuthLabError)) throw error;
  }
}

/** Ends every live refresh family of a user (password change, admin revoke). */
export function revokeFamiliesOf(ctx: RequestContext, userId: string, why: 'password-change' | 'admin'): number {
  let count = 0;
  for (const family of ctx.world.db.refreshFamilies.values()) {
    if (family.userId === userId && !familyEnded(family)) {
      revoke(ctx, family, why);
      count += 1;
    }
  }
  return count;
}

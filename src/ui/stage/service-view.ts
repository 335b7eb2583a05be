/**
 * What the stage says about a service that verifies the shop's tokens: the
 * key material it holds and, for a JWKS, jose's own verdicts on its cache
 * (`fresh`, `coolingDown`), as box lines and as a sentence for the caption
 * and screen readers. Pure: unit-tested in test/unit/service-view.test.ts.
 */
import type { PartnerService } from '../../sim/deployment/partner-service';
import { clockTime } from '../format';

export interface ServiceView {
  /** The box's lines after its title and host, each short enough for the box. */
  lines: string[];
  sentence: string;
}

export type PartnerFacts = Pick<PartnerService, 'material' | 'jwksCache' | 'cacheState'>;

export function partnerView(partner: PartnerFacts, host: string): ServiceView {
  if (partner.material.kind === 'hmac-secret') {
    return { lines: ['holds HS256 secret', 'can sign, too'], sentence: `${host} holds the shop's HS256 secret, which verifies and signs alike.` };
  }
  const cache = partner.jwksCache;
  if (!cache) return { lines: ['JWKS: not fetched', 'until 1st check'], sentence: `${host} has not fetched the shop's JWKS yet; its first verification will.` };
  const { fresh, coolingDown } = partner.cacheState();
  const kids = cache.jwks.keys.map((k) => k.kid ?? '?');
  const verdicts = [fresh ? 'fresh' : 'stale', ...(coolingDown ? ['cooldown'] : [])];
  const meaning = [
    fresh ? 'fresh (younger than 10 min: known kids verify without a fetch)' : 'stale (the next verification refetches)',
    coolingDown ? 'cooling down (an unknown kid does not refetch until 30 s after the fetch)' : 'not cooling down (an unknown kid would refetch)',
  ];
  return {
    lines: [`JWKS: ${kids.length} key${kids.length === 1 ? '' : 's'}`, `fetched ${clockTime(cache.uat)}`, verdicts.join(' · ')],
    sentence: `${host} caches the shop's JWKS (${kids.join(', ') || 'no keys'}), fetched at ${clockTime(cache.uat)}; jose says ${meaning.join(', ')}.`,
  };
}

/**
 * One string for a whole world, to compare two worlds (or one world before
 * and after time travel) part by part, trace included: `world.save()` as JSON
 * with sorted keys. Bytes (HMAC secrets) become base64url; a CryptoKey, which
 * cannot be read synchronously, becomes its type and algorithm — its public
 * half is compared through the key's public JWK, saved beside it.
 */
import { toBase64Url } from '../../src/sim/random';
import type { SavedWorld, World } from '../../src/sim/world';

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: toBase64Url(value) };
  if (value instanceof CryptoKey) {
    const algorithm = value.algorithm as { name: string; namedCurve?: string };
    return { cryptoKey: `${value.type} ${algorithm.name}${algorithm.namedCurve ? ` ${algorithm.namedCurve}` : ''}` };
  }
  if (value instanceof Map || value instanceof Set) throw new TypeError('saved data should hold no Map or Set: they cannot be frozen');
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, plain((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const savedOf = (saved: SavedWorld | World): SavedWorld => ('save' in saved ? saved.save() : saved);

/** `saved` (or the world now) as one comparable string. */
export function canonical(saved: SavedWorld | World): string {
  return JSON.stringify(plain(savedOf(saved)), null, 1);
}

/** Each part of `saved` as its own comparable string, so a difference names its part. */
export function canonicalParts(saved: SavedWorld | World): Record<string, string> {
  const { parts, ...moment } = savedOf(saved);
  const out: Record<string, string> = { moment: JSON.stringify(plain(moment)) };
  for (const [name, part] of Object.entries(parts)) out[name] = JSON.stringify(plain(part));
  return out;
}

/** The names of the parts that differ between two canonical forms. */
export function differingParts(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => a[name] !== b[name]);
}

/** The trace alone, one string per event; `mask` rewrites each serialised event first. */
export function canonicalTrace(world: World, mask: (json: string) => string = (json) => json): string[] {
  return world.trace.all().map((event) => mask(JSON.stringify(plain(event))));
}

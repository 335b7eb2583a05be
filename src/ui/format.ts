/** Small display helpers shared by the components. */
import { displayName } from '../sim/browser/wire';

export { displayName };

/** "in 4 min 30 s" / "2 h ago", relative to the virtual clock. */
export function relativeTime(targetMs: number, nowMs: number): string {
  const diff = targetMs - nowMs;
  if (Math.abs(diff) < 1000) return 'now';
  const abs = Math.abs(diff);
  const parts: string[] = [];
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s || parts.length === 0) parts.push(`${s} s`);
  const text = parts.slice(0, 2).join(' ');
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

/** Virtual wall-clock time, UTC, as HH:MM:SS. */
export function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function clockDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Long opaque values (ids, tokens) shortened for tables; the full value stays in `title`. */
export function shorten(value: string, keep = 10): string {
  return value.length > keep * 2 + 1 ? `${value.slice(0, keep)}…${value.slice(-keep)}` : value;
}

export function pretty(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function pathOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

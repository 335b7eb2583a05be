/**
 * The shop's shared database: users, carts (for token auth), settings,
 * the JWT denylist and refresh-token families. Every node reaches the same
 * one; access is counted per node through the request context.
 */
import { entriesToRestore, savedEntries, type Restorable } from '../restorable';
import type { CartItem, DenylistEntry, RefreshFamily, SessionRow, Settings, UserRow } from './records';

const TABLES = ['users', 'carts', 'settings', 'denylist', 'refreshFamilies', 'sessions'] as const;
type Table = (typeof TABLES)[number];

/** Every table's rows at one moment, copied and frozen. */
export type SavedDatabase = { readonly [T in Table]: readonly (readonly [string, Database[T] extends Map<string, infer V> ? V : never])[] };

export class Database implements Restorable<SavedDatabase> {
  readonly users = new Map<string, UserRow>();
  readonly carts = new Map<string, CartItem[]>();
  readonly settings = new Map<string, Settings>();
  readonly denylist = new Map<string, DenylistEntry>();
  readonly refreshFamilies = new Map<string, RefreshFamily>();
  /** The shared session store (Redis-like), used when topology is 'shared'. */
  readonly sessions = new Map<string, SessionRow>();

  save(): SavedDatabase {
    return Object.freeze(Object.fromEntries(TABLES.map((table) => [table, savedEntries<unknown>(this[table])]))) as SavedDatabase;
  }

  restore(saved: SavedDatabase): void {
    // Every table is checked and copied before any is touched.
    const rows = TABLES.map((table) => [table, entriesToRestore<never>(saved?.[table], `the ${table} table`)] as const);
    for (const [table, entries] of rows) {
      const map = this[table] as Map<string, unknown>;
      map.clear();
      for (const [key, row] of entries) map.set(key, row);
    }
  }
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ theme: 'light', newsletter: false });

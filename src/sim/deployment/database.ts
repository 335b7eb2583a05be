/**
 * The shop's shared database: users, carts (for token auth), settings,
 * the JWT denylist and refresh-token families. Every node reaches the same
 * one; access is counted per node through the request context.
 */
import type { CartItem, DenylistEntry, RefreshFamily, SessionRow, Settings, UserRow } from './records';

export class Database {
  readonly users = new Map<string, UserRow>();
  readonly carts = new Map<string, CartItem[]>();
  readonly settings = new Map<string, Settings>();
  readonly denylist = new Map<string, DenylistEntry>();
  readonly refreshFamilies = new Map<string, RefreshFamily>();
  /** The shared session store (Redis-like), used when topology is 'shared'. */
  readonly sessions = new Map<string, SessionRow>();
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ theme: 'light', newsletter: false });

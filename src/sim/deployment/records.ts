/** Rows kept by the simulated shop's stores. */
import type { RefreshFamilyState } from '../lifecycle/refresh-family-lifecycle.machine';

export interface CartItem {
  sku: string;
  qty: number;
}

export interface Settings {
  theme: 'light' | 'dark';
  newsletter: boolean;
}

export interface SessionRow {
  id: string;
  /** null for a guest session (an anonymous cart before login). */
  userId: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** The user's `sessionEpoch` when this session was bound to them; 0 for a guest. */
  userEpoch: number;
  /** Synchronizer CSRF token of this session (CSRF-01); a new session, a new token. */
  csrfToken: string;
  cart: CartItem[];
  /** Node that created it, to show where per-node sessions live. */
  createdOn: string;
}

export interface UserRow {
  id: string;
  username: string;
  role: 'customer' | 'admin';
  /** PBKDF2-SHA256, hex; the shop never stores passwords. */
  passwordHash: string;
  salt: string;
  /**
   * Not-before for this user's tokens, in whole seconds like `iat`: tokens
   * with an earlier `iat` are revoked (REVOKE-03). 0 = none.
   */
  tokensNotBeforeSec: number;
  /**
   * Bumped by a password change or an admin revoke. A session bound at an
   * older epoch is over, on whichever node it lives (SESS-08). A counter, not
   * a time: the virtual clock can stand still between login and revoke.
   */
  sessionEpoch: number;
  /** Account settings that take over an account when changed, so changing them needs the password again (SESS-10). */
  email: string;
  mfaEnabled: boolean;
  disabled: boolean;
}

export interface RefreshFamily {
  id: string;
  userId: string;
  /** The only refresh token id that may be used next. */
  currentJti: string;
  createdAt: number;
  lastUsedAt: number;
  rotations: number;
  /** Where the refresh-family lifecycle machine left it (src/sim/lifecycle). */
  state: RefreshFamilyState;
  /** Why a `revoked` or `expired` family ended. */
  endedBy?: 'logout' | 'password-change' | 'admin' | 'user' | 'idle' | 'absolute';
}

export interface DenylistEntry {
  jti: string;
  iss: string;
  /** Kept until the token would have expired anyway. */
  until: number;
}

/**
 * How the server names a session anywhere but in the cookie: by a handle,
 * the first 12 characters of the base64url SHA-256 of its id (72 bits, so
 * handles do not collide among a world's sessions). The handle cannot be
 * turned back into the id, so an operator's console, a user's "my sessions"
 * list and the trace (the server's log) can show it without leaking a usable
 * cookie value: OWASP's Logging Cheat Sheet lists session ids among what to
 * leave out of logs, or to log as a hash.
 */
import { sha256Base64UrlSync } from '../digest';

export const SESSION_HANDLE_LENGTH = 12;

/** The session's handle: never any part of the id itself. Also names refresh-token families in "my sessions". */
export function sessionHandle(id: string): string {
  return sha256Base64UrlSync(id).slice(0, SESSION_HANDLE_LENGTH);
}

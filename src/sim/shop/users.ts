/**
 * Demo accounts and password checks. Passwords are stored as salted
 * PBKDF2-SHA256 hashes; the iteration count is lowered so the simulation
 * stays quick (a real shop uses Argon2id, scrypt or ≥600k PBKDF2 rounds).
 */
import type { Database } from '../deployment/database';
import type { UserRow } from '../deployment/records';
import type { RequestContext } from '../deployment/request-context';
import { toBase64Url, type RandomSource } from '../random';

export interface DemoUser {
  id: string;
  username: string;
  password: string;
  role: UserRow['role'];
}

/** Ids are opaque so tokens carry no personal data (JWT-11). */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'u-1001', username: 'alice', password: 'wonderland', role: 'customer' },
  { id: 'u-1002', username: 'bob', password: 'builder', role: 'customer' },
  { id: 'u-1003', username: 'mallory', password: 'mallory', role: 'customer' },
  { id: 'u-9001', username: 'admin', password: 'console', role: 'admin' },
];

const SIMULATION_PBKDF2_ROUNDS = 1000;

async function hashPassword(password: string, salt: string): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations: SIMULATION_PBKDF2_ROUNDS },
    material,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

export async function makeUserRow(user: DemoUser, random: RandomSource, password = user.password): Promise<UserRow> {
  const salt = toBase64Url(random.bytes(16));
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    salt,
    passwordHash: await hashPassword(password, salt),
    tokensNotBeforeSec: 0,
    sessionEpoch: 0,
    email: `${user.username}@example.com`,
    mfaEnabled: false,
    disabled: false,
  };
}

export async function seedUsers(db: Database, random: RandomSource): Promise<void> {
  for (const user of DEMO_USERS) db.users.set(user.id, await makeUserRow(user, random));
}

export async function setPassword(row: UserRow, password: string, random: RandomSource): Promise<void> {
  row.salt = toBase64Url(random.bytes(16));
  row.passwordHash = await hashPassword(password, row.salt);
}

/** Compares without an early exit, so timing does not reveal the prefix. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export async function passwordMatches(row: UserRow, password: string): Promise<boolean> {
  return constantTimeEqual(await hashPassword(password, row.salt), row.passwordHash);
}

/** One counted read of the users table, by username. */
export function findUserByName(ctx: RequestContext, username: string): UserRow | undefined {
  const byName = new Map([...ctx.world.db.users.values()].map((u) => [`username=${u.username}`, u]));
  return ctx.read('users', byName, `username=${username}`);
}

export function findUserById(ctx: RequestContext, id: string): UserRow | undefined {
  return ctx.read('users', ctx.world.db.users, id);
}

/**
 * Sets the user's not-before time: with `jwt.revocation = not-before` every
 * access token issued so far is refused from now on (the other modes never
 * read it, so there it revokes nothing). `iat` has one-second resolution, so the
 * cut is the next whole second and new tokens are issued no earlier than it:
 * a token from the same second as a password change must not survive it.
 */
export function revokeTokensIssuedBefore(user: UserRow, nowMs: number): void {
  user.tokensNotBeforeSec = Math.floor(nowMs / 1000) + 1;
}

export const publicUser = (u: UserRow) => ({ id: u.id, username: u.username, role: u.role });

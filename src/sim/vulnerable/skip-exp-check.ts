/**
 * DELIBERATELY FLAWED (JWT-05), reached only while `skipExpCheck` is on:
 * the server never looks at `exp`. The hand-rolled verifier leaves it out
 * of its claim checks (naive-jwt-verifier.ts), and this is the `exp` the
 * access-token lifecycle machine is then given: none, so its `pastExpiry`
 * rule can never fire.
 */
import type { VulnerableSwitches } from './switches';

/** The token's `exp` as the server's rules see it. */
export function expSeenByServer(switches: VulnerableSwitches, exp: unknown): number | undefined {
  if (switches.skipExpCheck) return undefined;
  return typeof exp === 'number' ? exp : undefined;
}

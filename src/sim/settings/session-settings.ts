/** The session-cookie shop's settings (one section of the schema in src/sim/config.ts). */
import * as v from 'valibot';
import { DAY, MINUTE, HOUR } from '../clock';
import { IN_HOURS, IN_MINUTES, choice, flag, wholeNumber } from './setting-kinds';

export const sessionSettings = v.strictObject({
  sameSite: choice(['Strict', 'Lax', 'None', 'unset'], {
    default: 'Lax',
    label: 'Session cookie SameSite',
    explain:
      "Which cross-site requests carry it. Strict: none; Lax: top-level GETs; None: all if third-party cookies allowed (needs Secure); unset: as Chromium (simulated here), Lax plus top-level POSTs in its first 2 min; Firefox, Safari: no SameSite rule (not None: no Secure needed) unless third-party cookie blocking stops it.",
  }),
  idleTimeoutMs: wholeNumber({
    default: 15 * MINUTE,
    min: 1000,
    max: 30 * DAY,
    unit: 'ms',
    display: IN_MINUTES,
    label: 'Session idle timeout',
    explain: 'After this long with no request using the session, the server ends it, whatever the browser still holds (SESS-05).',
  }),
  absoluteTimeoutMs: wholeNumber({
    default: 8 * HOUR,
    min: 1000,
    max: 30 * DAY,
    unit: 'ms',
    display: IN_HOURS,
    label: 'Session absolute timeout',
    explain: 'The server ends a session this long after it began, however active the user is (SESS-06).',
  }),
  csrfTokens: flag({
    default: false,
    label: 'Synchronizer CSRF tokens (session style)',
    explain:
      "Every write, login included, must echo the session's random token in X-CSRF-Token; the page fetches it from GET /csrf (CSRF-01, CSRF-08). Off, the Fetch Metadata, Origin and JSON-only checks defend alone.",
  }),
});

/**
 * The compare view's verification timing: real jose verifications of each
 * algorithm the shop offers, timed in batches, reported as the median per
 * verification. A fake clock makes the arithmetic checkable.
 */
import { describe, expect, it } from 'vitest';
import { JWT_ALGS } from '../../src/sim/config';
import { timeVerification } from '../../src/app/verification-timing';

describe('verification timing', () => {
  it('reports the median of the timings, each divided by its batch', async () => {
    // Each timing reads the clock twice; batches of 4 take 8, 40, 4, 12 and 20 ms.
    const durations = [8, 40, 4, 12, 20];
    const readings = durations.flatMap((d, i) => [i * 100, i * 100 + d]);
    let next = 0;
    const timing = await timeVerification('ES256', { samples: 5, batch: 4, now: () => readings[next++]! });
    expect(timing).toEqual({ state: 'measured', alg: 'ES256', medianMs: 3, samples: 5, batch: 4 });
    expect(next).toBe(10);
  });

  it('an even number of timings takes the mean of the middle two', async () => {
    const readings = [0, 2, 10, 16, 20, 30, 40, 44];
    let next = 0;
    const timing = await timeVerification('HS256', { samples: 4, batch: 2, now: () => readings[next++]! });
    // Per verification: 1, 3, 5, 2 → middle two of 1, 2, 3, 5 → 2.5.
    expect(timing).toMatchObject({ state: 'measured', medianMs: 2.5 });
  });

  it.each(JWT_ALGS)('%s: a real verification takes a positive time', async (alg) => {
    const timing = await timeVerification(alg, { samples: 3, batch: 5 });
    expect(timing.state).toBe('measured');
    expect(timing.state === 'measured' && timing.medianMs).toBeGreaterThan(0);
  });
});

/**
 * How long one real token verification takes in the learner's own browser:
 * jose's `jwtVerify` (Web Crypto underneath) on a token of the world's
 * algorithm, with a key made for the purpose. The simulation charges nothing
 * for a verification; this is the figure to set beside a store round trip.
 * Loaded lazily by the compare view, and run only when nothing else is, so
 * it neither delays the first paint nor times a busy page.
 */
import { SignJWT, generateKeyPair, generateSecret, jwtVerify } from 'jose';
import type { JwtAlg } from '../sim/config';

/** One timing, or why there is none yet. */
export type VerificationCost =
  | { state: 'measuring'; alg: JwtAlg }
  | { state: 'measured'; alg: JwtAlg; /** Median over the samples of one verification's time, in ms. */ medianMs: number; samples: number; batch: number }
  | { state: 'failed'; alg: JwtAlg; reason: string };

export interface TimingOptions {
  /** How many timings to take the median of. */
  samples?: number;
  /**
   * Verifications per timing: browsers coarsen `performance.now()` (to
   * 0.1 ms in Chromium without cross-origin isolation), finer than one
   * verification takes, so each timing covers a batch and is divided by it.
   */
  batch?: number;
  /** The clock, in ms; `performance.now` unless a test gives its own. */
  now?: () => number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Times `batch` verifications `samples` times after one untimed warm-up, and returns the median per verification. */
export async function timeVerification(alg: JwtAlg, options: TimingOptions = {}): Promise<VerificationCost> {
  const { samples = 5, batch = 50, now = () => performance.now() } = options;
  const keys = alg === 'HS256' ? { sign: await generateSecret(alg), verify: undefined } : await generateKeyPair(alg).then((p) => ({ sign: p.privateKey, verify: p.publicKey }));
  const verifyKey = keys.verify ?? keys.sign;
  // Claims like the shop's access tokens, so the work is the same size.
  const token = await new SignJWT({ role: 'customer' })
    .setProtectedHeader({ alg, typ: 'at+jwt' })
    .setIssuer('https://shop.example')
    .setAudience('https://shop.example/api')
    .setSubject('u-1001')
    .setJti('timing')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(keys.sign);
  const verifyOnce = () => jwtVerify(token, verifyKey, { algorithms: [alg], issuer: 'https://shop.example', audience: 'https://shop.example/api', typ: 'at+jwt' });
  await verifyOnce();
  const perVerification: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = now();
    for (let k = 0; k < batch; k++) await verifyOnce();
    perVerification.push((now() - start) / batch);
  }
  return { state: 'measured', alg, medianMs: median(perVerification), samples, batch };
}

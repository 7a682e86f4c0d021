/**
 * Wilson score interval for one proportion (never the Wald interval).
 *
 * Source: E. B. Wilson, "Probable inference, the law of succession, and statistical
 * inference", JASA 22 (1927) 209–212; as written in SPC.md §2:
 * centre = (p + z²/2n)/(1 + z²/n), half-width = [z/(1 + z²/n)]·√(p(1−p)/n + z²/4n²).
 */
import { Z95 } from './normal.ts';

export interface WilsonInterval {
  readonly x: number;
  readonly n: number;
  /** x / n */
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
  /** The normal quantile used (1.959963984540054 for 95%). */
  readonly z: number;
}

/** Throws RangeError unless n is a non-negative integer and x an integer in 0..n. */
export function assertCount(x: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`x must be a whole number from 0 to n (${n}), got ${x}`);
  }
}

/** Wilson score interval for x successes of n; null when n = 0 (no respondents, no estimate). */
export function wilson(x: number, n: number, z: number = Z95): WilsonInterval | null {
  assertCount(x, n);
  if (n === 0) return null;
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return {
    x,
    n,
    p,
    // At x = 0 (x = n) the lower (upper) end is 0 (1) exactly; clamp away rounding noise.
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
    z,
  };
}

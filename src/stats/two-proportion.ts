/**
 * Change in a proportion between two independent periods.
 *
 * Sources: the pooled two-proportion z-test without continuity correction (e.g. Altman,
 * "Practical Statistics for Medical Research" 1991 §10.7; SPC.md §2): p̄ = (x1+x2)/(n1+n2),
 * SE = √(p̄(1−p̄)(1/n1+1/n2)), z = (p1−p2)/SE, significant at 5% when |z| ≥ 1.959964.
 * Interval for p1 − p2: Newcombe's hybrid score interval, R. G. Newcombe, "Interval estimation
 * for the difference between independent proportions", Stat. Med. 17 (1998) 873–890, method 10,
 * built from the two Wilson intervals.
 */
import { twoSidedP, Z95 } from './normal.ts';
import { assertCount, wilson } from './wilson.ts';

/** |z| at or above this is significant at 5% (SPC.md §2). */
export const SIGNIFICANT_Z = 1.959964;
/** Results on fewer respondents than this are flagged (SPC.md §2; configurable). */
export const DEFAULT_MINIMUM_BASE = 50;

export interface ZResult {
  readonly z: number;
  readonly pValue: number;
  readonly significant: boolean;
}

/**
 * z = difference / SE with its two-sided p-value. SE = 0 happens only when the difference is 0
 * too (every respondent answered alike, or two identical windows), so z is taken as 0, P = 1.
 */
export function zFromDifference(difference: number, se: number): ZResult {
  const z = se > 0 ? difference / se : 0;
  return { z, pValue: twoSidedP(z), significant: Math.abs(z) >= SIGNIFICANT_Z };
}

export interface DifferenceInterval {
  /** p1 − p2 */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
}

/** Newcombe (1998) method 10 hybrid score interval for p1 − p2; null when either n is 0. */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z: number = Z95,
): DifferenceInterval | null {
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  if (w1 === null || w2 === null) return null;
  const difference = w1.p - w2.p;
  return {
    difference,
    lower: difference - Math.hypot(w1.p - w1.lower, w2.upper - w2.p),
    upper: difference + Math.hypot(w1.upper - w1.p, w2.p - w2.lower),
  };
}

/** n·p ≥ 5 and n·(1−p) ≥ 5, i.e. x ≥ 5 and n − x ≥ 5 (SPC.md §2). */
export function normalApproxOk(x: number, n: number): boolean {
  return x >= 5 && n - x >= 5;
}

export interface TwoProportionOptions {
  /** Flag results with either base below this; default 50. */
  readonly minimumBase?: number;
  /** The survey's quarterly interview target, when known; either base below it is flagged. */
  readonly interviewTarget?: number | null;
}

export interface TwoProportionTest extends ZResult {
  readonly x1: number;
  readonly n1: number;
  readonly p1: number;
  readonly x2: number;
  readonly n2: number;
  readonly p2: number;
  /** p1 − p2 */
  readonly difference: number;
  /** p̄ = (x1+x2)/(n1+n2) */
  readonly pooled: number;
  readonly se: number;
  /** Newcombe hybrid score 95% interval for p1 − p2. */
  readonly interval: DifferenceInterval;
  /** Both groups have n·p ≥ 5 and n·(1−p) ≥ 5; otherwise use an exact method or suppress. */
  readonly normalApproxOk: boolean;
  readonly minimumBase: number;
  /** n1 or n2 is below `minimumBase`. */
  readonly belowMinimumBase: boolean;
  /** n1 or n2 is below the interview target; null when no target was given. */
  readonly belowInterviewTarget: boolean | null;
}

/** Pooled two-proportion z-test of x1/n1 against x2/n2; null when either n is 0. */
export function twoProportionTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: TwoProportionOptions = {},
): TwoProportionTest | null {
  assertCount(x1, n1);
  assertCount(x2, n2);
  const interval = newcombeDifference(x1, n1, x2, n2);
  if (interval === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const minimumBase = options.minimumBase ?? DEFAULT_MINIMUM_BASE;
  const target = options.interviewTarget ?? null;
  return {
    x1,
    n1,
    p1,
    x2,
    n2,
    p2,
    difference: p1 - p2,
    pooled,
    se,
    ...zFromDifference(p1 - p2, se),
    interval,
    normalApproxOk: normalApproxOk(x1, n1) && normalApproxOk(x2, n2),
    minimumBase,
    belowMinimumBase: n1 < minimumBase || n2 < minimumBase,
    belowInterviewTarget: target === null ? null : n1 < target || n2 < target,
  };
}

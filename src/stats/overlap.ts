/**
 * Change between two overlapping rolling windows of a survey proportion (e.g. rolling 6 months
 * now against the rolling 6 months a quarter ago, which share 3 months).
 *
 * Source: SPC.md §2. Respondents in the shared months are in both windows, so p1 and p2 are
 * positively correlated (Cov = n_O·p(1−p)/(n1·n2) under H0) and the naive pooled test is badly
 * conservative. The overlap-adjusted variance is
 *   Var(p1 − p2) = p̄(1−p̄)(1/n1 + 1/n2 − 2·n_O/(n1·n2)),  p̄ = (x1+x2)/(n1+n2),
 * with n_O the respondents in the shared months. With equal window bases (n1 = n2) the
 * statistic is the pooled test of the months that left against the months that came in, up to
 * the pooled p̄ used: z_overlap·√(p̄12(1−p̄12)) = z_left-vs-in·√(p̄AB(1−p̄AB)) exactly.
 * Hence monthly numerators and denominators must be stored, never only window percentages.
 */
import { zFromDifference, type ZResult } from './two-proportion.ts';
import { assertCount } from './wilson.ts';

export interface OverlapTest extends ZResult {
  readonly x1: number;
  readonly n1: number;
  readonly p1: number;
  readonly x2: number;
  readonly n2: number;
  readonly p2: number;
  /** Respondents counted in both windows. */
  readonly nOverlap: number;
  /** p1 − p2 */
  readonly difference: number;
  readonly pooled: number;
  /** √Var with the overlap adjustment. */
  readonly se: number;
}

/** Overlap-adjusted z-test of x1/n1 against x2/n2 sharing nOverlap respondents; null if an n is 0. */
export function overlapAdjustedTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  nOverlap: number,
): OverlapTest | null {
  assertCount(x1, n1);
  assertCount(x2, n2);
  if (!Number.isInteger(nOverlap) || nOverlap < 0 || nOverlap > Math.min(n1, n2)) {
    throw new RangeError(`nOverlap must be a whole number from 0 to min(n1, n2), got ${nOverlap}`);
  }
  if (n1 === 0 || n2 === 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const factor = 1 / n1 + 1 / n2 - (2 * nOverlap) / (n1 * n2);
  // factor ≥ 0 always; max() only absorbs rounding when the windows coincide (factor = 0).
  const se = Math.sqrt(Math.max(0, pooled * (1 - pooled) * factor));
  return {
    x1,
    n1,
    p1,
    x2,
    n2,
    p2,
    nOverlap,
    difference: p1 - p2,
    pooled,
    se,
    ...zFromDifference(p1 - p2, se),
  };
}

/** A window of months: 0-based indexes into the monthly arrays, both ends included. */
export interface MonthWindow {
  readonly first: number;
  readonly last: number;
}

export interface WindowComparison extends OverlapTest {
  /** Satisfied respondents in the shared months. */
  readonly xOverlap: number;
}

function windowSum(values: readonly number[], w: MonthWindow): number {
  let s = 0;
  for (let i = w.first; i <= w.last; i++) s += values[i] ?? 0;
  return s;
}

/**
 * Compare window1 against window2 (p1 − p2) from monthly numerators (satisfied) and
 * denominators (respondents), adjusting for the months they share. Null if a window has no
 * respondents.
 */
export function compareWindows(
  numerators: readonly number[],
  denominators: readonly number[],
  window1: MonthWindow,
  window2: MonthWindow,
): WindowComparison | null {
  if (numerators.length !== denominators.length) {
    throw new RangeError('numerators and denominators must have one entry per month');
  }
  numerators.forEach((x, i) => assertCount(x, denominators[i] ?? 0));
  for (const w of [window1, window2]) {
    if (!Number.isInteger(w.first) || !Number.isInteger(w.last)) {
      throw new RangeError('window ends must be whole month indexes');
    }
    if (w.first < 0 || w.first > w.last || w.last >= numerators.length) {
      throw new RangeError(
        `window ${w.first}..${w.last} must satisfy 0 ≤ first ≤ last < ${numerators.length}`,
      );
    }
  }
  const shared = {
    first: Math.max(window1.first, window2.first),
    last: Math.min(window1.last, window2.last),
  };
  const overlaps = shared.first <= shared.last;
  const test = overlapAdjustedTest(
    windowSum(numerators, window1),
    windowSum(denominators, window1),
    windowSum(numerators, window2),
    windowSum(denominators, window2),
    overlaps ? windowSum(denominators, shared) : 0,
  );
  if (test === null) return null;
  return { ...test, xOverlap: overlaps ? windowSum(numerators, shared) : 0 };
}

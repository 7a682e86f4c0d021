/**
 * Special-cause rules of an XmR chart and the label each point gets, within one rebase group.
 *
 * Source: NHSRplotthedots 0.2.2 (`ptd_special_cause_type`) / NHS England "Making Data Count";
 * SPC.md §1. Rules: a point outside the process limits; a trend of 7 points each strictly above
 * (below) the previous one (a tie breaks it); two of three consecutive points close to a limit
 * (beyond 2σ, not outside), all three on the same non-zero side of the mean; a shift of 7 points
 * on the same side (a point on the mean breaks it). Precedence:
 * outside > trend > two-in-three > shift > Common Cause.
 */

/** sign(y − mean): 0 when exactly on the mean. */
export type Side = -1 | 0 | 1;
/** Points in a trend: 7 by MDC; 6 (older NHS guidance) and 5 (PowerBI-SPC) as options. */
export type TrendLength = 5 | 6 | 7;
/** Points in a shift: 7 by MDC; 6 (older NHS guidance) as an option. */
export type ShiftLength = 6 | 7;

export const SPECIAL_CAUSE_TYPES = [
  'Above UCL',
  'Below LCL',
  '7 Point Trend (Increasing)',
  '7 Point Trend (Decreasing)',
  '6 Point Trend (Increasing)',
  '6 Point Trend (Decreasing)',
  '5 Point Trend (Increasing)',
  '5 Point Trend (Decreasing)',
  '2 in 3 Above CL',
  '2 in 3 Below CL',
  '7 Points Above CL',
  '7 Points Below CL',
  '6 Points Above CL',
  '6 Points Below CL',
  'Common Cause',
] as const;
export type SpecialCauseType = (typeof SPECIAL_CAUSE_TYPES)[number];

export function sideOf(y: number, mean: number): Side {
  return y > mean ? 1 : y < mean ? -1 : 0;
}

/** Every point of a run of ≥ `length` consecutive points on the same non-zero side. */
export function shiftPoints(sides: readonly Side[], length: number): boolean[] {
  const flagged = sides.map(() => false);
  let start = 0;
  for (let i = 1; i <= sides.length; i++) {
    if (i < sides.length && sides[i] === sides[start]) continue;
    if (sides[start] !== 0 && i - start >= length) flagged.fill(true, start, i);
    start = i;
  }
  return flagged;
}

/** Every point of every window of `length` points, each strictly above (below) the previous. */
export function trendPoints(y: readonly number[], length: number): boolean[] {
  const flagged = y.map(() => false);
  for (let end = length - 1; end < y.length; end++) {
    let up = true;
    let down = true;
    for (let i = end - length + 2; i <= end; i++) {
      const step = y[i]! - y[i - 1]!;
      up &&= step > 0;
      down &&= step < 0;
    }
    if (up || down) flagged.fill(true, end - length + 1, end + 1);
  }
  return flagged;
}

/**
 * The close points of every window of 3 consecutive points (never running past either end) with
 * ≥ 2 close points and all 3 on the same non-zero side.
 */
export function twoInThreePoints(close: readonly boolean[], sides: readonly Side[]): boolean[] {
  const flagged = close.map(() => false);
  for (let s = 0; s + 2 < close.length; s++) {
    const side = sides[s];
    if (side === 0 || sides[s + 1] !== side || sides[s + 2] !== side) continue;
    const window = [s, s + 1, s + 2].filter((i) => close[i]);
    if (window.length >= 2) for (const i of window) flagged[i] = true;
  }
  return flagged;
}

/**
 * Direction of a trend point: the sign of the next step when it and the next point are both
 * trend points, otherwise of the previous step (so a shared peak is decreasing, a shared trough
 * increasing). As in NHSRplotthedots, a zero step (two trends meeting at a tie) reads as
 * decreasing.
 */
function trendIncreasing(y: readonly number[], inTrend: readonly boolean[], i: number): boolean {
  const step = inTrend[i] && inTrend[i + 1] ? y[i + 1]! - y[i]! : i > 0 ? y[i]! - y[i - 1]! : 0;
  return step > 0;
}

export interface RulePoint {
  readonly y: number;
  readonly side: Side;
  readonly outside: boolean;
  /** Counts towards two-in-three (close; or, with the 2023 option, beyond 2σ incl. outside). */
  readonly closeForTwoInThree: boolean;
}

export interface RuleOptions {
  readonly trendLength: TrendLength;
  readonly shiftLength: ShiftLength;
}

/** The special-cause label of every point of one group, by precedence. */
export function specialCauseTypes(
  points: readonly RulePoint[],
  { trendLength, shiftLength }: RuleOptions,
): SpecialCauseType[] {
  const y = points.map((p) => p.y);
  const sides = points.map((p) => p.side);
  const trend = trendPoints(y, trendLength);
  const twoInThree = twoInThreePoints(
    points.map((p) => p.closeForTwoInThree),
    sides,
  );
  const shift = shiftPoints(sides, shiftLength);
  return points.map((p, i): SpecialCauseType => {
    const aboveOrBelow = p.side > 0 ? 'Above' : 'Below';
    if (p.outside) return p.side > 0 ? 'Above UCL' : 'Below LCL';
    if (trend[i]) {
      return `${trendLength} Point Trend (${trendIncreasing(y, trend, i) ? 'In' : 'De'}creasing)`;
    }
    if (twoInThree[i]) return `2 in 3 ${aboveOrBelow} CL`;
    if (shift[i]) return `${shiftLength} Points ${aboveOrBelow} CL`;
    return 'Common Cause';
  });
}

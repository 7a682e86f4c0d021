import { describe, expect, it } from 'vitest';
import {
  shiftPoints,
  specialCauseTypes,
  trendPoints,
  twoInThreePoints,
  type RulePoint,
  type Side,
} from '../../src/stats/spc-rules.ts';

const T = true;
const F = false;
const MDC = { trendLength: 7, shiftLength: 7 } as const;

/** Rule input around a mean, with the given 0-based points outside or close. */
function rulePoints(
  y: readonly number[],
  mean: number,
  { outside = [], close = [] }: { outside?: number[]; close?: number[] } = {},
): RulePoint[] {
  return y.map((v, i) => ({
    y: v,
    side: (v > mean ? 1 : v < mean ? -1 : 0) as Side,
    outside: outside.includes(i),
    closeForTwoInThree: close.includes(i),
  }));
}

describe('shift: 7 consecutive points on one side', () => {
  it('a point on the mean breaks the run', () => {
    // 6 above, one on the mean, 7 above: only the second run is a shift.
    const sides: Side[] = [1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1];
    expect(shiftPoints(sides, 7)).toEqual([F, F, F, F, F, F, F, T, T, T, T, T, T, T]);
  });

  it('flags every point of a run of 7 or more, none of a run of 6', () => {
    expect(shiftPoints([-1, -1, -1, -1, -1, -1, -1, -1, 1], 7)).toEqual([
      T,
      T,
      T,
      T,
      T,
      T,
      T,
      T,
      F,
    ]);
    expect(shiftPoints([-1, -1, -1, -1, -1, -1, 1], 7)).toEqual([F, F, F, F, F, F, F]);
    expect(shiftPoints([-1, -1, -1, -1, -1, -1, 1], 6)).toEqual([T, T, T, T, T, T, F]);
  });

  it('7 points on the mean are not a shift', () => {
    expect(shiftPoints([0, 0, 0, 0, 0, 0, 0], 7)).toEqual([F, F, F, F, F, F, F]);
  });
});

describe('trend: 7 points each strictly above (below) the previous', () => {
  it('flags every point of a qualifying window', () => {
    expect(trendPoints([1, 2, 3, 4, 5, 6, 7, 8, 2], 7)).toEqual([T, T, T, T, T, T, T, T, F]);
    expect(trendPoints([9, 8, 7, 6, 5, 4, 3], 7)).toEqual([T, T, T, T, T, T, T]);
  });

  it('a tie breaks the trend', () => {
    // steps + + + + + 0 +: no window of 6 strictly rising steps
    expect(trendPoints([1, 2, 3, 4, 5, 6, 6, 7], 7)).toEqual([F, F, F, F, F, F, F, F]);
  });

  it('6 points are not a trend of 7', () => {
    expect(trendPoints([1, 2, 3, 4, 5, 6], 7)).toEqual([F, F, F, F, F, F]);
    expect(trendPoints([1, 2, 3, 4, 5, 6], 6)).toEqual([T, T, T, T, T, T]);
  });
});

describe('two-in-three', () => {
  it('flags only the close points of a qualifying window', () => {
    // window 1..3 has close points 1 and 3, all above: flag 1 and 3, not 2.
    expect(twoInThreePoints([F, T, F, T], [1, 1, 1, 1])).toEqual([F, T, F, T]);
    expect(twoInThreePoints([T, T, T], [-1, -1, -1])).toEqual([T, T, T]);
  });

  it('a point on the mean does not count towards the same side', () => {
    expect(twoInThreePoints([T, T, F], [1, 1, 0])).toEqual([F, F, F]);
  });

  it('all 3 must be on the same side', () => {
    expect(twoInThreePoints([T, T, F], [1, 1, -1])).toEqual([F, F, F]);
    expect(twoInThreePoints([T, F, T], [1, -1, 1])).toEqual([F, F, F]);
  });

  it('windows do not run past either end', () => {
    // Two close points at each end of a series of 2: there is no window of 3.
    expect(twoInThreePoints([T, T], [1, 1])).toEqual([F, F]);
    // Points 3 and 4 are close and below, but the only window holding both (2..4) is mixed;
    // a truncated window 3..4 past the end does not count. Window 0..2 has 1 close point.
    expect(twoInThreePoints([T, F, F, T, T], [1, 1, 1, -1, -1])).toEqual([F, F, F, F, F]);
  });
});

describe('specialCauseTypes', () => {
  it('labels both directions of a shared peak: the peak is Decreasing', () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1];
    const labels = specialCauseTypes(rulePoints(y, 100), MDC);
    expect(labels.slice(0, 6)).toEqual(new Array(6).fill('7 Point Trend (Increasing)'));
    // Point 6 (value 7) is in both trends and so is the next point: it takes the next step (down).
    expect(labels.slice(6)).toEqual(new Array(7).fill('7 Point Trend (Decreasing)'));
  });

  it('a shared trough is Increasing', () => {
    const y = [7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7];
    const labels = specialCauseTypes(rulePoints(y, 100), MDC);
    expect(labels[5]).toBe('7 Point Trend (Decreasing)');
    expect(labels[6]).toBe('7 Point Trend (Increasing)');
  });

  it('two rising trends joined by a tie: the point before the tie reads Decreasing, as in NHSRplotthedots', () => {
    // Points 0..6 rise (1..7), point 7 repeats 7, points 7..13 rise (7..13). Point 6 and point 7 are
    // both trend points, so point 6 takes the sign of the step 6→7, which is 0, read as "De".
    const y = [1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13];
    const labels = specialCauseTypes(rulePoints(y, 100), MDC);
    expect(labels[5]).toBe('7 Point Trend (Increasing)');
    expect(labels[6]).toBe('7 Point Trend (Decreasing)');
    expect(labels[7]).toBe('7 Point Trend (Increasing)');
  });

  it('precedence: outside > trend > two-in-three > shift', () => {
    // A rising run of 7, all above the mean 0; point 6 outside; points 4 and 5 close.
    const labels = specialCauseTypes(
      rulePoints([1, 2, 3, 4, 5, 6, 7], 0, { outside: [6], close: [4, 5] }),
      MDC,
    );
    expect(labels).toEqual([
      ...new Array(6).fill('7 Point Trend (Increasing)'), // trend beats two-in-three and shift
      'Above UCL', // outside beats trend and shift
    ]);
    // No trend: 7 above the mean, points 1 and 2 close → two-in-three beats shift.
    const noTrend = specialCauseTypes(rulePoints([5, 6, 5, 6, 5, 6, 5], 0, { close: [1, 2] }), MDC);
    expect(noTrend).toEqual([
      '7 Points Above CL',
      '2 in 3 Above CL',
      '2 in 3 Above CL',
      '7 Points Above CL',
      '7 Points Above CL',
      '7 Points Above CL',
      '7 Points Above CL',
    ]);
  });

  it('below-side labels and Common Cause', () => {
    const labels = specialCauseTypes(
      rulePoints([-5, -6, -5, 1, -9], 0, { outside: [4], close: [0, 1] }),
      MDC,
    );
    expect(labels).toEqual([
      '2 in 3 Below CL',
      '2 in 3 Below CL',
      'Common Cause',
      'Common Cause',
      'Below LCL',
    ]);
  });

  it('non-default lengths label with their length', () => {
    const labels = specialCauseTypes(rulePoints([1, 2, 3, 4, 5], 100), {
      trendLength: 5,
      shiftLength: 6,
    });
    expect(labels).toEqual(new Array(5).fill('5 Point Trend (Increasing)'));
    const shift = specialCauseTypes(rulePoints([5, 6, 5, 6, 5, 6], 0), {
      trendLength: 7,
      shiftLength: 6,
    });
    expect(shift).toEqual(new Array(6).fill('6 Points Above CL'));
  });
});

import { describe, expect, it } from 'vitest';
import { EXACT_LIMIT_FACTOR, xmr, xmrCentre } from '../../src/stats/xmr.ts';

/** 12, 10 six times: mean 11, every moving range 2, AMR 2; ends below the mean. */
const BASE = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10];
// Limits for BASE: 11 ± 2.66·2 = 5.68 … 16.32; 2σ: 11 ± (2·2.66/3)·2 = 7.453333 … 14.546667;
// 1σ: 11 ± (2.66/3)·2 = 9.226667 … 12.773333.

describe('xmr limits', () => {
  it('mean ± 2.66 × AMR, 2σ and 1σ lines', () => {
    const [g] = xmr(BASE).groups;
    expect(g!.mean).toBe(11);
    expect(g!.amr).toBe(2);
    expect(g!.lpl).toBeCloseTo(5.68, 12);
    expect(g!.upl).toBeCloseTo(16.32, 12);
    expect(g!.twoSigmaLower).toBeCloseTo(7.453333, 6);
    expect(g!.twoSigmaUpper).toBeCloseTo(14.546667, 6);
    expect(g!.oneSigmaLower).toBeCloseTo(9.226667, 6);
    expect(g!.oneSigmaUpper).toBeCloseTo(12.773333, 6);
    expect(g!.firstPoint).toBe(1);
    expect(g!.nPoints).toBe(12);
  });

  it("limitFactor 'exact' uses 3/1.128 (PowerBI-SPC)", () => {
    // mdc: UCL 16.32; exact: 11 + 2.659574·2 = 16.319149. A point at 16.3195 is between them.
    const y = [...BASE, 16.3195];
    expect(xmr(y, { fixAfterNPoints: 12 }).points[12]!.outside).toBe(false);
    const exact = xmr(y, { fixAfterNPoints: 12, limitFactor: 'exact' });
    expect(exact.groups[0]!.upl).toBeCloseTo(11 + 2 * EXACT_LIMIT_FACTOR, 12);
    expect(exact.points[12]!.specialCauseType).toBe('Above UCL');
  });
});

describe('outlier screening', () => {
  // 5, 6 five times, then 5, 30: moving ranges ten 1s and one 25.
  // AMR = 35/11 = 3.181818; 3.267 × 3.181818 = 10.3950, so 25 is screened out and AMR = 10/10 = 1.
  // Mean = 90/12 = 7.5 either way.
  const y = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 30];

  it('drops moving ranges ≥ 3.267 × AMR once and recomputes AMR; the mean is unchanged', () => {
    expect(xmrCentre(y, true)).toEqual({ mean: 7.5, amr: 1 });
    const [g] = xmr(y).groups;
    expect(g!.lpl).toBeCloseTo(4.84, 12); // 7.5 − 2.66
    expect(g!.upl).toBeCloseTo(10.16, 12);
  });

  it('screenOutliers false keeps every moving range (MDC Excel tool)', () => {
    const c = xmrCentre(y, false);
    expect(c.mean).toBe(7.5);
    expect(c.amr).toBeCloseTo(35 / 11, 14);
    const [g] = xmr(y, { screenOutliers: false }).groups;
    expect(g!.upl).toBeCloseTo(7.5 + 2.66 * (35 / 11), 12); // 15.963636
  });

  it('screening changes which points are close', () => {
    // Screened: 2σ lines 7.5 ± 1.773333 → every 5 is close (below 5.726667), the 6s are not;
    // all 11 points before 30 are below the mean → shift, but two-in-three takes precedence.
    const screened = xmr(y).points.map((p) => p.specialCauseType);
    expect(screened.slice(0, 3)).toEqual([
      '2 in 3 Below CL',
      '7 Points Below CL',
      '2 in 3 Below CL',
    ]);
    expect(screened[11]).toBe('Above UCL');
    // Unscreened: 2σ lines 7.5 ± 5.642424 → nothing close; the first 11 points are a shift.
    const unscreened = xmr(y, { screenOutliers: false }).points.map((p) => p.specialCauseType);
    expect(unscreened.slice(0, 11)).toEqual(new Array(11).fill('7 Points Below CL'));
    expect(unscreened[11]).toBe('Above UCL'); // 30 > 15.96
  });

  it('the cut is 3.267 × AMR', () => {
    // MRs ten 1s and 5: AMR = 15/11 = 1.363636, cut 4.454545 → 5 dropped, AMR = 1.
    expect(xmrCentre([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 5], true).amr).toBe(1);
    // MRs ten 1s and 4: AMR = 14/11 = 1.272727, cut 4.158 → 4 kept.
    expect(xmrCentre([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 4], true).amr).toBeCloseTo(14 / 11, 14);
  });

  it('the screen is a single pass', () => {
    // MRs 1×9, 10, 60: AMR = 79/11 = 7.1818, cut 23.46 → drop 60; AMR = 19/10 = 1.9.
    // A second pass would also drop 10 (≥ 3.267 × 1.9 = 6.21); one pass keeps it.
    const z = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 11, 71];
    expect(xmrCentre(z, true).amr).toBeCloseTo(1.9, 14);
  });
});

describe('fixAfterNPoints', () => {
  // Baseline BASE (fixed), then 13 more points, hand-labelled against 5.68 | 7.45 | 11 | 14.55 | 16.32:
  const after = [15, 12, 15, 17, 13, 13, 13, 13, 13, 13, 13, 11, 4];
  const y = [...BASE, ...after];

  it('limits come from the first N points only and apply to every point', () => {
    const r = xmr(y, { fixAfterNPoints: 12 });
    expect(r.groups[0]!.mean).toBe(11);
    expect(r.groups[0]!.amr).toBe(2);
    expect(r.groups[0]!.baselinePoints).toBe(12);
    // Without the fix the mean is over all 25 points: (132 + 165)/25 = 11.88.
    expect(xmr(y).groups[0]!.mean).toBeCloseTo(11.88, 12);
  });

  it('labels the points after the baseline', () => {
    const labels = xmr(y, { fixAfterNPoints: 12 }).points.map((p) => p.specialCauseType);
    expect(labels.slice(0, 12)).toEqual(new Array(12).fill('Common Cause'));
    expect(labels.slice(12)).toEqual([
      '2 in 3 Above CL', // 15: close; window 15, 12, 15 has 2 close, all above (beats shift)
      '7 Points Above CL', // 12: above, in the run of 11 points above the mean
      '2 in 3 Above CL', // 15
      'Above UCL', // 17 > 16.32 (beats shift)
      ...new Array(7).fill('7 Points Above CL'), // 13 ×7
      'Common Cause', // 11: exactly on the mean, ends the run
      'Below LCL', // 4 < 5.68
    ]);
  });

  it('must be at least 12, and whole', () => {
    expect(() => xmr(y, { fixAfterNPoints: 11 })).toThrow(/fixAfterNPoints.*12/);
    expect(() => xmr(y, { fixAfterNPoints: 12.5 })).toThrow(RangeError);
    expect(() => xmr(y, { fixAfterNPoints: 12 })).not.toThrow();
  });
});

describe('rebase groups', () => {
  // Group 1: BASE (mean 11, AMR 2). Group 2: 20, 26 seven times (mean 23, AMR 6, limits 7.04 … 38.96).
  const second = [20, 26, 20, 26, 20, 26, 20, 26, 20, 26, 20, 26, 20, 26];
  const y = [...BASE, ...second];

  it('computes limits per group', () => {
    const r = xmr(y, { rebaseAtPoint: [13] });
    expect(r.groups.map((g) => [g.firstPoint, g.nPoints, g.mean, g.amr])).toEqual([
      [1, 12, 11, 2],
      [13, 14, 23, 6],
    ]);
    expect(r.groups[1]!.lpl).toBeCloseTo(7.04, 12);
    expect(r.groups[1]!.upl).toBeCloseTo(38.96, 12);
    expect(r.points.map((p) => p.group)).toEqual([
      ...new Array(12).fill(1),
      ...new Array(14).fill(2),
    ]);
    expect(r.points.every((p) => p.specialCauseType === 'Common Cause')).toBe(true);
  });

  it('without the rebase the step shows as shifts', () => {
    // One group: mean 454/26 = 17.4615, MRs 2 ×11, 10, 6 ×13 → AMR 110/25 = 4.4,
    // 2σ upper 17.4615 + 1.773333 × 4.4 = 25.2649: BASE is all below the mean, the rest all above,
    // and every 26 is close with another 26 two points away → two-in-three beats the shift.
    const r = xmr(y);
    expect(r.groups[0]!.amr).toBeCloseTo(4.4, 12);
    expect(r.points.map((p) => p.specialCauseType)).toEqual([
      ...new Array(12).fill('7 Points Below CL'),
      ...new Array(7).fill(['7 Points Above CL', '2 in 3 Above CL']).flat(),
    ]);
  });

  it('runs the rules separately in each group', () => {
    // 9, 10, 11, 12 end group 1 and 13, 14, 15 start group 2: 7 rising points across the rebase.
    // Group 1 (14 points): mean 152/14 = 10.857, AMR 22/13 = 1.692, 2σ 7.86 … 13.86: nothing flagged.
    // Group 2 (13 points): mean 172/13 = 13.231, AMR 61/12 = 5.083, 2σ 4.22 … 22.24: nothing flagged.
    const first = [12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 9, 10, 11, 12];
    const next = [13, 14, 15, 10, 16, 10, 16, 10, 16, 10, 16, 10, 16];
    const rebased = xmr([...first, ...next], { rebaseAtPoint: [15] });
    expect(rebased.points.every((p) => p.specialCauseType === 'Common Cause')).toBe(true);
    // As one group the same 7 points are a trend.
    const single = xmr([...first, ...next]).points.map((p) => p.specialCauseType);
    expect(single.slice(10, 17)).toEqual(new Array(7).fill('7 Point Trend (Increasing)'));
  });

  it('short-group warning below 13 points', () => {
    const r = xmr(y, { rebaseAtPoint: [13] });
    expect(r.groups.map((g) => g.shortGroupWarning)).toEqual([true, false]); // 12 and 14 points
    expect(xmr([...BASE, 10]).groups[0]!.shortGroupWarning).toBe(false); // 13 points
  });

  it('assurance uses the last group’s limits', () => {
    // Target 30, increase: group 2 limits 7.04 … 38.96 → inconsistent (group 1's 16.32 would fail).
    expect(xmr(y, { rebaseAtPoint: [13], target: 30 }).assuranceIcon).toBe('inconsistent');
    // One group: UCL = 17.4615 + 2.66 × 4.4 = 29.1655 < 30 → consistent_fail.
    expect(xmr(y, { target: 30 }).assuranceIcon).toBe('consistent_fail');
  });

  it('rejects rebase points outside 2..n or listed twice', () => {
    expect(() => xmr(y, { rebaseAtPoint: [1] })).toThrow(RangeError);
    expect(() => xmr(y, { rebaseAtPoint: [27] })).toThrow(RangeError);
    expect(() => xmr(y, { rebaseAtPoint: [13, 13] })).toThrow(/twice/);
    expect(xmr(y, { rebaseAtPoint: [20, 13] }).groups.map((g) => g.firstPoint)).toEqual([
      1, 13, 20,
    ]);
  });
});

describe('edge cases', () => {
  it('a single point: no moving range, limits null, Common Cause', () => {
    const r = xmr([7]);
    expect(r.groups[0]).toMatchObject({ mean: 7, amr: null, lpl: null, upl: null });
    expect(r.groups[0]!.twoSigmaUpper).toBeNull();
    expect(r.points[0]).toMatchObject({
      outside: false,
      close: false,
      relativeToMean: 0,
      specialCauseType: 'Common Cause',
      pointType: 'common_cause',
    });
    expect(r.variationIcon).toBe('common_cause');
    expect(xmr([7], { target: 5 }).assuranceIcon).toBeNull();
  });

  it('a one-point group after a rebase does not crash and is not outside', () => {
    const r = xmr([...BASE, 100], { rebaseAtPoint: [13] });
    expect(r.groups[1]).toMatchObject({ firstPoint: 13, nPoints: 1, amr: null, upl: null });
    expect(r.points[12]!.specialCauseType).toBe('Common Cause');
  });

  it('all values equal: AMR 0, limits on the mean, nothing flagged', () => {
    const r = xmr(new Array(15).fill(4));
    expect(r.groups[0]).toMatchObject({ mean: 4, amr: 0, lpl: 4, upl: 4 });
    expect(r.points.every((p) => p.specialCauseType === 'Common Cause')).toBe(true);
    expect(r.points.every((p) => p.relativeToMean === 0)).toBe(true);
  });

  it('all baseline values equal: a later point off the mean is outside', () => {
    const r = xmr([...new Array(12).fill(4), 5, 4, 3], { fixAfterNPoints: 12 });
    expect(r.points.slice(12).map((p) => p.specialCauseType)).toEqual([
      'Above UCL',
      'Common Cause',
      'Below LCL',
    ]);
  });

  it('rejects an empty series and non-finite values', () => {
    expect(() => xmr([])).toThrow(RangeError);
    expect(() => xmr([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('trends in a series', () => {
  // Baseline 10, 20 six times (mean 15, AMR 10, limits −11.6 … 41.6, 2σ −2.73 … 32.73),
  // then 12..18 rising: a 7-point trend that crosses the mean (no shift, nothing close).
  const y = [10, 20, 10, 20, 10, 20, 10, 20, 10, 20, 10, 20, 12, 13, 14, 15, 16, 17, 18];

  it('labels the trend and orients it by the improvement direction', () => {
    const up = xmr(y, { fixAfterNPoints: 12 });
    expect(up.points.slice(12).map((p) => p.specialCauseType)).toEqual(
      new Array(7).fill('7 Point Trend (Increasing)'),
    );
    expect(up.points[11]!.specialCauseType).toBe('Common Cause'); // 20 → 12 falls
    expect(up.variationIcon).toBe('special_cause_improvement');
    expect(xmr(y, { fixAfterNPoints: 12, improvementDirection: 'decrease' }).variationIcon).toBe(
      'special_cause_concern',
    );
    expect(xmr(y, { fixAfterNPoints: 12, improvementDirection: 'neutral' }).variationIcon).toBe(
      'special_cause_neutral_high',
    );
  });

  it('trendLength 6 finds a 6-point trend that 7 does not', () => {
    const six = [...BASE, 9.5, 10, 10.5, 11.2, 11.6, 12]; // crosses the mean 11; none close
    expect(xmr(six, { fixAfterNPoints: 12 }).points[17]!.specialCauseType).toBe('Common Cause');
    expect(xmr(six, { fixAfterNPoints: 12, trendLength: 6 }).points[17]!.specialCauseType).toBe(
      '6 Point Trend (Increasing)',
    );
  });
});

describe('icons', () => {
  // The fixAfterNPoints series ends with 4, Below LCL.
  const y = [...BASE, 15, 12, 15, 17, 13, 13, 13, 13, 13, 13, 13, 11, 4];

  it('variation icon = the last point’s type, per direction', () => {
    const icon = (improvementDirection: 'increase' | 'decrease' | 'neutral') =>
      xmr(y, { fixAfterNPoints: 12, improvementDirection }).variationIcon;
    expect(icon('increase')).toBe('special_cause_concern');
    expect(icon('decrease')).toBe('special_cause_improvement');
    expect(icon('neutral')).toBe('special_cause_neutral_low');
  });

  it('assurance icon against the limits 5.68 … 16.32, a target on a limit inside', () => {
    const icon = (
      target: number | null,
      improvementDirection: 'increase' | 'decrease' | 'neutral',
    ) => xmr(y, { fixAfterNPoints: 12, target, improvementDirection }).assuranceIcon;
    expect(icon(20, 'increase')).toBe('consistent_fail');
    expect(icon(20, 'decrease')).toBe('consistent_pass');
    expect(icon(2, 'increase')).toBe('consistent_pass');
    expect(icon(2, 'decrease')).toBe('consistent_fail');
    expect(icon(11, 'increase')).toBe('inconsistent');
    const upl = xmr(y, { fixAfterNPoints: 12 }).groups[0]!.upl!;
    expect(icon(upl, 'increase')).toBe('inconsistent');
    expect(icon(null, 'increase')).toBeNull();
    expect(icon(20, 'neutral')).toBeNull();
  });
});

describe('deviation options', () => {
  it('twoInThreeIncludesBeyond3Sigma: a point beyond 3σ counts towards two-in-three', () => {
    // After BASE: 12 (above, not close), 15 (close), 17 (outside), 10 (below).
    // MDC 2019 rule: window 12, 15, 17 has one close point → 15 is Common Cause.
    // MDC 2023 rule: 15 and 17 are both beyond 2σ → 15 is "2 in 3 Above CL"; 17 stays Above UCL.
    const y = [...BASE, 12, 15, 17, 10];
    const base = xmr(y, { fixAfterNPoints: 12 }).points.map((p) => p.specialCauseType);
    expect(base.slice(12)).toEqual(['Common Cause', 'Common Cause', 'Above UCL', 'Common Cause']);
    const mdc2023 = xmr(y, { fixAfterNPoints: 12, twoInThreeIncludesBeyond3Sigma: true });
    expect(mdc2023.points.slice(12).map((p) => p.specialCauseType)).toEqual([
      'Common Cause',
      '2 in 3 Above CL',
      'Above UCL',
      'Common Cause',
    ]);
    expect(mdc2023.points[13]!.close).toBe(true);
    expect(mdc2023.points[14]!.close).toBe(false); // close stays "not outside and beyond 2σ"
  });

  it('shiftLength 6 finds a 6-point shift', () => {
    const y = [...BASE, 13, 13, 13, 13, 13, 13, 10];
    expect(xmr(y, { fixAfterNPoints: 12 }).points[12]!.specialCauseType).toBe('Common Cause');
    expect(xmr(y, { fixAfterNPoints: 12, shiftLength: 6 }).points[12]!.specialCauseType).toBe(
      '6 Points Above CL',
    );
  });

  it('defaults reproduce Making Data Count', () => {
    expect(xmr(BASE).options).toEqual({
      improvementDirection: 'increase',
      screenOutliers: true,
      fixAfterNPoints: null,
      rebaseAtPoint: [],
      target: null,
      twoInThreeIncludesBeyond3Sigma: false,
      trendLength: 7,
      shiftLength: 7,
      limitFactor: 'mdc',
    });
    expect(xmr(BASE).method).toBe('xmr');
  });
});

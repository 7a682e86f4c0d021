import { describe, expect, it } from 'vitest';
import { compareWindows, overlapAdjustedTest } from '../../src/stats/overlap.ts';
import { twoProportionTest } from '../../src/stats/two-proportion.ts';

// Nine months, 100 respondents each. Rolling 6 months now = months 3..8; the rolling 6 months a
// quarter ago = months 0..5; they share months 3..5. Months 0..2 left (A), months 6..8 came in (B).
const denominators = [100, 100, 100, 100, 100, 100, 100, 100, 100];
const now = { first: 3, last: 8 };
const quarterAgo = { first: 0, last: 5 };

describe('overlapAdjustedTest', () => {
  it('equals the pooled test when nothing is shared', () => {
    const adjusted = overlapAdjustedTest(412, 520, 371, 505, 0)!;
    const pooled = twoProportionTest(412, 520, 371, 505)!;
    expect(adjusted.z).toBe(pooled.z);
    expect(adjusted.pValue).toBe(pooled.pValue);
  });

  it('identical windows: Var 0, z 0', () => {
    const t = overlapAdjustedTest(70, 100, 70, 100, 100)!;
    expect(t.se).toBe(0);
    expect(t.z).toBe(0);
    expect(t.significant).toBe(false);
  });

  it('rejects an overlap larger than a window', () => {
    expect(() => overlapAdjustedTest(5, 10, 5, 20, 11)).toThrow(RangeError);
  });
});

describe('compareWindows', () => {
  it('equals testing the months that left against the months that came in (p̄ equal)', () => {
    // A: 70+72+68 = 210/300 = 0.70; shared: 75×3 = 225/300 = 0.75; B: 80+82+78 = 240/300 = 0.80.
    // now = (225+240)/600 = 0.775; quarter ago = (210+225)/600 = 0.725; difference 0.05.
    // p̄ = 900/1200 = 0.75; Var = 0.75·0.25·(1/600 + 1/600 − 2·300/(600·600)) = 0.0003125,
    // SE = 0.0176777, z = 0.05/0.0176777 = 2.8284 (= 2√2).
    // B vs A: p̄ = 450/600 = 0.75, SE = √(0.1875·2/300) = 0.0353553, z = 0.10/0.0353553 = 2.8284.
    // The naive pooled test of the windows: SE = √(0.1875·2/600) = 0.025, z = 2.0 — too small.
    const numerators = [70, 72, 68, 75, 75, 75, 80, 82, 78];
    const c = compareWindows(numerators, denominators, now, quarterAgo)!;
    expect([c.x1, c.n1, c.x2, c.n2, c.nOverlap, c.xOverlap]).toEqual([
      465, 600, 435, 600, 300, 225,
    ]);
    expect(c.z).toBeCloseTo(2 * Math.SQRT2, 12);
    const leftVsIn = twoProportionTest(240, 300, 210, 300)!;
    expect(c.z).toBeCloseTo(leftVsIn.z, 12);
    expect(twoProportionTest(465, 600, 435, 600)!.z).toBeCloseTo(2, 12);
  });

  it('with n1 = n2, z·√(p̄(1−p̄)) is the same for the windows and for left-vs-in', () => {
    // Shared months now 90×3 = 270/300, so p̄ (0.825) differs from B-vs-A's p̄ (0.75):
    // windows: now = 510/600 = 0.85, quarter ago = 480/600 = 0.80,
    // z = 0.05/√(0.825·0.175/600) = 3.2233; left vs in: z = 2.8284;
    // 3.2233·√(0.825·0.175) = 1.22474 = 2.8284·√(0.75·0.25).
    const numerators = [70, 72, 68, 90, 90, 90, 80, 82, 78];
    const c = compareWindows(numerators, denominators, now, quarterAgo)!;
    const leftVsIn = twoProportionTest(240, 300, 210, 300)!;
    expect(c.z).toBeCloseTo(3.2233, 4);
    expect(c.z * Math.sqrt(c.pooled * (1 - c.pooled))).toBeCloseTo(
      leftVsIn.z * Math.sqrt(leftVsIn.pooled * (1 - leftVsIn.pooled)),
      12,
    );
  });

  it('non-overlapping windows (a year apart) give the ordinary pooled test', () => {
    const numerators = [70, 72, 68, 75, 75, 75, 80, 82, 78];
    const c = compareWindows(
      numerators,
      denominators,
      { first: 6, last: 8 },
      { first: 0, last: 2 },
    )!;
    expect(c.nOverlap).toBe(0);
    expect(c.z).toBe(twoProportionTest(240, 300, 210, 300)!.z);
  });

  it('rejects windows outside the months and mismatched arrays', () => {
    const numerators = [70, 72, 68];
    const three = [100, 100, 100];
    expect(() => compareWindows(numerators, three, { first: 0, last: 3 }, now)).toThrow(RangeError);
    expect(() => compareWindows(numerators, three, { first: 2, last: 1 }, now)).toThrow(RangeError);
    expect(() => compareWindows(numerators, [100, 100], quarterAgo, now)).toThrow(RangeError);
    expect(() => compareWindows([101, 0, 0], three, quarterAgo, now)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  newcombeDifference,
  normalApproxOk,
  twoProportionTest,
} from '../../src/stats/two-proportion.ts';

describe('twoProportionTest', () => {
  it('SPC.md: 412/520 vs 371/505 → z = 2.173, P = 0.0298, significant', () => {
    // p1 = 0.792308, p2 = 0.734653, p̄ = 783/1025 = 0.763902;
    // SE = √(0.763902·0.236098·(1/520 + 1/505)) = 0.0265326; z = 0.0576542/0.0265326 = 2.17296.
    const t = twoProportionTest(412, 520, 371, 505)!;
    expect(t.pooled).toBeCloseTo(783 / 1025, 12);
    expect(t.z).toBeCloseTo(2.173, 3);
    expect(t.pValue).toBeCloseTo(0.0298, 4);
    expect(t.significant).toBe(true);
    expect(t.normalApproxOk).toBe(true);
    expect(t.belowMinimumBase).toBe(false);
    expect(t.belowInterviewTarget).toBeNull();
  });

  it('Newcombe interval for the SPC.md example', () => {
    // Wilson: 412/520 → [0.755360, 0.824968]; 371/505 → [0.694479, 0.771285]; d = 0.057654.
    // lower = d − √((0.792308 − 0.755360)² + (0.771285 − 0.734653)²) = d − 0.052029 = 0.005625
    // upper = d + √((0.824968 − 0.792308)² + (0.734653 − 0.694479)²) = d + 0.051776 = 0.109430
    const t = twoProportionTest(412, 520, 371, 505)!;
    expect(t.interval.lower).toBeCloseTo(0.005625, 5);
    expect(t.interval.upper).toBeCloseTo(0.10943, 5);
  });

  it('|z| just under 1.959964 is not significant', () => {
    // 60/100 vs 46/100: p̄ = 0.53, SE = √(0.53·0.47·0.02) = 0.070583, z = 0.14/0.070583 = 1.9835;
    // 59/100 vs 46/100: p̄ = 0.525, SE = √(0.525·0.475·0.02) = 0.070622, z = 0.13/0.070622 = 1.8408.
    expect(twoProportionTest(60, 100, 46, 100)!.significant).toBe(true);
    expect(twoProportionTest(59, 100, 46, 100)!.significant).toBe(false);
  });

  it('flags small bases and the normal approximation', () => {
    const t = twoProportionTest(4, 40, 20, 45)!;
    // 4/40: n·p = 4 < 5 → approximation not ok; both bases < 50.
    expect(t.normalApproxOk).toBe(false);
    expect(t.belowMinimumBase).toBe(true);
    expect(twoProportionTest(4, 40, 20, 45, { minimumBase: 30 })!.belowMinimumBase).toBe(false);
    expect(
      twoProportionTest(412, 520, 371, 505, { interviewTarget: 510 })!.belowInterviewTarget,
    ).toBe(true);
  });

  it('identical all-yes groups: SE 0, z 0, P 1', () => {
    const t = twoProportionTest(30, 30, 50, 50)!;
    expect(t.se).toBe(0);
    expect(t.z).toBe(0);
    expect(t.pValue).toBe(1);
    expect(t.significant).toBe(false);
  });

  it('null when a group has no respondents', () => {
    expect(twoProportionTest(0, 0, 5, 10)).toBeNull();
  });
});

describe('newcombeDifference', () => {
  it('Newcombe (1998) Table II example: 56/70 − 48/80 → 0.0524 to 0.3339 (method 10)', () => {
    const d = newcombeDifference(56, 70, 48, 80)!;
    expect(d.difference).toBeCloseTo(0.2, 12);
    expect(d.lower).toBeCloseTo(0.0524, 4);
    expect(d.upper).toBeCloseTo(0.3339, 4);
  });
});

describe('normalApproxOk', () => {
  it('needs n·p ≥ 5 and n·(1 − p) ≥ 5', () => {
    expect(normalApproxOk(5, 10)).toBe(true);
    expect(normalApproxOk(4, 10)).toBe(false);
    expect(normalApproxOk(6, 10)).toBe(false); // n·(1 − p) = 4
  });
});

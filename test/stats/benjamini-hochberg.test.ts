import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, bhSignificant } from '../../src/stats/benjamini-hochberg.ts';

describe('benjaminiHochberg', () => {
  it('adjusts and returns in input order', () => {
    // m = 4; sorted 0.005, 0.01, 0.03, 0.04 → m·p/rank = 0.02, 0.02, 0.04, 0.04;
    // running minimum from the largest keeps them. Back in input order:
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
  });

  it('takes the minimum over larger ranks (step-up)', () => {
    // m = 2: rank 2 → 0.041·2/2 = 0.041; rank 1 → 0.04·2/1 = 0.08, but min(0.08, 0.041) = 0.041.
    expect(benjaminiHochberg([0.04, 0.041])).toEqual([0.041, 0.041]);
    // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is 0.05 five times.
    const adjusted = benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]);
    adjusted.forEach((p) => expect(p).toBeCloseTo(0.05, 15));
  });

  it('never exceeds 1 and handles the empty list', () => {
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});

describe('bhSignificant', () => {
  it('flags discoveries at q', () => {
    // adjusted: 0.02, 0.04, 0.04, 0.02
    expect(bhSignificant([0.01, 0.04, 0.03, 0.005], 0.03)).toEqual([true, false, false, true]);
    expect(bhSignificant([0.01, 0.04, 0.03, 0.005])).toEqual([true, true, true, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { legacyLimits } from '../../src/stats/legacy-limits.ts';

// Baseline = the first 8 points, 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32.
// population SD = √(32/8) = 2      → limits 5 ± 4       = 1 … 9
// sample SD     = √(32/7) = 2.13809 → limits 5 ± 4.27618 = 0.72382 … 9.27618
const y = [2, 4, 4, 4, 5, 5, 7, 9, 9.1, 0.9, 20, 9, 1];
const baseline = { first: 0, last: 7 };

describe('legacyLimits', () => {
  it('population SD: 9.1 and 0.9 are outside; 9 and 1 sit on the limits (inside)', () => {
    const r = legacyLimits(y, { baseline, sd: 'population' });
    expect([r.mean, r.standardDeviation, r.lower, r.upper]).toEqual([5, 2, 1, 9]);
    expect(r.points.map((p) => p.specialCauseType).slice(8)).toEqual([
      'Above UCL',
      'Below LCL',
      'Above UCL',
      'Common Cause',
      'Common Cause',
    ]);
  });

  it('sample SD: only 20 is outside', () => {
    const r = legacyLimits(y, { baseline, sd: 'sample' });
    expect(r.standardDeviation).toBeCloseTo(2.13809, 5);
    expect(r.lower).toBeCloseTo(0.72382, 5);
    expect(r.upper).toBeCloseTo(9.27618, 5);
    expect(r.points.filter((p) => p.outside).map((p) => p.y)).toEqual([20]);
  });

  it('says which method drew the limits', () => {
    const r = legacyLimits(y, { baseline, sd: 'sample' });
    expect(r.method).toBe('legacy-mean-sd');
    expect(r.description).toBe('Mean ± 2 SD (sample SD, n − 1) of baseline points 1–8');
  });

  it('point types follow the improvement direction', () => {
    const up = legacyLimits(y, { baseline, sd: 'population' }).points;
    const down = legacyLimits(y, {
      baseline,
      sd: 'population',
      improvementDirection: 'decrease',
    }).points;
    expect([up[8]!.pointType, up[9]!.pointType]).toEqual([
      'special_cause_improvement',
      'special_cause_concern',
    ]);
    expect([down[8]!.pointType, down[9]!.pointType]).toEqual([
      'special_cause_concern',
      'special_cause_improvement',
    ]);
    expect(up[0]!.pointType).toBe('common_cause');
  });

  it('rejects a baseline outside the series or too short for the SD', () => {
    expect(() => legacyLimits(y, { baseline: { first: 0, last: 13 }, sd: 'sample' })).toThrow(
      RangeError,
    );
    expect(() => legacyLimits(y, { baseline: { first: 3, last: 3 }, sd: 'sample' })).toThrow(
      /at least 2/,
    );
    expect(legacyLimits(y, { baseline: { first: 3, last: 3 }, sd: 'population' }).upper).toBe(4);
  });
});

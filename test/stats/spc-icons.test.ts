import { describe, expect, it } from 'vitest';
import { assuranceIcon, pointType } from '../../src/stats/spc-icons.ts';

describe('pointType', () => {
  it('Above/Increasing scores +1, Below/Decreasing −1, times the direction', () => {
    expect(pointType('Above UCL', 'increase')).toBe('special_cause_improvement');
    expect(pointType('7 Point Trend (Increasing)', 'decrease')).toBe('special_cause_concern');
    expect(pointType('2 in 3 Below CL', 'increase')).toBe('special_cause_concern');
    expect(pointType('7 Points Below CL', 'decrease')).toBe('special_cause_improvement');
    expect(pointType('7 Point Trend (Decreasing)', 'decrease')).toBe('special_cause_improvement');
  });

  it('neutral gives high / low', () => {
    expect(pointType('7 Points Above CL', 'neutral')).toBe('special_cause_neutral_high');
    expect(pointType('Below LCL', 'neutral')).toBe('special_cause_neutral_low');
  });

  it('Common Cause is common_cause in every direction', () => {
    for (const d of ['increase', 'decrease', 'neutral'] as const) {
      expect(pointType('Common Cause', d)).toBe('common_cause');
    }
  });
});

describe('assuranceIcon', () => {
  const limits = { lpl: 5.68, upl: 16.32 };

  it('target above the upper limit', () => {
    expect(assuranceIcon(20, 'increase', limits)).toBe('consistent_fail');
    expect(assuranceIcon(20, 'decrease', limits)).toBe('consistent_pass');
  });

  it('target below the lower limit', () => {
    expect(assuranceIcon(2, 'increase', limits)).toBe('consistent_pass');
    expect(assuranceIcon(2, 'decrease', limits)).toBe('consistent_fail');
  });

  it('target between the limits, or exactly on one, is inconsistent', () => {
    expect(assuranceIcon(11, 'increase', limits)).toBe('inconsistent');
    expect(assuranceIcon(16.32, 'increase', limits)).toBe('inconsistent');
    expect(assuranceIcon(5.68, 'decrease', limits)).toBe('inconsistent');
  });

  it('none without a target, with a neutral direction, or without limits', () => {
    expect(assuranceIcon(null, 'increase', limits)).toBeNull();
    expect(assuranceIcon(undefined, 'increase', limits)).toBeNull();
    expect(assuranceIcon(20, 'neutral', limits)).toBeNull();
    expect(assuranceIcon(20, 'increase', { lpl: null, upl: null })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { mean, standardDeviation, sum } from '../../src/stats/descriptive.ts';

describe('sum and mean', () => {
  it('keeps precision a naive left-to-right sum loses', () => {
    // Naively 1e16 + 1 + 1 − 1e16 = 0 (each +1 is rounded away); the compensated sum is 2.
    expect(sum([1e16, 1, 1, -1e16])).toBe(2);
    expect(sum([])).toBe(0);
  });

  it('a value that is the mean in decimal compares equal to it', () => {
    // (0.1 + 0.2 + 0.3) / 3 is 0.20000000000000004 naively; R's mean() gives 0.2.
    expect(mean([0.1, 0.2, 0.3])).toBe(0.2);
    expect(mean([])).toBeNaN();
  });
});

describe('standardDeviation', () => {
  it('sample (n − 1) and population (n) on 2,4,4,4,5,5,7,9', () => {
    // mean 5; squared deviations 9,1,1,1,0,0,4,16 sum to 32.
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], 'population')).toBe(2); // √(32/8)
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9], 'sample')).toBeCloseTo(
      Math.sqrt(32 / 7),
      14,
    );
  });

  it('is NaN without enough values', () => {
    expect(standardDeviation([3], 'sample')).toBeNaN();
    expect(standardDeviation([3], 'population')).toBe(0);
    expect(standardDeviation([], 'population')).toBeNaN();
  });
});

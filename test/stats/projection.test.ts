import { describe, expect, it } from 'vitest';
import { projectSeasonal } from '../../src/stats/projection.ts';
import { Z95 } from '../../src/stats/normal.ts';

describe('projectSeasonal (seasonal naive with drift)', () => {
  it('continues an exact seasonal pattern plus linear trend with a zero-width interval', () => {
    // y_t = s(t mod 12) + 2t: every same-month-last-year change is 24, so μ = 24, σ = 0.
    const season = [30, 28, 35, 40, 44, 50, 55, 52, 45, 38, 33, 31];
    const y = Array.from({ length: 24 }, (_, t) => season[t % 12]! + 2 * t);
    const p = projectSeasonal(y, 14);
    expect(p.drift).toBe(24);
    expect(p.residualSd).toBe(0);
    p.points.forEach(({ step, mean, lower, upper }) => {
      const t = 23 + step;
      expect(mean).toBe(season[t % 12]! + 2 * t);
      expect(lower).toBe(mean);
      expect(upper).toBe(mean);
    });
  });

  it('hand-computed interval (season length 2)', () => {
    // y = 10, 20, 12, 21, 13, 25; seasonal differences 2, 1, 1, 4: μ = 2, residuals 0, −1, −1, 2,
    // σ = √(6/3) = √2, N = 4.
    // h = 1: 13 + 2 = 15 ± z·√2·√(1·(1 + 1/4)) = 15 ± z·√2.5 = 15 ± 3.098975
    // h = 2: 25 + 2 = 27 ± 3.098975
    // h = 3: two seasons on: 13 + 2·2 = 17 ± z·√2·√(2·(1 + 2/4)) = 17 ± z·√6 = 17 ± 4.800912
    const p = projectSeasonal([10, 20, 12, 21, 13, 25], 3, { seasonLength: 2 });
    expect(p.method).toBe('seasonal-naive-drift');
    expect(p.drift).toBe(2);
    expect(p.residualSd).toBeCloseTo(Math.SQRT2, 14);
    expect(p.nDifferences).toBe(4);
    const [h1, h2, h3] = p.points;
    expect(h1!.mean).toBe(15);
    expect(h1!.upper - h1!.mean).toBeCloseTo(3.098975, 6);
    expect(h2!.mean).toBe(27);
    expect(h3!.mean).toBe(17);
    expect(h3!.mean - h3!.lower).toBeCloseTo(Z95 * Math.sqrt(6), 12);
    expect(h3!.mean - h3!.lower).toBeCloseTo(4.800912, 6);
  });

  it('needs two full seasons and a positive horizon', () => {
    expect(() => projectSeasonal(new Array<number>(23).fill(1), 1)).toThrow(/at least 24/);
    expect(() => projectSeasonal(new Array<number>(24).fill(1), 0)).toThrow(RangeError);
    expect(() => projectSeasonal([...new Array<number>(23).fill(1), Number.NaN], 1)).toThrow(
      RangeError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { normalCdf, normalUpperTail, twoSidedP, Z95 } from '../../src/stats/normal.ts';

/** |actual − expected| ≤ tol × |expected| */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

// Reference values: mpmath ncdf(x) at 40 significant digits, rounded to the nearest double; as
// R's pnorm(x) gives. A z-table (4 dp) or a 1e-7 approximation (Abramowitz & Stegun 26.2.17) fails.
const REFERENCE: [x: number, lower: number][] = [
  [-37, 5.725571222524577e-300],
  [-10, 7.619853024160525e-24],
  [-8, 6.220960574271784e-16],
  [-5.7, 5.990371401063528e-9],
  [-3, 0.0013498980316300946],
  [-1, 0.15865525393145705],
  [-0.6744, 0.2500285213729406],
  [-0.5, 0.3085375387259869],
];

describe('normalCdf (Cody)', () => {
  it.each(REFERENCE)('Φ(%d) and the upper tail at −x to 1e-14 relative', (x, lower) => {
    expectRelative(normalCdf(x), lower, 1e-14);
    // Symmetry: P(Z > −x) = Φ(x), computed directly in the tail, not as 1 − Φ.
    expectRelative(normalUpperTail(-x), lower, 1e-14);
  });

  it('Φ(0) = 0.5 and Φ(Z95) = 0.975', () => {
    expect(normalCdf(0)).toBe(0.5);
    expectRelative(normalCdf(Z95), 0.975, 1e-15);
    expectRelative(normalUpperTail(Z95), 0.025, 1e-14);
  });

  it('underflows to exactly 0 / 1 beyond −37.5 / +37.5 and passes NaN through', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('twoSidedP', () => {
  it('SPC.md: z = 2.173 gives P = 0.0298', () => {
    // 2 × (1 − Φ(2.173)) = 2 × 0.014890… = 0.029780…
    expect(twoSidedP(2.173)).toBeCloseTo(0.0298, 4);
    expect(twoSidedP(-2.173)).toBe(twoSidedP(2.173));
  });

  it('P(|Z| ≥ 1.959963984540054) = 0.05 and P(|Z| ≥ 0) = 1', () => {
    expectRelative(twoSidedP(Z95), 0.05, 1e-14);
    expect(twoSidedP(0)).toBe(1);
  });
});

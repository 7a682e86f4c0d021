/**
 * The standard normal distribution function, accurate to about 1e-15 relative error.
 *
 * Source: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp.
 * 23 (1969) 631–637, as packaged in Cody's ANORM (ACM TOMS Algorithm 715, 1993) and used by
 * R's `pnorm` (nmath/pnorm.c): three rational approximations on |x| ≤ qnorm(3/4),
 * |x| ≤ √32 and |x| < 37.5193, with exp(−x²/2) split as exp(−xsq²/2)·exp(−del/2) to keep
 * full precision in the tails. Never a z-table lookup.
 */

/** The two-sided 95% normal quantile, qnorm(0.975). */
export const Z95 = 1.959963984540054;

/* eslint-disable no-loss-of-precision -- Cody's published 20-digit coefficients, kept verbatim so
   they can be checked against the source; each rounds to the nearest double. */
const A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
  0.065682337918207449113,
] as const;
const B = [
  47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956,
] as const;
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
  2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
  1.0765576773720192317e-8,
] as const;
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
  18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
] as const;
const P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
  2.9112874951168792e-5, 0.02307344176494017303,
] as const;
const Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
  7.29751555083966205e-5,
] as const;

const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;
/* eslint-enable no-loss-of-precision */
const QNORM_3_4 = 0.67448975;
const HALF_EPSILON = Number.EPSILON * 0.5;

/** exp(−y²/2) × factor, with y² split so that the exponent keeps full precision. */
function gaussTail(y: number, factor: number): number {
  const ySq = Math.trunc(y * 16) / 16;
  const del = (y - ySq) * (y + ySq);
  return Math.exp(-ySq * ySq * 0.5) * Math.exp(-del * 0.5) * factor;
}

/** P(Z > y) for y > qnorm(3/4) (the smaller tail). */
function upperTailBeyondQuartile(y: number): number {
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return gaussTail(y, (num + C[7]) / (den + D[7]));
  }
  if (y >= 37.5193) return 0;
  const ySqInv = 1 / (y * y);
  let num = P[5] * ySqInv;
  let den = ySqInv;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * ySqInv;
    den = (den + Q[i]!) * ySqInv;
  }
  const r = (ySqInv * (num + P[4])) / (den + Q[4]);
  return gaussTail(y, (ONE_OVER_SQRT_2PI - r) / y);
}

/** [P(Z ≤ x), P(Z > x)], each computed directly so neither loses precision to 1 − p. */
function normalBoth(x: number): [lower: number, upper: number] {
  if (Number.isNaN(x)) return [Number.NaN, Number.NaN];
  const y = Math.abs(x);
  if (y <= QNORM_3_4) {
    let num = 0;
    let den = 0;
    if (y > HALF_EPSILON) {
      const xSq = x * x;
      num = A[4] * xSq;
      den = xSq;
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]!) * xSq;
        den = (den + B[i]!) * xSq;
      }
    }
    const t = (x * (num + A[3])) / (den + B[3]);
    return [0.5 + t, 0.5 - t];
  }
  const small = upperTailBeyondQuartile(y);
  return x > 0 ? [1 - small, small] : [small, 1 - small];
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return normalBoth(x)[0];
}

/** 1 − Φ(x) = P(Z > x), accurate far into the upper tail. */
export function normalUpperTail(x: number): number {
  return normalBoth(x)[1];
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|) = 2·(1 − Φ(|z|)). */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}

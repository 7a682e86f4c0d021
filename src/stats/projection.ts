/**
 * Seasonal projection of a monthly series with a prediction interval.
 *
 * Method: seasonal naive with drift, i.e. the seasonal random walk with drift
 * y_t = y_(t−m) + μ + ε_t (ARIMA(0,0,0)(0,1,0)_m with a constant; Hyndman & Athanasopoulos,
 * "Forecasting: Principles and Practice", 3rd ed., §5.2 and §9.9). μ is the mean of the
 * seasonal differences D_t = y_t − y_(t−m) (the change on the same month a year before) and σ the
 * sample SD of the residuals D_t − μ. The projection h months ahead is the same month in the
 * last observed year plus μ for every year stepped: ŷ = y_(T+h−m(k+1)) + (k+1)·μ with
 * k = ⌊(h−1)/m⌋. Its error is k+1 seasonal shocks plus the error in μ̂ (Var μ̂ = σ²/N for N
 * differences), so the interval is ŷ ± z·σ·√((k+1)(1 + (k+1)/N)). Additive, so it copes with
 * months of zero; the lower end is not floored at 0.
 */
import { mean, standardDeviation } from './descriptive.ts';
import { Z95 } from './normal.ts';

export interface ProjectionOptions {
  /** Months in a season; default 12. At least two seasons of data are needed. */
  readonly seasonLength?: number;
  /** Normal quantile of the interval; default Z95 (95%). */
  readonly z?: number;
}

export interface ProjectedPoint {
  /** Months after the last observed one (1 = next month). */
  readonly step: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Projection {
  readonly method: 'seasonal-naive-drift';
  readonly seasonLength: number;
  /** μ: mean change on the same month a season earlier. */
  readonly drift: number;
  /** σ: sample SD of the seasonal differences about μ. */
  readonly residualSd: number;
  /** N: seasonal differences the drift and σ came from. */
  readonly nDifferences: number;
  readonly points: readonly ProjectedPoint[];
}

/** Project the next `horizon` months of `y` (oldest first, ≥ 2 seasons, all finite). */
export function projectSeasonal(
  y: readonly number[],
  horizon: number,
  options: ProjectionOptions = {},
): Projection {
  const m = options.seasonLength ?? 12;
  const z = options.z ?? Z95;
  if (!Number.isInteger(m) || m < 1)
    throw new RangeError('seasonLength must be a whole number ≥ 1');
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError('horizon must be a whole number ≥ 1');
  }
  if (y.length < 2 * m) throw new RangeError(`need at least ${2 * m} values, got ${y.length}`);
  if (!y.every(Number.isFinite)) throw new RangeError('every value must be a finite number');

  const differences = y.slice(m).map((v, i) => v - y[i]!);
  const n = differences.length;
  const drift = mean(differences);
  const residualSd = standardDeviation(differences, 'sample');
  const points = Array.from({ length: horizon }, (_, i): ProjectedPoint => {
    const step = i + 1;
    const years = Math.floor((step - 1) / m) + 1;
    const centre = y[y.length - 1 + step - m * years]! + years * drift;
    const half = z * residualSd * Math.sqrt(years * (1 + years / n));
    return { step, mean: centre, lower: centre - half, upper: centre + half };
  });
  return {
    method: 'seasonal-naive-drift',
    seasonLength: m,
    drift,
    residualSd,
    nDifferences: n,
    points,
  };
}

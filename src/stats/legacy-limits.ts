/**
 * The force's legacy limits, offered so a force can reproduce its existing reports during the
 * transition to XmR. Not XmR.
 *
 * Source: the seed report's method as described in SPC.md §1 ("2 points of Standard Deviation
 * from the mean"): mean and SD fixed on a baseline (the months of a chosen financial year, e.g.
 * 2019/20 to step over COVID), limits = mean ± 2 × SD, one rule: a point strictly outside the
 * limits. Whether the report used the sample (n − 1) or population (n) SD is unknown, so it is a
 * required setting. At ±2σ a stable series flags 4.6% of its points.
 */
import { mean, standardDeviation } from './descriptive.ts';
import { pointType, type ImprovementDirection, type PointType } from './spc-icons.ts';
import { sideOf, type Side, type SpecialCauseType } from './spc-rules.ts';

export interface LegacyLimitsOptions {
  /** Baseline points: 0-based indexes into the series, both ends included. */
  readonly baseline: { readonly first: number; readonly last: number };
  /** `sample` divides by n − 1, `population` by n. */
  readonly sd: 'sample' | 'population';
  /** Default 2. */
  readonly sdMultiplier?: number;
  /** Default `increase`. */
  readonly improvementDirection?: ImprovementDirection;
}

export interface LegacyPoint {
  readonly y: number;
  readonly outside: boolean;
  readonly relativeToMean: Side;
  readonly specialCauseType: Extract<SpecialCauseType, 'Above UCL' | 'Below LCL' | 'Common Cause'>;
  readonly pointType: PointType;
}

export interface LegacyLimitsResult {
  /** Which method drew the limits. */
  readonly method: 'legacy-mean-sd';
  /** For the chart, e.g. "Mean ± 2 SD (sample SD, n − 1) of baseline points 1–12". */
  readonly description: string;
  readonly sd: 'sample' | 'population';
  readonly sdMultiplier: number;
  readonly baselineFirst: number;
  readonly baselineLast: number;
  readonly mean: number;
  readonly standardDeviation: number;
  readonly lower: number;
  readonly upper: number;
  readonly points: readonly LegacyPoint[];
}

export function legacyLimits(
  y: readonly number[],
  options: LegacyLimitsOptions,
): LegacyLimitsResult {
  const { first, last } = options.baseline;
  const sdMultiplier = options.sdMultiplier ?? 2;
  const direction = options.improvementDirection ?? 'increase';
  if (!y.every(Number.isFinite)) throw new RangeError('every value must be a finite number');
  if (
    !Number.isInteger(first) ||
    !Number.isInteger(last) ||
    first < 0 ||
    first > last ||
    last >= y.length
  ) {
    throw new RangeError(
      `baseline ${first}..${last} must be whole indexes within 0..${y.length - 1}`,
    );
  }
  const baseline = y.slice(first, last + 1);
  const minimum = options.sd === 'sample' ? 2 : 1;
  if (baseline.length < minimum) {
    throw new RangeError(`a ${options.sd} SD needs at least ${minimum} baseline points`);
  }
  const centre = mean(baseline);
  const sd = standardDeviation(baseline, options.sd);
  const lower = centre - sdMultiplier * sd;
  const upper = centre + sdMultiplier * sd;
  const sdName = options.sd === 'sample' ? 'sample SD, n − 1' : 'population SD, n';
  return {
    method: 'legacy-mean-sd',
    description: `Mean ± ${sdMultiplier} SD (${sdName}) of baseline points ${first + 1}–${last + 1}`,
    sd: options.sd,
    sdMultiplier,
    baselineFirst: first,
    baselineLast: last,
    mean: centre,
    standardDeviation: sd,
    lower,
    upper,
    points: y.map((v) => {
      const label = v > upper ? 'Above UCL' : v < lower ? 'Below LCL' : 'Common Cause';
      return {
        y: v,
        outside: label !== 'Common Cause',
        relativeToMean: sideOf(v, centre),
        specialCauseType: label,
        pointType: pointType(label, direction),
      };
    }),
  };
}

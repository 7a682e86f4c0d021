/**
 * XmR (individuals and moving range) chart with Making Data Count semantics.
 *
 * Source: NHSRplotthedots 0.2.2 (`ptd_spc_standard`, `ptd_calculate_point_type`,
 * `ptd_add_short_group_warnings`, `ptd_calculate_assurance_type`), MIT, which follows NHS England
 * "Making Data Count"; SPC.md §1. Per rebase group: baseline = the first `fixAfterNPoints`
 * points (all when unset); mean of the baseline; moving ranges |y_i − y_(i−1)| within it; AMR =
 * their mean, screened once (keep MR < 3.267 × AMR, recompute; the mean is unchanged); process
 * limits mean ± 2.66 × AMR; 2σ lines mean ± (2 × 2.66 / 3) × AMR; 1σ lines mean ± (2.66 / 3) ×
 * AMR; applied to every point of the group. Rules and labels: `spc-rules.ts`; point types and
 * icons: `spc-icons.ts`.
 *
 * Positions named `…Point` are 1-based, as in the `bluelamp spc` contract.
 *
 * Where NHSRplotthedots is undefined this returns nulls instead of NaN: a group of one point has
 * no moving range, so AMR and all limits are null and no point is outside or close. Where every
 * baseline moving range is 0, NHSRplotthedots' screen (0 < 3.267 × 0 is false) drops them all and
 * its AMR becomes NaN; here screening is skipped when AMR is 0, so AMR is 0 and the limits sit on
 * the mean (any later point off the mean is outside).
 */
import { mean } from './descriptive.ts';
import {
  assuranceIcon,
  pointType,
  type AssuranceIcon,
  type ImprovementDirection,
  type PointType,
} from './spc-icons.ts';
import {
  sideOf,
  specialCauseTypes,
  type ShiftLength,
  type Side,
  type SpecialCauseType,
  type TrendLength,
} from './spc-rules.ts';

/** Process limits are mean ± 2.66 × AMR (MDC's rounding of 3/d2 = 3/1.128). */
export const MDC_LIMIT_FACTOR = 2.66;
/** PowerBI-SPC's unrounded 3/1.128, offered as `limitFactor: 'exact'`. */
export const EXACT_LIMIT_FACTOR = 3 / 1.128;
/** Moving ranges at or above 3.267 × AMR (D4 for n = 2) are screened out. */
export const SCREENING_FACTOR = 3.267;
/** `fixAfterNPoints` must be at least this when set. */
export const MIN_FIX_AFTER_N_POINTS = 12;
/** A group with fewer points than this carries a short-group warning. */
export const SHORT_GROUP_POINTS = 13;

export interface XmrOptions {
  /** Default `increase`, as NHSRplotthedots. */
  readonly improvementDirection?: ImprovementDirection;
  /** Default true. `false` reproduces MDC's Excel tool, which does not screen. */
  readonly screenOutliers?: boolean;
  /** Baseline = the first N points of each group (N ≥ 12); unset or null = all points. */
  readonly fixAfterNPoints?: number | null;
  /** 1-based position of the first point of each new group (each from 2 to the series length). */
  readonly rebaseAtPoint?: readonly number[];
  readonly target?: number | null;
  /** Deviation: MDC's late-2023 rule, points beyond 3σ also count in two-in-three. Default false. */
  readonly twoInThreeIncludesBeyond3Sigma?: boolean;
  /** Deviation: 6-point (older NHS guidance) or 5-point (PowerBI-SPC) trends. Default 7. */
  readonly trendLength?: TrendLength;
  /** Deviation: 6-point shifts (older NHS guidance). Default 7. */
  readonly shiftLength?: ShiftLength;
  /** Deviation: `exact` uses PowerBI-SPC's 3/1.128 instead of 2.66. Default `mdc`. */
  readonly limitFactor?: 'mdc' | 'exact';
}

export interface XmrGroup {
  /** 1-based position of the group's first point in the series. */
  readonly firstPoint: number;
  readonly nPoints: number;
  /** Points the mean and AMR were computed from. */
  readonly baselinePoints: number;
  readonly mean: number;
  /** Mean moving range after screening; null for a one-point group. */
  readonly amr: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  readonly twoSigmaLower: number | null;
  readonly twoSigmaUpper: number | null;
  readonly oneSigmaLower: number | null;
  readonly oneSigmaUpper: number | null;
  readonly shortGroupWarning: boolean;
}

export interface XmrPoint {
  readonly y: number;
  /** 1-based group number. */
  readonly group: number;
  readonly outside: boolean;
  readonly relativeToMean: Side;
  /** Not outside and beyond a 2σ line. */
  readonly close: boolean;
  readonly specialCauseType: SpecialCauseType;
  readonly pointType: PointType;
}

export interface XmrResult {
  /** Which method drew the limits. */
  readonly method: 'xmr';
  readonly options: Required<Omit<XmrOptions, 'fixAfterNPoints' | 'target'>> & {
    readonly fixAfterNPoints: number | null;
    readonly target: number | null;
  };
  readonly groups: readonly XmrGroup[];
  readonly points: readonly XmrPoint[];
  /** The variation icon: the type of the last point. */
  readonly variationIcon: PointType;
  readonly assuranceIcon: AssuranceIcon | null;
}

/** Mean and screened AMR of one group's baseline values (AMR null with fewer than 2 values). */
export function xmrCentre(
  baseline: readonly number[],
  screenOutliers: boolean,
): { mean: number; amr: number | null } {
  const centre = mean(baseline);
  const movingRanges = baseline.slice(1).map((y, i) => Math.abs(y - baseline[i]!));
  if (movingRanges.length === 0) return { mean: centre, amr: null };
  const amr = mean(movingRanges);
  const kept =
    screenOutliers && amr > 0
      ? movingRanges.filter((mr) => mr < SCREENING_FACTOR * amr)
      : movingRanges;
  return { mean: centre, amr: mean(kept) };
}

type Limits = Pick<
  XmrGroup,
  'lpl' | 'upl' | 'twoSigmaLower' | 'twoSigmaUpper' | 'oneSigmaLower' | 'oneSigmaUpper'
>;

function limitsOf(centre: number, amr: number | null, factor: number): Limits {
  if (amr === null) {
    return {
      lpl: null,
      upl: null,
      twoSigmaLower: null,
      twoSigmaUpper: null,
      oneSigmaLower: null,
      oneSigmaUpper: null,
    };
  }
  // The same arithmetic as NHSRplotthedots, so points on a line compare alike.
  const close = 2 * (factor / 3);
  return {
    lpl: centre - factor * amr,
    upl: centre + factor * amr,
    twoSigmaLower: centre - close * amr,
    twoSigmaUpper: centre + close * amr,
    oneSigmaLower: centre - (factor / 3) * amr,
    oneSigmaUpper: centre + (factor / 3) * amr,
  };
}

/** Strictly beyond a pair of lines; never when the group has no lines. */
function beyond(v: number, lower: number | null, upper: number | null): boolean {
  return lower !== null && upper !== null && (v > upper || v < lower);
}

function resolve(n: number, options: XmrOptions): XmrResult['options'] {
  const fix = options.fixAfterNPoints ?? null;
  if (fix !== null && (!Number.isInteger(fix) || fix < MIN_FIX_AFTER_N_POINTS)) {
    throw new RangeError(
      `fixAfterNPoints must be a whole number ≥ ${MIN_FIX_AFTER_N_POINTS}, got ${fix}`,
    );
  }
  const rebase = [...(options.rebaseAtPoint ?? [])].sort((a, b) => a - b);
  rebase.forEach((p, i) => {
    if (!Number.isInteger(p) || p < 2 || p > n) {
      throw new RangeError(`rebaseAtPoint must be whole numbers from 2 to ${n}, got ${p}`);
    }
    if (p === rebase[i - 1]) throw new RangeError(`rebaseAtPoint lists point ${p} twice`);
  });
  const target = options.target ?? null;
  if (target !== null && !Number.isFinite(target)) throw new RangeError('target must be finite');
  return {
    improvementDirection: options.improvementDirection ?? 'increase',
    screenOutliers: options.screenOutliers ?? true,
    fixAfterNPoints: fix,
    rebaseAtPoint: rebase,
    target,
    twoInThreeIncludesBeyond3Sigma: options.twoInThreeIncludesBeyond3Sigma ?? false,
    trendLength: options.trendLength ?? 7,
    shiftLength: options.shiftLength ?? 7,
    limitFactor: options.limitFactor ?? 'mdc',
  };
}

/** The XmR analysis of one series (at least one point, all finite), split at each rebase. */
export function xmr(y: readonly number[], options: XmrOptions = {}): XmrResult {
  if (y.length === 0) throw new RangeError('an XmR chart needs at least one point');
  if (!y.every(Number.isFinite)) throw new RangeError('every value must be a finite number');
  const opts = resolve(y.length, options);
  const factor = opts.limitFactor === 'exact' ? EXACT_LIMIT_FACTOR : MDC_LIMIT_FACTOR;
  const starts = [1, ...opts.rebaseAtPoint];

  const groups: XmrGroup[] = [];
  const points: XmrPoint[] = [];
  starts.forEach((firstPoint, g) => {
    const values = y.slice(firstPoint - 1, (starts[g + 1] ?? y.length + 1) - 1);
    const baseline = values.slice(0, opts.fixAfterNPoints ?? values.length);
    const centre = xmrCentre(baseline, opts.screenOutliers);
    const limits = limitsOf(centre.mean, centre.amr, factor);
    const group: XmrGroup = {
      firstPoint,
      nPoints: values.length,
      baselinePoints: baseline.length,
      mean: centre.mean,
      amr: centre.amr,
      ...limits,
      shortGroupWarning: values.length < SHORT_GROUP_POINTS,
    };
    groups.push(group);

    const ruleInput = values.map((v) => {
      const outside = beyond(v, group.lpl, group.upl);
      const beyond2Sigma = beyond(v, group.twoSigmaLower, group.twoSigmaUpper);
      const close = !outside && beyond2Sigma;
      return {
        y: v,
        side: sideOf(v, group.mean),
        outside,
        close,
        closeForTwoInThree: opts.twoInThreeIncludesBeyond3Sigma ? beyond2Sigma : close,
      };
    });
    const labels = specialCauseTypes(ruleInput, opts);
    ruleInput.forEach((p, i) => {
      const label = labels[i]!;
      points.push({
        y: p.y,
        group: g + 1,
        outside: p.outside,
        relativeToMean: p.side,
        close: p.close,
        specialCauseType: label,
        pointType: pointType(label, opts.improvementDirection),
      });
    });
  });

  return {
    method: 'xmr',
    options: opts,
    groups,
    points,
    variationIcon: points.at(-1)!.pointType,
    assuranceIcon: assuranceIcon(opts.target, opts.improvementDirection, groups.at(-1)!),
  };
}

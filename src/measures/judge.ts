import { legacyLimits } from '../stats/legacy-limits.ts';
import { xmr } from '../stats/xmr.ts';
import { compareWindows } from '../stats/overlap.ts';
import { twoProportionTest } from '../stats/two-proportion.ts';
import { wilson } from '../stats/wilson.ts';
import type { ImprovementDirection } from '../stats/spc-icons.ts';
import type { Measure, TargetDef } from './definition.ts';
import type { SeriesPoint, SpcSummary, Status } from './result.ts';
import { financialYearMonths } from './windows.ts';

/** Statistical judgements on a measure's numbers: intervals, significance, SPC, target status. */

export function direction(m: Measure): ImprovementDirection {
  if (m.spc?.improvement) return m.spc.improvement;
  // Where increased reporting is good (hate crime, domestic abuse), a rise is the improvement.
  if (m.polarity === 'higher_is_better' || m.polarity === 'increased_reporting_is_good')
    return 'increase';
  if (m.polarity === 'lower_is_better') return 'decrease';
  return 'neutral';
}

export function interval(m: Measure, num: number | null, den: number | null) {
  if (m.unit !== 'percent' || num === null || den === null || den <= 0 || num > den) return null;
  const w = wilson(num, den);
  return w ? { lower: w.lower, upper: w.upper, method: 'wilson' as const, level: 0.95 } : null;
}

/** Significance of a percentage change: overlap-adjusted when the two windows share months. */
export function significance(
  m: Measure,
  current: { months: readonly string[]; num: number; den: number },
  earlier: { months: readonly string[]; num: number; den: number },
  monthly: (month: string) => { num: number; den: number },
) {
  if (
    m.unit !== 'percent' ||
    current.den <= 0 ||
    earlier.den <= 0 ||
    current.num > current.den ||
    earlier.num > earlier.den
  )
    return null;
  const shared = current.months.filter((x) => earlier.months.includes(x));
  const ok = (x: number, n: number) => x >= 5 && n - x >= 5;
  const normalApproxOk = ok(current.num, current.den) && ok(earlier.num, earlier.den);
  try {
    if (shared.length === 0) {
      const t = twoProportionTest(current.num, current.den, earlier.num, earlier.den);
      if (!t) return null;
      return {
        test: 'two_proportion_z' as const,
        z: t.z,
        p: t.pValue,
        significant: t.significant,
        normalApproxOk,
      };
    }
    const all = [...new Set([...earlier.months, ...current.months])].sort();
    const nums = all.map((x) => monthly(x).num);
    const dens = all.map((x) => monthly(x).den);
    const idx = (months: readonly string[]) => ({
      first: all.indexOf(months[0] as string),
      last: all.indexOf(months.at(-1) as string),
    });
    const t = compareWindows(nums, dens, idx(current.months), idx(earlier.months));
    if (!t) return null;
    return {
      test: 'overlap_adjusted_z' as const,
      z: t.z,
      p: t.pValue,
      significant: t.significant,
      normalApproxOk,
    };
  } catch {
    return null;
  }
}

export function spcSummary(
  m: Measure,
  series: readonly SeriesPoint[],
  targetValue: number | null,
): SpcSummary | null {
  if (!m.spc) return null;
  const points = series.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  if (points.length < 2) return null;
  const y = points.map((p) => p.value);
  const dir = direction(m);
  const rebases = m.spc.rebases.filter((r) => points.some((p) => p.period === r.period));
  if (m.spc.method === 'legacy_2sd' && m.spc.baselineYear) {
    const fy = financialYearMonths(m.spc.baselineYear);
    const first = points.findIndex((p) => p.period === fy[0]);
    const last = points.findIndex((p) => p.period === fy.at(-1));
    if (first >= 0 && last > first) {
      const r = legacyLimits(y, {
        baseline: { first, last },
        sd: m.spc.sd,
        improvementDirection: dir,
      });
      return {
        method: 'legacy_2sd',
        methodLabel: `Mean ± 2 SD of ${m.spc.baselineYear} (${m.spc.sd} SD; the force's legacy limits)`,
        mean: r.mean,
        lpl: r.lower,
        upl: r.upper,
        variationIcon: r.points.at(-1)?.pointType ?? 'common_cause',
        assuranceIcon: null,
        shortGroupWarning: last - first + 1 < 12,
        points: points.map((p, i) => ({
          period: p.period,
          y: p.value,
          mean: r.mean,
          lpl: r.lower,
          upl: r.upper,
          specialCauseType: r.points[i]?.specialCauseType ?? 'Common Cause',
          pointType: r.points[i]?.pointType ?? 'common_cause',
        })),
        rebases: [],
      };
    }
  }
  const rebaseAtPoint = rebases
    .map((r) => points.findIndex((p) => p.period === r.period) + 1)
    .filter((i) => i >= 2);
  const r = xmr(y, { improvementDirection: dir, rebaseAtPoint, target: targetValue });
  const lastGroup = r.groups.at(-1);
  return {
    method: 'xmr_mdc',
    methodLabel: 'XmR, Making Data Count rules',
    mean: lastGroup?.mean ?? null,
    lpl: lastGroup?.lpl ?? null,
    upl: lastGroup?.upl ?? null,
    variationIcon: r.variationIcon,
    assuranceIcon: r.assuranceIcon,
    shortGroupWarning: r.groups.some((g) => g.nPoints < 13),
    points: points.map((p, i) => {
      const pt = r.points[i];
      const g = r.groups[(pt?.group ?? 1) - 1];
      return {
        period: p.period,
        y: p.value,
        mean: g?.mean ?? null,
        lpl: g?.lpl ?? null,
        upl: g?.upl ?? null,
        specialCauseType: pt?.specialCauseType ?? 'Common Cause',
        pointType: pt?.pointType ?? 'common_cause',
      };
    }),
    rebases: rebases.map((x) => ({
      period: x.period,
      reason: x.reason,
      approvedBy: x.approvedBy,
      date: x.date,
    })),
  };
}

/** Target status: met, near (inside the amber band), not met; reductions are against a baseline value. */
export function statusOf(
  target: TargetDef | null,
  value: number | null,
  baseline: number | null,
): Status {
  if (!target || target.direction === 'none') return 'no_target';
  if (value === null) return 'no_data';
  const inside = (band: readonly [number, number] | undefined) =>
    band ? value >= band[0] && value <= band[1] : false;
  let met: boolean;
  switch (target.direction) {
    case 'at_least':
      met = value >= (target.value ?? 0);
      break;
    case 'at_most':
      met = value <= (target.value ?? 0);
      break;
    case 'within':
      met = inside(target.band);
      break;
    case 'reduce_by':
      if (baseline === null || target.value === undefined) return 'no_data';
      met = value <= baseline * (1 - target.value);
      break;
  }
  if (met) return 'met';
  return inside(target.nearBand) ? 'near' : 'not_met';
}

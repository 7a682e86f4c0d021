import { lpasOf, sumCells } from '../cells.ts';
import { SOURCES } from '../compile.ts';
import type { Measure } from '../definition.ts';
import { interval, significance, spcSummary, statusOf } from '../judge.ts';
import type { BreakdownRow, Comparison, MeasureResult, SeriesPoint } from '../result.ts';
import { coveredMonths, windowCoverage } from '../coverage.ts';
import {
  baselineWindow,
  comparisonShift,
  shiftWindow,
  spcMonths,
  valueWindow,
  windowKind,
  windowSpan,
  type Window,
} from '../windows.ts';
import { type Context, type Sides, daysIn } from './context.ts';
import { base, coverOfSources, coverOfTables, lineageFor, measureSpan } from './base.ts';

/** Results from cells: the value, comparisons, monthly series, SPC, LPA breakdown and target. */
// ------------------------------------------------------------------ results from cells

export const monthlyValue = (m: Measure, n: number, d: number | null): number | null => {
  if (d === null) return n;
  return d > 0 ? n / d : null;
};

export function fromCells(
  ctx: Context,
  m: Measure,
  sides: Sides,
  extraTables: readonly string[] = [],
): MeasureResult {
  const { cells, period } = ctx;
  const sourceTables = [
    ...new Set([...sides.sources.flatMap((s) => SOURCES[s].tables), ...extraTables]),
  ];
  // A force-wide measure shows the force figure in an LPA view (and says so).
  const lpa = m.scope === 'force' ? null : ctx.lpa;
  const cover =
    sides.sources.length > 0 ? coverOfSources(sides.sources) : coverOfTables(extraTables);
  const span = measureSpan(ctx, cover);
  // Only months the data covers are summed; a month outside it is unknown, not zero.
  const at = (w: Window, l: string | null = lpa) => {
    const months = coveredMonths(span, w.months);
    const force = l === null && sides.forceNum !== undefined;
    const numKey = force ? (sides.forceNum as string) : sides.num;
    const denKey = force ? (sides.forceDen ?? null) : sides.den;
    const n = sumCells(cells, numKey, months, l);
    const d = sides.perDay
      ? daysIn(months)
      : denKey === null
        ? null
        : sumCells(cells, denKey, months, l);
    return { n, d, value: monthlyValue(m, n, d) };
  };
  const fully = (w: Window) => coveredMonths(span, w.months).length === w.months.length;
  // A total over fewer months is not comparable with one over all of them; a rate is.
  const usable = (w: Window) =>
    m.unit === 'count' ? fully(w) : coveredMonths(span, w.months).length > 0;
  const warnings: string[] = [];
  const w = valueWindow(m, period);
  const coverage = windowCoverage(span, w.months);
  const now = at(w);
  const monthly = (month: string) => {
    const x = at({ label: month, months: [month] });
    return { num: x.n, den: x.d ?? 0 };
  };

  // A comparison is made only where both windows are usable (wholly covered, for a total).
  const comparisons: Comparison[] = m.comparisons.map((kind) => {
    const cw = shiftWindow(w, comparisonShift(kind, period));
    const window = windowSpan(windowKind(m, period), cw);
    if (!usable(w) || !usable(cw)) {
      return {
        kind,
        period: cw.label,
        window,
        value: null,
        numerator: null,
        denominator: null,
        absoluteChange: null,
        relativeChange: null,
        significance: null,
      };
    }
    const then = at(cw);
    if (!fully(cw))
      warnings.push(
        `The comparison with ${cw.label} is over the ${coveredMonths(span, cw.months).length} of its ${cw.months.length} months that the data covers.`,
      );
    const abs = now.value !== null && then.value !== null ? now.value - then.value : null;
    const rel = abs !== null && then.value !== null && then.value !== 0 ? abs / then.value : null;
    const sig =
      now.d !== null && then.d !== null
        ? significance(
            m,
            { months: w.months, num: now.n, den: now.d },
            { months: cw.months, num: then.n, den: then.d },
            monthly,
          )
        : null;
    return {
      kind,
      period: cw.label,
      window,
      value: then.value,
      numerator: then.n,
      denominator: then.d,
      absoluteChange: abs,
      relativeChange: rel,
      significance: sig,
    };
  });

  const series: SeriesPoint[] = spcMonths(m, period).map((month) => {
    if (!fully({ label: month, months: [month] }))
      return { period: month, value: null, numerator: null, denominator: null };
    const x = at({ label: month, months: [month] });
    return { period: month, value: x.value, numerator: x.n, denominator: x.d };
  });

  let baselineValue: number | null = null;
  const target = m.target
    ? {
        description: m.target.description,
        value: m.target.value ?? null,
        band: m.target.band ?? null,
        direction: m.target.direction,
        baseline: m.target.baselineYear
          ? (() => {
              const bw = baselineWindow(w, m.target.baselineYear);
              baselineValue = fully(bw) ? at(bw).value : null;
              return { period: bw.label, value: baselineValue };
            })()
          : null,
      }
    : null;
  const assuranceTarget =
    m.target && (m.target.direction === 'at_least' || m.target.direction === 'at_most')
      ? (m.target.value ?? null)
      : null;

  const breakdown: BreakdownRow[] =
    m.breakdowns.includes('lpa') && m.scope === 'lpa' && coverage.window !== 'none'
      ? lpasOf(cells, sides.den ?? sides.num).map((l) => {
          const x = at(w, l);
          return {
            key: l,
            label: l,
            value: x.value,
            numerator: x.n,
            denominator: x.d,
            interval: interval(m, x.n, x.d),
          };
        })
      : [];

  if (m.minimumBase !== undefined && now.d !== null && now.d < m.minimumBase)
    warnings.push(
      `Small base: ${now.d} responses, below the minimum of ${m.minimumBase}; treat with caution.`,
    );
  if (now.d === 0 && coverage.window !== 'none') warnings.push('No cases in the window.');
  if (m.target?.baselineYear && baselineValue === null && coverage.window !== 'none')
    warnings.push(
      `The ${m.target.baselineYear} baseline is not wholly covered by the data (${coverage.label}), so the target is not judged.`,
    );
  const spc = spcSummary(m, series, assuranceTarget);
  if (spc?.shortGroupWarning)
    warnings.push('SPC: fewer than 13 points in a group; limits are provisional.');

  const r = base(ctx, m, {
    sources: sourceTables,
    cover,
    status: statusOf(m.target, now.value, baselineValue),
    warnings,
  });
  if (coverage.window === 'none') return r;
  return {
    ...r,
    value: now.value,
    numerator: now.n,
    denominator: now.d,
    interval: interval(m, now.n, now.d),
    target,
    comparisons,
    spc,
    breakdown,
    series,
    lineage: {
      sql: lineageFor(ctx, sides),
      rowCounts: { numerator: now.n, ...(now.d === null ? {} : { denominator: now.d }) },
    },
  };
}

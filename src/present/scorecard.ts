/**
 * Scorecard rows for the board edition: one comparison basis for every row (the same period
 * last year, the engine's `last_year` comparison), the value and the change formatted once here,
 * the SPC icons as the engine coded them, and a 12-month sparkline from the result's series.
 */
import type { Comparison, MeasureResult } from '../measures/result.ts';
import {
  DASH,
  formatCount,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatPoints,
  formatRelativeChange,
  formatValue,
} from './format.ts';
import type { ScorecardRow, VariationMark } from './board-model.ts';
import { suppressionAt, suppressedText } from './disclosure.ts';

/** The withheld text for a field disclosure control withheld ("fewer than 5"), else null. */
function withheld(r: MeasureResult, path: string): string | null {
  const reason = suppressionAt(r, path);
  return reason ? suppressedText(reason) : null;
}

/** The value as the board prints it: survey percentages (with an interval) at 0 dp, others at 1. */
export function boardValue(r: MeasureResult): string {
  const w = withheld(r, 'value');
  if (w) return w;
  if (r.unit === 'percent' && r.value !== null) return formatPercent(r.value, r.interval ? 0 : 1);
  return formatValue(r.value, r.unit);
}

export function lastYearOf(r: MeasureResult): Comparison | null {
  return r.comparisons.find((c) => c.kind === 'last_year') ?? null;
}

/** The change on a comparison: points for percentages, % (and the count) for counts. */
export function changeText(r: MeasureResult, c: Comparison | null): string {
  const i = c ? r.comparisons.indexOf(c) : -1;
  const w =
    i >= 0
      ? (withheld(r, `comparisons.${i}.absoluteChange`) ??
        withheld(r, `comparisons.${i}.relativeChange`))
      : null;
  if (w) return w;
  if (!c || r.value === null || c.value === null) return DASH;
  const abs = c.absoluteChange ?? r.value - c.value;
  if (r.unit === 'percent') return formatPoints(abs);
  if (r.unit === 'count') {
    const rel = c.relativeChange ?? (c.value === 0 ? null : abs / c.value);
    const count = `${abs > 0 ? '+' : ''}${formatCount(abs)}`;
    return rel === null ? count : `${formatRelativeChange(rel)} (${count})`;
  }
  return `${abs > 0 ? '+' : ''}${formatNumber(abs, 1)}`;
}

export function comparisonValue(r: MeasureResult, c: Comparison | null): string {
  const i = c ? r.comparisons.indexOf(c) : -1;
  const w = i >= 0 ? withheld(r, `comparisons.${i}.value`) : null;
  if (w) return w;
  if (!c || c.value === null) return DASH;
  return r.unit === 'percent'
    ? formatPercent(c.value, r.interval ? 0 : 1)
    : formatValue(c.value, r.unit);
}

export function variationOf(r: MeasureResult): VariationMark | null {
  if (!r.spc || r.spc.points.length === 0) return null;
  return { icon: r.spc.variationIcon, lastType: r.spc.points.at(-1)?.specialCauseType ?? null };
}

const MONTH = /^\d{4}-\d{2}$/;

/** The last 12 monthly values up to the report's last month (oldest first). */
export function sparkOf(r: MeasureResult, lastMonth: string): (number | null)[] {
  const monthly = r.series.filter((p) => MONTH.test(p.period) && p.period <= lastMonth);
  const points =
    monthly.length > 0
      ? monthly.map((p) => p.value)
      : (r.spc?.points ?? [])
          .filter((p) => MONTH.test(p.period) && p.period <= lastMonth)
          .map((p) => p.y);
  return points.slice(-12);
}

/** Row notes: a force-wide figure in an LPA pack, and data that does not cover the window. */
export function marksOf(r: MeasureResult, lpaReport: boolean): string[] {
  const marks: string[] = [];
  if (lpaReport && r.scope === 'force') marks.push('force-wide');
  if (r.coverage?.window === 'none') marks.push('no data in window');
  if (r.coverage?.window === 'partial') marks.push('partial data');
  return marks;
}

/** The sparkline's range in words. */
export function sparkText(values: readonly (number | null)[], unit: MeasureResult['unit']): string {
  const v = values.filter((x): x is number => x !== null);
  if (v.length < 2) return 'No monthly series';
  const f = (x: number) => (unit === 'percent' ? formatPercent(x, 0) : formatValue(x, unit));
  return `${v.length} months: lowest ${f(Math.min(...v))}, highest ${f(Math.max(...v))}, latest ${f(v.at(-1)!)}`;
}

export function scorecardRow(
  r: MeasureResult,
  lastMonth: string,
  lpaReport: boolean,
): ScorecardRow {
  const ly = lastYearOf(r);
  const spark = sparkOf(r, lastMonth);
  return {
    id: r.id,
    title: r.title,
    value: boardValue(r),
    lastYear: comparisonValue(r, ly),
    change: changeText(r, ly),
    significant: ly?.significance ? ly.significance.significant : null,
    target: r.target?.description ?? DASH,
    status: r.status,
    variation: variationOf(r),
    assurance: r.spc?.assuranceIcon ?? null,
    spark,
    sparkText: sparkText(spark, r.unit),
    marks: marksOf(r, lpaReport),
    available: true,
  };
}

/** A row for a measure with no (valid) result: status no_data, said as such. */
export function missingRow(id: string, title: string): ScorecardRow {
  return {
    id,
    title,
    value: DASH,
    lastYear: DASH,
    change: DASH,
    significant: null,
    target: DASH,
    status: 'no_data',
    variation: null,
    assurance: null,
    spark: [],
    sparkText: 'No monthly series',
    marks: ['not available'],
    available: false,
  };
}

/**
 * The comparison basis in words: the period most `last_year` comparisons of results over the
 * report's own window name ("Q1 2020/21"); results over other windows (rolling months) compare
 * with their own window a year earlier, which the header says.
 */
export function basisLabel(results: readonly MeasureResult[], periodLabel: string): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (r.window.label !== periodLabel && r.period.label !== periodLabel) continue;
    const c = lastYearOf(r);
    if (c) counts.set(c.period, (counts.get(c.period) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? formatPeriodLabel(best[0]) : 'the same period last year';
}

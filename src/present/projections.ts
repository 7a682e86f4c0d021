/**
 * Projections to the end of the financial year for count measures with a monthly series (the
 * crime rows and the key counts): the seasonal naive projection with drift of
 * `src/stats/projection.ts` for each month still to come, added to the months observed so far.
 *
 * The interval is for the year's total. Under the model each projected month within a year
 * carries its own seasonal shock (independent, SD σ) plus the error of the estimated drift μ̂,
 * shared by every month (Var μ̂ = σ²/N). For H months to come (H ≤ 12) the total's variance is
 * H·σ² + H²·σ²/N, so the interval is Σŷ ± z·σ·√(H + H²/N). The months observed add no error.
 */
import type { MeasureResult } from '../measures/result.ts';
import { addMonths, financialYearOf, monthsBetween } from '../measures/period.ts';
import { Z95 } from '../stats/normal.ts';
import { projectSeasonal } from '../stats/projection.ts';
import type { ProjectionRow } from './board-model.ts';
import { DASH, formatCount, formatMonthRange, formatRelativeChange } from './format.ts';

const MONTH = /^\d{4}-\d{2}$/;

export interface YearProjection {
  readonly observedMonths: readonly string[];
  readonly observed: number;
  readonly projected: number;
  readonly lower: number;
  readonly upper: number;
  /** The previous financial year's total, when the series has all of it. */
  readonly lastYear: number | null;
}

/** The financial year of a month ("2021-06" → 2021/22) as its first and last month. */
function yearBounds(month: string): { first: string; last: string; label: string } {
  const label = financialYearOf(month);
  const first = `${label.slice(0, 4)}-04`;
  return { first, last: addMonths(first, 11), label };
}

/**
 * The year-end projection of a monthly count series, or null when there is nothing to project
 * (the year is complete, fewer than 24 months, or a gap in the months).
 */
export function projectYear(
  series: readonly { period: string; value: number | null }[],
  lastMonth: string,
): YearProjection | null {
  const monthly = series.filter((p) => MONTH.test(p.period) && p.period <= lastMonth);
  const last = monthly.at(-1);
  if (!last || last.period !== lastMonth) return null;
  const values = monthly.map((p) => p.value);
  if (values.some((v) => v === null || !Number.isFinite(v))) return null;
  const expected = monthsBetween(monthly[0]!.period, lastMonth);
  if (expected.length !== monthly.length) return null;
  const y = values as number[];
  const { first, last: yearEnd } = yearBounds(lastMonth);
  const remaining = monthsBetween(lastMonth, yearEnd).length - 1;
  if (remaining <= 0 || y.length < 24) return null;
  const p = projectSeasonal(y, remaining);
  const observedMonths = monthly.filter((x) => x.period >= first).map((x) => x.period);
  const observed = monthly.filter((x) => x.period >= first).reduce((s, x) => s + (x.value ?? 0), 0);
  const projected = observed + p.points.reduce((s, x) => s + x.mean, 0);
  const half = Z95 * p.residualSd * Math.sqrt(remaining + (remaining * remaining) / p.nDifferences);
  const prevFirst = addMonths(first, -12);
  const prev = monthly.filter((x) => x.period >= prevFirst && x.period < first);
  const lastYear = prev.length === 12 ? prev.reduce((s, x) => s + (x.value ?? 0), 0) : null;
  return {
    observedMonths,
    observed,
    projected,
    lower: Math.max(observed, projected - half),
    upper: projected + half,
    lastYear,
  };
}

function isPointInTime(r: MeasureResult): boolean {
  return r.window.start === r.window.end || /^end of /.test(r.window.label);
}

/** A projection row for a count measure, or null when it cannot be projected. */
export function projectionRow(r: MeasureResult, lastMonth: string): ProjectionRow | null {
  // Only flows add up over a year: a stock (open investigations at the end of a month) does not.
  if (r.unit !== 'count' || isPointInTime(r)) return null;
  const p = projectYear(r.series, lastMonth);
  if (!p) return null;
  return {
    id: r.id,
    title: r.title,
    observedMonths: formatMonthRange(p.observedMonths),
    observed: formatCount(p.observed),
    projected: formatCount(p.projected),
    interval: `${formatCount(p.lower)} to ${formatCount(p.upper)}`,
    lastYear: p.lastYear === null ? DASH : formatCount(p.lastYear),
    change:
      p.lastYear === null || p.lastYear === 0
        ? DASH
        : formatRelativeChange((p.projected - p.lastYear) / p.lastYear),
  };
}

/** "2021/22" and its last month for the report's last month. */
export function financialYear(lastMonth: string): { label: string; last: string } {
  const b = yearBounds(lastMonth);
  return { label: b.label, last: b.last };
}

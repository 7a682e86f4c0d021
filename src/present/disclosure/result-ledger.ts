/**
 * The ledger of a set of MeasureResults: which fields are counts, which are computed from
 * counts, and which sums a reader could use to subtract (see ../disclosure.ts).
 */
import type { MeasureResult } from '../../measures/result.ts';
import { LedgerBuilder, type Path } from './builder.ts';
import type { Ledger } from './protect.ts';
import { tableLedger } from './table-ledger.ts';

/** The cells of one figure (a value with its numerator and denominator). */
export interface Figure {
  readonly num: string | null;
  readonly den: string | null;
  /** The value, when it is itself a count (`unit: 'count'`). */
  readonly value: string | null;
  readonly all: readonly (string | null)[];
}

/** What other results' tables may refer to (the crime table repeats the crime measures). */
export interface ResultCells {
  readonly top: Figure;
  readonly comparisons: ReadonlyMap<string, Figure>;
  /** Every cell of the monthly series, and those behind the SPC points. */
  readonly series: readonly string[];
  readonly spc: readonly string[];
  /** The series' figures by month ("YYYY-MM"). */
  readonly byMonth: ReadonlyMap<string, Figure>;
}

/**
 * A figure at `at`. A numerator is a count unless the unit is days (a sum of days); a
 * denominator is a count unless the unit is a mean per day (its base is days, which readers
 * know). A rate is computed from its counts, with the denominator as its base.
 */
export function figure(b: LedgerBuilder, i: number, at: Path, unit: MeasureResult['unit']): Figure {
  const num = unit === 'days' ? null : b.count(i, [...at, 'numerator']);
  const den = unit === 'mean' ? null : b.count(i, [...at, 'denominator']);
  let value: string | null = null;
  if (unit === 'count') {
    value = b.count(i, [...at, 'value']);
    b.sum(value, [num]);
    b.sum(value, [den]);
  } else {
    b.derive(i, [...at, 'value'], [num, den], [den]);
    b.ratio(num, den);
  }
  b.derive(i, [...at, 'interval'], [num, den, value], [den]);
  return { num, den, value, all: [num, den, value] };
}

const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
const monthOf = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
const shiftMonth = (m: string, by: number) => monthOf(monthIndex(m) + by);

/** The months from an ISO start date up to an end date (exclusive when it is the 1st). */
export function monthsBetween(start: string, end: string): string[] {
  const last = monthIndex(end) - (end.slice(8, 10) === '01' ? 1 : 0);
  const out: string[] = [];
  for (let k = monthIndex(start); k <= last; k++) out.push(monthOf(k));
  return out;
}

const SHIFT: Record<string, (periodMonths: number) => number> = {
  last_year: () => -12,
  two_years_ago: () => -24,
  previous: (n) => -n,
};

function resultCells(b: LedgerBuilder, i: number, r: MeasureResult): ResultCells {
  const top = figure(b, i, [], r.unit);
  if (r.unit === 'count') b.count(i, ['target', 'baseline', 'value']);
  const comparisons = new Map<string, Figure>();
  r.comparisons.forEach((c, j) => {
    const f = figure(b, i, ['comparisons', j], r.unit);
    comparisons.set(c.kind, f);
    for (const k of ['absoluteChange', 'relativeChange', 'significance'])
      b.derive(i, ['comparisons', j, k], [...top.all, ...f.all], [top.den, f.den]);
  });

  const rows = r.breakdown.map((_, k) => figure(b, i, ['breakdown', k], r.unit));
  if (r.lpa === null) {
    b.sum(
      top.num,
      rows.map((x) => x.num),
    );
    b.sum(
      top.den,
      rows.map((x) => x.den),
    );
    b.sum(
      top.value,
      rows.map((x) => x.value),
    );
  } else {
    const k = r.breakdown.findIndex((x) => x.key === r.lpa);
    const own = rows[k];
    if (own) for (const f of ['num', 'den', 'value'] as const) b.sum(top[f], [own[f]]);
  }

  const points = r.series.map((_, k) => figure(b, i, ['series', k], r.unit));
  const byMonth = new Map(r.series.map((p, k) => [p.period, points[k] as Figure]));
  // A window's figure is the sum of its months: the period against the series, and each
  // comparison against the same months shifted.
  const windowMonths = monthsBetween(r.window.start, r.window.end);
  const periodMonths = monthsBetween(r.period.start, r.period.end).length;
  const sumOver = (f: Figure, months: readonly string[]) => {
    const parts = months.map((m) => byMonth.get(m));
    if (parts.some((p) => p === undefined)) return;
    for (const side of ['num', 'den', 'value'] as const)
      b.sum(
        f[side],
        parts.map((p) => (p as Figure)[side]),
      );
  };
  sumOver(top, windowMonths);
  r.comparisons.forEach((c) => {
    const shift = SHIFT[c.kind]?.(periodMonths);
    const f = comparisons.get(c.kind);
    if (shift !== undefined && f)
      sumOver(
        f,
        windowMonths.map((m) => shiftMonth(m, shift)),
      );
  });

  const series = points.flatMap((p) => p.all).filter((x): x is string => x !== null);
  const spc: string[] = [];
  r.spc?.points.forEach((p, k) => {
    const f = byMonth.get(p.period);
    const deps = f ? f.all : [];
    for (const d of deps) if (d !== null) spc.push(d);
    b.derive(i, ['spc', 'points', k, 'y'], deps, f ? [f.den] : []);
  });
  // Limits and the mean are computed from every point: any withheld point withholds them.
  if (r.spc) {
    for (const k of ['mean', 'lpl', 'upl']) b.derive(i, ['spc', k], spc);
    r.spc.points.forEach((_, k) => {
      for (const f of ['mean', 'lpl', 'upl']) b.derive(i, ['spc', 'points', k, f], spc);
    });
  }
  return { top, comparisons, series, spc, byMonth };
}

/** The ledger of every result in one output, tables and the links between results included. */
export function resultsLedger(results: readonly MeasureResult[]): Ledger {
  const b = new LedgerBuilder(results);
  const cells = results.map((r, i) => resultCells(b, i, r));
  const byId = new Map(results.map((r, i) => [r.id, cells[i] as ResultCells]));
  results.forEach((r, i) => tableLedger(b, i, r, cells[i] as ResultCells, byId));
  return b.ledger();
}

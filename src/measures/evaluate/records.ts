import type { Measure } from '../definition.ts';
import { statusOf } from '../judge.ts';
import { addMonths, monthIndex } from '../period.ts';
import type { Comparison, MeasureResult, OpenFindingsRow, SeriesPoint } from '../result.ts';
import { monthName, windowCoverage, type Span } from '../coverage.ts';
import {
  comparisonShift,
  shiftWindow,
  spcMonths,
  valueWindow,
  windowKind,
  windowSpan,
} from '../windows.ts';
import type { Context } from './context.ts';
import { base } from './base.ts';

/**
 * Measures over the records people author (`compute.kind: 'records'`). src/measures may not
 * import src/records, so the caller (src/app/records-inputs.ts) reads the records and hands them
 * in as plain data (`RecordInputs`); without them the result says the records were not read.
 *
 * `open_recommendations`: the findings of the register (recommendations, areas for improvement,
 * causes of concern) open at the end of the window, by age band. A finding exists from its
 * report's publication and is open until the day its closure (or supersession) was recorded.
 * The register covers the months from its earliest report to the day it was read: before that
 * it has nothing to count (no data, never a zero), and a window still running is counted on the
 * day it was read.
 */
export interface RegisterFinding {
  readonly publishedOn: string;
  readonly closedOn: string | null;
  readonly scope: 'national' | 'force';
}

export interface FindingsRegister {
  /** The day the register was read ("YYYY-MM-DD", London): nothing later is known. */
  readonly today: string;
  readonly findings: readonly RegisterFinding[];
}

/** What the engine reads from the records store, by the catalogue's `compute.name`. */
export interface RecordInputs {
  readonly open_recommendations?: FindingsRegister;
}

/** Ages of an open finding at the end of the window, in months since its report. */
export const AGE_BANDS = [
  { label: '0–3 months', below: 3 },
  { label: '3–6 months', below: 6 },
  { label: '6–12 months', below: 12 },
  { label: '12 months or more', below: Number.POSITIVE_INFINITY },
] as const;
export const ALL_OPEN = 'All open findings';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month "YYYY-MM". */
export const monthEnd = (month: string): string => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

/** A date `n` months later, the day kept where the month has it (31 Jan + 1 → 28 or 29 Feb). */
export function addMonthsToDate(date: string, n: number): string {
  const month = addMonths(date.slice(0, 7), n);
  const last = monthEnd(month);
  const day = Math.min(Number(date.slice(8, 10)), Number(last.slice(8, 10)));
  return `${month}-${pad(day)}`;
}

/** The age band of a finding published on `publishedOn`, open at the end of `asOf`. */
export function ageBandOf(publishedOn: string, asOf: string): string {
  for (const b of AGE_BANDS)
    if (b.below === Number.POSITIVE_INFINITY || asOf < addMonthsToDate(publishedOn, b.below))
      return b.label;
  return '12 months or more';
}

const openOn = (f: RegisterFinding, day: string) =>
  f.publishedOn <= day && (f.closedOn === null || f.closedOn > day);

/** The findings open at the end of `day`. */
export const openFindings = (r: FindingsRegister, day: string): RegisterFinding[] =>
  r.findings.filter((f) => openOn(f, day));

/** The months the register covers: its earliest report's to the day it was read. */
export function registerSpan(r: FindingsRegister): Span | null {
  if (r.findings.length === 0) return null;
  const first = r.findings.map((f) => f.publishedOn).reduce((a, b) => (a < b ? a : b));
  const from = first.slice(0, 7);
  const to = r.today.slice(0, 7);
  return monthIndex(from) <= monthIndex(to) ? { from, to } : null;
}

/** The day a month is counted on: its last day, or the day the register was read if earlier. */
const countedOn = (r: FindingsRegister, month: string) => {
  const end = monthEnd(month);
  return end < r.today ? end : r.today;
};

/** The count at the end of a month, or null outside the register's months. */
function countAt(r: FindingsRegister, span: Span | null, month: string): number | null {
  if (span === null || monthIndex(month) < monthIndex(span.from)) return null;
  if (monthIndex(month) > monthIndex(span.to)) return null;
  return openFindings(r, countedOn(r, month)).length;
}

/** The age-band table: one row per band, then all open findings. */
export function ageTable(open: readonly RegisterFinding[], day: string): OpenFindingsRow[] {
  const total = open.length;
  const row = (label: string, xs: readonly RegisterFinding[]): OpenFindingsRow => ({
    age_band: label,
    open: xs.length,
    share: total > 0 ? xs.length / total : null,
    national_scope: xs.filter((f) => f.scope === 'national').length,
  });
  return [
    ...AGE_BANDS.map((b) =>
      row(
        b.label,
        open.filter((f) => ageBandOf(f.publishedOn, day) === b.label),
      ),
    ),
    row(ALL_OPEN, open),
  ];
}

/** "1 June 2020" from "2020-06-01". */
const dayName = (d: string) => `${Number(d.slice(8, 10))} ${monthName(d.slice(0, 7))}`;

const NOT_READ =
  'Inspection findings were not read from the records store for this result, so they are not counted.';

export function fromRecords(ctx: Context, m: Measure, name: string): MeasureResult {
  if (name !== 'open_recommendations') throw new Error(`unknown records computation ${name}`);
  const register = ctx.records?.open_recommendations;
  const noData = (warning: string) =>
    base(ctx, m, { sources: [], status: 'no_data', warnings: [warning] });
  if (!register) return noData(NOT_READ);
  if (register.findings.length === 0)
    return noData(
      'No inspection findings are recorded in Bluelamp yet: add the reports and their findings to the register to count them.',
    );
  const span = registerSpan(register);
  const w = valueWindow(m, ctx.period);
  const last = w.months.at(-1) as string;
  const coverage = windowCoverage(span, w.months);
  const first = register.findings.map((f) => f.publishedOn).reduce((a, b) => (a < b ? a : b));
  const r0 = base(ctx, m, { sources: [], status: 'no_data', warnings: [] });
  const freshness = {
    tables: ['findings'],
    latestRecord: register.findings
      .flatMap((f) => [f.publishedOn, f.closedOn ?? f.publishedOn])
      .reduce((a, b) => (a > b ? a : b)),
    /** The register is live: read on the day the result was computed. */
    lastImport: register.today,
  };
  if (coverage.window === 'none')
    return {
      ...r0,
      coverage,
      freshness,
      warnings: [
        ...r0.warnings,
        monthIndex(last) < monthIndex(first.slice(0, 7))
          ? `No data for the end of ${monthName(last)}: the register's earliest report was published on ${dayName(first)}, so it has nothing to count then (which is not evidence that nothing was open).`
          : `No data for the end of ${monthName(last)}: the register was read on ${dayName(register.today)}.`,
      ],
    };

  const day = countedOn(register, last);
  const open = openFindings(register, day);
  const value = open.length;
  const warnings: string[] = [];
  if (day < monthEnd(last))
    warnings.push(
      `Counted on ${dayName(day)}, the day the register was read: ${monthName(last)} has not ended.`,
    );
  warnings.push(
    'A finding counts as closed from the day its closure was recorded in Bluelamp; its age is counted from its report’s publication.',
  );

  const comparisons: Comparison[] = m.comparisons.map((kind) => {
    const cw = shiftWindow(w, comparisonShift(kind, ctx.period));
    const then = countAt(register, span, cw.months.at(-1) as string);
    const abs = then === null ? null : value - then;
    return {
      kind,
      period: cw.label,
      window: windowSpan(windowKind(m, ctx.period), cw),
      value: then,
      numerator: then,
      denominator: null,
      absoluteChange: abs,
      relativeChange: abs !== null && then !== null && then !== 0 ? abs / then : null,
      significance: null,
    };
  });
  const series: SeriesPoint[] = spcMonths(m, ctx.period).map((month) => {
    const n = countAt(register, span, month);
    return { period: month, value: n, numerator: n, denominator: null };
  });
  return {
    ...r0,
    coverage,
    value,
    numerator: value,
    status: statusOf(m.target, value, null),
    comparisons,
    series,
    table: { kind: 'open_findings', rows: ageTable(open, day) },
    warnings: [...r0.warnings, ...warnings],
    freshness,
    lineage: {
      sql: [],
      rowCounts: { findings: register.findings.length, open: value },
    },
  };
}

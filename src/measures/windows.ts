import type { Measure } from './definition.ts';
import type { WindowKind, WindowSpan } from './result.ts';
import {
  addMonths,
  financialYearOf,
  lastMonthOf,
  monthIndex,
  monthsBetween,
  type Period,
} from './period.ts';

/**
 * The months a measure's value covers for a period, and the months of each comparison. All
 * windows are lists of "YYYY-MM" months; rolling windows end with the period's last month.
 */
export interface Window {
  readonly label: string;
  readonly months: readonly string[];
}

const span = (months: readonly string[]) => `${months[0]} to ${months.at(-1)}`;

export function valueWindow(m: Measure, p: Period): Window {
  const last = lastMonthOf(p);
  switch (m.window.kind) {
    case 'period':
      return { label: p.label, months: p.months };
    case 'rolling': {
      const months = monthsBetween(addMonths(last, -(m.window.months - 1)), last);
      return { label: `${m.window.months} months to ${last}`, months };
    }
    case 'ytd': {
      const fy = financialYearOf(last);
      return { label: `${fy} to ${last}`, months: monthsBetween(`${fy.slice(0, 4)}-04`, last) };
    }
    case 'point_in_time':
      return { label: `end of ${last}`, months: [last] };
  }
}

export type ComparisonKind = 'previous' | 'last_year' | 'two_years_ago';

/** How far back each comparison reaches: the previous period is one period length earlier. */
export function comparisonShift(kind: ComparisonKind, p: Period): number {
  if (kind === 'last_year') return -12;
  if (kind === 'two_years_ago') return -24;
  return -p.months.length;
}

export function shiftWindow(w: Window, months: number): Window {
  const shifted = w.months.map((m) => addMonths(m, months));
  return { label: span(shifted), months: shifted };
}

/** The months charted by SPC, ending with the period's last month. */
export function spcMonths(m: Measure, p: Period): string[] {
  const last = lastMonthOf(p);
  const n = m.spc?.months ?? 36;
  return monthsBetween(addMonths(last, -(n - 1)), last);
}

/** The same months in a baseline financial year (e.g. Apr–Jun 2019 for Q1 2021/22 against 2019/20). */
export function baselineWindow(w: Window, baselineYear: string): Window {
  const last = w.months.at(-1) as string;
  const fyStart = Number(financialYearOf(last).slice(0, 4));
  const shift = (Number(baselineYear.slice(0, 4)) - fyStart) * 12;
  return shiftWindow(w, shift);
}

export function financialYearMonths(fy: string): string[] {
  const y = Number(fy.slice(0, 4));
  return monthsBetween(`${y}-04`, `${y + 1}-03`);
}

/** Every month a measure reads for a period: its window, comparisons, SPC series and baselines. */
export function monthsNeeded(m: Measure, p: Period): string[] {
  const w = valueWindow(m, p);
  const all = new Set<string>([...w.months, ...spcMonths(m, p)]);
  for (const c of m.comparisons)
    for (const x of shiftWindow(w, comparisonShift(c, p)).months) all.add(x);
  const baselines = [
    m.spc?.method === 'legacy_2sd' ? m.spc.baselineYear : undefined,
    m.target?.baselineYear,
  ].filter((x): x is string => x !== undefined);
  for (const fy of baselines) {
    for (const x of financialYearMonths(fy)) all.add(x);
    for (const x of baselineWindow(w, fy).months) all.add(x);
  }
  return [...all].sort((a, b) => monthIndex(a) - monthIndex(b));
}

/** What kind of window a measure's value is over for a period: the period's own kind, or its own. */
export function windowKind(m: Measure, p: Period): WindowKind {
  return m.window.kind === 'period' ? p.kind : m.window.kind;
}

/** A window as data: its kind and first and last months (the contract's `WindowSpan`). */
export function windowSpan(kind: WindowKind, w: Window): WindowSpan {
  return { kind, first: w.months[0] as string, last: w.months.at(-1) as string };
}

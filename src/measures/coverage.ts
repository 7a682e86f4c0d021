import { monthIndex } from './period.ts';
import type { Coverage } from './result.ts';
import { MONTH_NAMES as MONTHS } from '../lib/months.ts';

/**
 * Which months the data covers. A table covers the months from its earliest to its latest
 * record (gaps inside that span are the import's concern, shown by `status`); a measure reading
 * several tables is covered where all of them are. A value window is fully, partly or not at all
 * covered, and the engine says which: no value where nothing is covered, and no target status
 * unless the whole window is.
 */
export interface Span {
  /** First and last month covered, "YYYY-MM". */
  readonly from: string;
  readonly to: string;
}

/** "2021-04" → "April 2021". */
export const monthName = (m: string): string =>
  `${MONTHS[Number(m.slice(5, 7)) - 1] ?? m.slice(5, 7)} ${m.slice(0, 4)}`;

/** "April 2018 – March 2022", or a plain statement that there is no data. */
export const spanLabel = (s: Span | null): string =>
  s === null
    ? 'no data loaded'
    : s.from === s.to
      ? monthName(s.from)
      : `${monthName(s.from)} – ${monthName(s.to)}`;

/** The months every span covers (null when they share none, or when a table has no data). */
export function intersect(spans: readonly (Span | null)[]): Span | null {
  if (spans.length === 0 || spans.some((s) => s === null)) return null;
  const all = spans as readonly Span[];
  const from = all.map((s) => s.from).reduce((a, b) => (monthIndex(a) >= monthIndex(b) ? a : b));
  const to = all.map((s) => s.to).reduce((a, b) => (monthIndex(a) <= monthIndex(b) ? a : b));
  return monthIndex(from) <= monthIndex(to) ? { from, to } : null;
}

/** The span from the earliest to the latest month of any of the spans (null when all are). */
export function union(spans: readonly (Span | null)[]): Span | null {
  const all = spans.filter((s): s is Span => s !== null);
  if (all.length === 0) return null;
  const from = all.map((s) => s.from).reduce((a, b) => (monthIndex(a) <= monthIndex(b) ? a : b));
  const to = all.map((s) => s.to).reduce((a, b) => (monthIndex(a) >= monthIndex(b) ? a : b));
  return { from, to };
}

export const covers = (s: Span | null, month: string): boolean =>
  s !== null && monthIndex(month) >= monthIndex(s.from) && monthIndex(month) <= monthIndex(s.to);

/** The months of a window that a span covers, in order. */
export const coveredMonths = (s: Span | null, months: readonly string[]): string[] =>
  months.filter((m) => covers(s, m));

/** How a span covers a window's months. */
export function windowCoverage(s: Span | null, months: readonly string[]): Coverage {
  const n = coveredMonths(s, months).length;
  return {
    from: s?.from ?? null,
    to: s?.to ?? null,
    label: spanLabel(s),
    window: n === 0 ? 'none' : n === months.length ? 'full' : 'partial',
    coveredMonths: n,
    windowMonths: months.length,
  };
}

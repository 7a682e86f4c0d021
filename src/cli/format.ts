import type { MeasureResult } from '../measures/result.ts';

/** Numbers for a terminal: percentages from fractions, en-GB thousands separators. */
export function formatValue(unit: MeasureResult['unit'], v: number | null): string {
  if (v === null) return '—';
  if (unit === 'percent') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'count') return Math.round(v).toLocaleString('en-GB');
  return v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

export function formatChange(
  unit: MeasureResult['unit'],
  abs: number | null,
  rel: number | null,
): string {
  if (abs === null) return '—';
  if (unit === 'percent') return `${abs >= 0 ? '+' : ''}${(abs * 100).toFixed(1)} pts`;
  return rel === null
    ? `${abs >= 0 ? '+' : ''}${Math.round(abs)}`
    : `${rel >= 0 ? '+' : ''}${(rel * 100).toFixed(1)}%`;
}

/**
 * Short notes on what a figure covers, for a scorecard row: force-wide in an LPA view, no or
 * partial data, and a window other than the period asked for.
 */
export function coverageNotes(r: MeasureResult, lpaView: boolean): string[] {
  const notes: string[] = [];
  if (lpaView && r.scope === 'force') notes.push('force-wide');
  if (r.coverage?.window === 'none') notes.push('no data in window');
  if (r.coverage?.window === 'partial')
    notes.push(`partial data (${r.coverage.coveredMonths} of ${r.coverage.windowMonths} months)`);
  if (r.window.start !== r.period.start || r.window.end !== r.period.end)
    notes.push(
      r.window.label.startsWith('end of') ? `at ${r.window.label}` : `over ${r.window.label}`,
    );
  return notes;
}

/** The status word: a value over part of its window that was not judged says so. */
export function statusText(r: MeasureResult): string {
  if (r.status === 'no_data' && r.coverage?.window === 'partial' && r.value !== null)
    return 'not judged';
  return STATUS_TEXT[r.status];
}

const STATUS_TEXT: Record<MeasureResult['status'], string> = {
  met: 'met',
  not_met: 'NOT MET',
  near: 'near',
  no_target: '—',
  no_data: 'no data',
  withheld: 'withheld',
};

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

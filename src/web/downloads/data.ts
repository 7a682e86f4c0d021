/**
 * What a measure download holds, as plain rows: the measure's own table (its contract field
 * names), its monthly series or its areas. A withheld figure is written as disclosure control
 * says it ("fewer than 5"), so a panel member's file holds what their page shows.
 */
import type { MeasureResult } from '../../measures/result.ts';
import { suppressionAt, suppressedText } from '../../present/disclosure.ts';

export type DataKind = 'table' | 'series' | 'breakdown';
export type Value = string | number | boolean | null;

export interface DataSheet {
  readonly kind: DataKind;
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Value[])[];
}

function cell(r: MeasureResult, path: string, v: unknown): Value {
  const reason = suppressionAt(r, path);
  if (reason) return suppressedText(reason);
  if (v === undefined) return null;
  return v as Value;
}

export function tableSheet(r: MeasureResult): DataSheet | null {
  const rows = (r.table?.rows ?? []) as readonly Readonly<Record<string, Value>>[];
  if (rows.length === 0) return null;
  const columns: string[] = [];
  for (const x of rows) for (const k of Object.keys(x)) if (!columns.includes(k)) columns.push(k);
  return {
    kind: 'table',
    name: 'Table',
    columns,
    rows: rows.map((x, i) => columns.map((k) => cell(r, `table.rows.${i}.${k}`, x[k]))),
  };
}

export function seriesSheet(r: MeasureResult): DataSheet {
  const columns = ['period', 'value', 'numerator', 'denominator'] as const;
  return {
    kind: 'series',
    name: 'Series',
    columns,
    rows: r.series.map((p, i) => columns.map((k) => cell(r, `series.${i}.${k}`, p[k]))),
  };
}

export function breakdownSheet(r: MeasureResult): DataSheet {
  return {
    kind: 'breakdown',
    name: 'Areas',
    columns: ['area', 'value', 'numerator', 'denominator', 'interval_lower', 'interval_upper'],
    rows: r.breakdown.map((b, i) => {
      const ci = suppressionAt(r, `breakdown.${i}.interval`);
      return [
        b.label,
        cell(r, `breakdown.${i}.value`, b.value),
        cell(r, `breakdown.${i}.numerator`, b.numerator),
        cell(r, `breakdown.${i}.denominator`, b.denominator),
        ci ? suppressedText(ci) : (b.interval?.lower ?? null),
        ci ? suppressedText(ci) : (b.interval?.upper ?? null),
      ];
    }),
  };
}

/** The sheet asked for (`?data=`), or by default the measure's table, else its series. */
export function sheetFor(r: MeasureResult, kind: string | undefined): DataSheet {
  if (kind === 'breakdown') return breakdownSheet(r);
  if (kind === 'series') return seriesSheet(r);
  return tableSheet(r) ?? seriesSheet(r);
}

/** A file name of letters, digits and dashes only: no path, no quote, nothing to escape. */
export function safeFileName(parts: readonly (string | null)[], ext: string): string {
  const stem = parts
    .filter((p): p is string => p !== null && p !== '')
    .map((p) => p.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_')
    .slice(0, 120);
  return `${stem || 'download'}.${ext}`;
}

/**
 * A measure's own table (`result.table`) as text cells: columns by the contract's field names,
 * codes in words, fractions as percentages, p-values as p-values, and a withheld figure as
 * disclosure control says it ("fewer than 5"), never a bare dash.
 */
import type { MeasureResult } from '../../measures/result.ts';
import { suppressionAt, suppressedText } from '../../present/disclosure.ts';
import {
  DASH,
  formatCount,
  formatNumber,
  formatPercent,
  formatPValue,
  formatRelativeChange,
  isPValueColumn,
  label,
  sentenceCase,
  vocabularyOfColumn,
} from '../../present/format.ts';

export interface TextTable {
  readonly head: readonly { readonly text: string; readonly numeric: boolean }[];
  readonly rows: readonly (readonly string[])[];
}

type Row = Readonly<Record<string, string | number | boolean | null>>;

const WORDS: Record<string, string> = {
  oc16: 'outcome 16',
  ytd: 'year to date',
  lpa: 'LPA',
  vawg: 'VAWG',
  z: 'z',
  p: 'p',
  vs: 'vs',
};

/** "count_two_years_ago" → "Count two years ago". */
export function columnName(key: string): string {
  const words = key
    .replace(/(\d{4})_(\d{2})(?!\d)/g, '$1/$2')
    .split('_')
    .map((w) => WORDS[w] ?? w);
  return sentenceCase(words.join(' '));
}

const FRACTION_COLUMN = /(^|_)(share|rate|value|lower|upper)(_|$)/;

/** The columns of the result's table, in first-seen order. */
export function columnsOf(rows: readonly Row[]): string[] {
  const cols: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

type Kind = 'fraction' | 'relative' | null;

function cellText(
  r: MeasureResult,
  i: number,
  key: string,
  v: Row[string] | undefined,
  kind: Kind,
): string {
  const reason = suppressionAt(r, `table.rows.${i}.${key}`);
  if (reason) return suppressedText(reason);
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return label(v, vocabularyOfColumn(key));
  if (isPValueColumn(key)) return formatPValue(v);
  if (/^z(_|$)/.test(key)) return formatNumber(v, 2);
  if (kind === 'fraction') return formatPercent(v, 1);
  if (kind === 'relative') return formatRelativeChange(v);
  return Number.isInteger(v) ? formatCount(v) : formatNumber(v, 1);
}

export function measureTable(r: MeasureResult): TextTable | null {
  const rows = (r.table?.rows ?? []) as readonly Row[];
  if (rows.length === 0) return null;
  // the crime table's own ids repeat its group names: the downloads keep them, the page not
  const cols = columnsOf(rows).filter((k) => !(r.table?.kind === 'crime_groups' && k === 'id'));
  const kindOf = (k: string): Kind =>
    fractionCols.has(k) ? 'fraction' : relativeCols.has(k) ? 'relative' : null;
  // changes on two years ago and the year to date are relative changes (0.1 = +10%)
  const relativeCols = new Set(
    r.table?.kind === 'crime_groups' ? ['change_two_years', 'ytd_change'] : [],
  );
  const fractionCols = new Set(
    cols.filter((k) => {
      if (!FRACTION_COLUMN.test(k) || isPValueColumn(k)) return false;
      const nums = rows.map((x) => x[k]).filter((v): v is number => typeof v === 'number');
      return nums.length > 0 && nums.every((v) => v >= 0 && v <= 1);
    }),
  );
  return {
    head: cols.map((k) => ({
      text: columnName(k),
      numeric: rows.some((x) => typeof x[k] === 'number'),
    })),
    rows: rows.map((x, i) => cols.map((k) => cellText(r, i, k, x[k], kindOf(k)))),
  };
}

import {
  SUMMARY_DIMENSIONS,
  isSummaryDimension,
  type PoliceUkFilter,
  type SummaryDimension,
  type SummaryRow,
} from '../../facts/police-uk/summaries.ts';
import { DASH, formatCount, formatMonth, formatPercent, plural } from '../../present/format.ts';

/** What the explorer can group by, in words. */
export const DIMENSION_NAMES: Record<SummaryDimension, string> = {
  month: 'Month',
  crime_type: 'Crime type',
  outcome: 'Last outcome',
  lsoa: 'LSOA',
  local_authority: 'Local authority',
  force: 'Force',
};

/** Longest table the page shows; the CLI gives every row. */
export const SHOWN_ROWS = 200;

export interface ExplorerQuery {
  readonly by: SummaryDimension;
  readonly force: string;
  readonly from: string;
  readonly to: string;
}

/** The query string, checked only for shape; the summary itself checks months and forces. */
export function readExplorerQuery(q: Record<string, unknown>): ExplorerQuery {
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const by = str('by');
  return {
    by: isSummaryDimension(by) ? by : 'crime_type',
    force: str('force'),
    from: str('from'),
    to: str('to'),
  };
}

export function filterOf(q: ExplorerQuery): PoliceUkFilter {
  return {
    ...(q.force ? { force: q.force } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

const cellOf = (d: string, v: string | number | null) =>
  v === null || v === undefined
    ? d === 'outcome'
      ? 'No outcome recorded'
      : DASH
    : d === 'month'
      ? formatMonth(String(v))
      : String(v);

/**
 * The summary as a table: the chosen dimension (with the LSOA's name), the count and its share
 * of the rows shown. LSOAs are many: the largest come first and the list is cut.
 */
export function summaryTable(by: SummaryDimension, rows: readonly SummaryRow[]) {
  const total = rows.reduce((n, r) => n + r.count, 0);
  const ordered = by === 'lsoa' ? [...rows].sort((a, b) => b.count - a.count) : [...rows];
  const shown = ordered.slice(0, SHOWN_ROWS);
  const head = [
    { text: DIMENSION_NAMES[by] },
    ...(by === 'lsoa' ? [{ text: 'LSOA name' }] : []),
    { text: 'Street rows', format: 'numeric' },
    { text: 'Share', format: 'numeric' },
  ];
  return {
    head,
    rows: shown.map((r) => [
      { text: cellOf(by, r[by] ?? null) },
      ...(by === 'lsoa' ? [{ text: cellOf('lsoa_name', r.lsoa_name ?? null) }] : []),
      { text: formatCount(r.count), format: 'numeric' },
      { text: total > 0 ? formatPercent(r.count / total, 1) : DASH, format: 'numeric' },
    ]),
    total: `${plural(rows.length, 'group')}, ${plural(total, 'published street row')} (each published row counts once).`,
    cut:
      ordered.length > SHOWN_ROWS
        ? `Showing the ${formatCount(SHOWN_ROWS)} largest of ${formatCount(ordered.length)}. "bluelamp police-uk summary --by ${by} --format csv" gives every one.`
        : null,
  };
}

export function dimensionChoices(selected: SummaryDimension) {
  return (Object.keys(SUMMARY_DIMENSIONS) as SummaryDimension[]).map((d) => ({
    value: d,
    text: DIMENSION_NAMES[d],
    selected: d === selected,
  }));
}

export function forceChoices(forces: readonly string[], selected: string) {
  return [
    { value: '', text: 'All forces loaded', selected: selected === '' },
    ...forces.map((f) => ({ value: f, text: f, selected: f === selected })),
  ];
}

/**
 * Tables of the report: any table-shaped measure's rows (formatted by column name), the outcome
 * tables (bar chart data and the attrition by outcome group), the crime table and the policing
 * priorities table. Tables are read by their `kind` (`ResultTable` in src/measures/result.ts):
 * every column is named by the contract, none is guessed.
 */
import type {
  Comparison,
  CrimeGroupRow,
  MeasureResult,
  OutcomesRow,
  ResultTable,
} from '../measures/result.ts';
import type { BarDatum } from './charts/bar.ts';
import {
  DASH,
  MINUS,
  formatCount,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatRelativeChange,
  formatValue,
  formatPValue,
  isPValueColumn,
  knownLabel,
  vocabularyOfColumn,
} from '../present/format.ts';
import type { Vocabulary } from '../present/vocabulary.ts';
import { esc, tableHtml, type Cell } from './html.ts';
import { spcMethodLabel } from './spc-text.ts';

type Row = Readonly<Record<string, string | number | boolean | null>>;

const WORDS: Record<string, string> = {
  oc: 'outcome',
  lpa: 'LPA',
  ytd: 'YTD',
  pct: '%',
  n: 'n',
  da: 'DA',
  cps: 'CPS',
  val: 'VAL',
  vawg: 'VAWG',
  ksi: 'KSI',
  msg: 'MSG',
  id: 'ID',
  cjs: 'CJS',
  soc: 'SOC',
  ocg: 'OCG',
  spc: 'SPC',
  lpl: 'LPL',
  upl: 'UPL',
};

/** A column name in words: "count_two_years_ago" → "Count two years ago", "oc16_rate" → "Outcome 16 rate". */
export function humanise(key: string): string {
  const words = key
    .replace(/(\d{4})_(\d{2})(?!\d)/g, '$1/$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => {
      const lower = w.toLowerCase();
      const oc = /^oc(\d+[a-z]?)$/i.exec(w);
      if (oc) return `outcome ${(oc[1] as string).toUpperCase()}`;
      return WORDS[lower] ?? lower;
    });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const PERCENT_KEY = /(^|_)(share|pct|percent|rate|proportion|compliance)(_|$)|_rate$|^rate_/i;
const CHANGE_KEY = /change|difference|diff(_|$)/i;

/** Outcome report groups (src/facts/reference/outcome-groups.ts) in words. */
const OUTCOME_GROUPS: Record<string, string> = {
  action_taken: 'Action taken',
  evidential_victim_supports: 'Evidential difficulties: victim supports action',
  evidential_victim_does_not_support: 'Evidential difficulties: victim does not support action',
  other: 'Other outcomes',
};

const IDENTIFIER = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** An identifier-like value ("domestic_abuse", "action_taken") in words; other text unchanged. */
export function valueText(v: string, vocabulary?: Vocabulary | null): string {
  const known = OUTCOME_GROUPS[v] ?? knownLabel(v, vocabulary);
  if (known) return known;
  return IDENTIFIER.test(v) ? humanise(v) : v;
}

/** Formats one cell of a generic table by its column name and value. */
export function formatTableValue(key: string, v: string | number | boolean | null): Cell {
  if (v === null) return { text: DASH };
  if (typeof v === 'boolean') return { text: v ? 'Yes' : 'No' };
  if (typeof v === 'string') {
    if (/^(direction|change|trend)$/i.test(key)) return { text: directionText(v) };
    return { text: v };
  }
  if (!Number.isFinite(v)) return { text: DASH, numeric: true };
  if (PERCENT_KEY.test(key) && !CHANGE_KEY.test(key))
    return { text: formatPercent(v, 1), numeric: true };
  if (CHANGE_KEY.test(key)) {
    if (Number.isInteger(v)) return { text: `${v > 0 ? '+' : ''}${formatCount(v)}`, numeric: true };
    return { text: formatRelativeChange(v), numeric: true };
  }
  if (Number.isInteger(v)) return { text: formatCount(v), numeric: true };
  return { text: formatNumber(v, 1), numeric: true };
}

/** A direction word or arrow as symbol + word: "up" → "↑ Up", "↔" → "↔ No significant change". */
export function directionText(v: string): string {
  const t = v.trim().toLowerCase();
  if (['up', 'increase', 'increasing', '↑', 'higher'].includes(t)) return '↑ Up';
  if (['down', 'decrease', 'decreasing', '↓', 'lower'].includes(t)) return '↓ Down';
  if (['flat', 'stable', 'no change', 'no significant change', '↔', 'same'].includes(t)) {
    return '↔ No significant change';
  }
  return v;
}

/**
 * Every table row of a table-shaped measure, all columns, formatted by column name. For a
 * percentage measure, a column whose numbers are all fractions between 0 and 1 (and not all
 * whole) is shown as percentages too (e.g. monthly referral rates in columns named by month).
 */
export function genericTable(
  table: ResultTable,
  caption: string,
  unit?: MeasureResult['unit'],
): string {
  const rows: readonly Row[] = table.rows;
  const columns: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  if (columns.length === 0) return '';
  const firstIsLabel = rows.every(
    (r) => typeof r[columns[0] as string] === 'string' || r[columns[0] as string] === null,
  );
  const head: Cell[] = columns.map((k) => {
    const numeric = rows.some((r) => typeof r[k] === 'number');
    return { text: humanise(k), numeric };
  });
  const fractionColumns = new Set(
    unit === 'percent'
      ? columns.filter((k) => {
          const nums = rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number');
          return (
            !isPValueColumn(k) &&
            nums.length > 0 &&
            nums.every((v) => v >= 0 && v <= 1) &&
            !nums.every(Number.isInteger)
          );
        })
      : [],
  );
  // columns whose every text value is an identifier ("domestic_abuse") are shown in words
  const identifierColumns = new Set(
    columns.filter((k) => {
      const texts = rows.map((r) => r[k]).filter((v): v is string => typeof v === 'string');
      return texts.length > 0 && texts.every((v) => IDENTIFIER.test(v));
    }),
  );
  const body: Cell[][] = rows.map((r) =>
    columns.map((k, i) => {
      const v = r[k] ?? null;
      const numericColumn = head[i]?.numeric === true;
      // a national measure declares its own unit, and its row is formatted by it
      const rowPercent = table.kind === 'national' && r.unit === 'percent';
      if (typeof v === 'number' && isPValueColumn(k))
        return { text: formatPValue(v), numeric: true };
      if (typeof v === 'number' && (fractionColumns.has(k) || rowPercent) && !CHANGE_KEY.test(k)) {
        return { text: formatPercent(v, 1), numeric: true };
      }
      // a breakdown's group is read in the vocabulary its row's dimension names ("asian" → "Asian")
      if (typeof v === 'string' && identifierColumns.has(k)) {
        const dim =
          table.kind === 'group_breakdown' && k === 'group' && typeof r.dimension === 'string'
            ? r.dimension
            : k;
        return { text: valueText(v, vocabularyOfColumn(dim)) };
      }
      const cell = formatTableValue(k, v);
      return numericColumn && !cell.numeric ? { ...cell, numeric: true } : cell;
    }),
  );
  return tableHtml({ caption, head, rows: body, rowHeaders: firstIsLabel });
}

// --- outcome tables ---------------------------------------------------------------------------

export interface OutcomeRow {
  readonly code: string | null;
  readonly label: string;
  readonly group: string | null;
  readonly count: number | null;
  readonly share: number | null;
  readonly compareCount: number | null;
  readonly compareShare: number | null;
}

/** The rows of an outcomes table as the chart and attrition table read them. */
export function outcomeRows(rows: readonly OutcomesRow[]): OutcomeRow[] {
  return rows.map((r) => ({
    code: r.outcome_type,
    label:
      r.outcome.trim() !== '' && r.outcome !== r.outcome_type
        ? `${/^\d/.test(r.outcome_type) ? `Outcome ${r.outcome_type}` : r.outcome_type}: ${r.outcome}`
        : `Outcome ${r.outcome_type}`,
    group: r.group === '' ? null : r.group,
    count: r.count,
    share: r.share,
    compareCount: r.count_two_years_ago,
    compareShare: r.share_two_years_ago,
  }));
}

/** Bars for the outcome chart: the share of each outcome, beside the comparison period's. */
export function outcomeBars(rows: readonly OutcomeRow[]): BarDatum[] {
  return rows.map((r) => ({ label: r.label, value: r.share, compare: r.compareShare }));
}

/** Outcomes by group (the attrition view): count and share per group, both periods. */
export function attritionTable(
  rows: readonly OutcomeRow[],
  caption: string,
  current: string,
  compare: string | null,
): string | null {
  if (!rows.some((r) => r.group !== null)) return null;
  const groups: { group: string; count: number; compare: number; hasCompare: boolean }[] = [];
  for (const r of rows) {
    const name = valueText(r.group ?? 'other');
    let g = groups.find((x) => x.group === name);
    if (!g) {
      g = { group: name, count: 0, compare: 0, hasCompare: false };
      groups.push(g);
    }
    g.count += r.count ?? 0;
    if (r.compareCount !== null) {
      g.compare += r.compareCount;
      g.hasCompare = true;
    }
  }
  const total = groups.reduce((a, x) => a + x.count, 0);
  const totalCompare = groups.reduce((a, x) => a + x.compare, 0);
  const withCompare = compare !== null && groups.some((x) => x.hasCompare);
  const head: Cell[] = [
    { text: 'Outcome group' },
    { text: `Outcomes ${current}`, numeric: true },
    { text: `Share ${current}`, numeric: true },
  ];
  if (withCompare) {
    head.push(
      { text: `Outcomes ${compare}`, numeric: true },
      { text: `Share ${compare}`, numeric: true },
      { text: 'Change in share', numeric: true },
    );
  }
  const body: Cell[][] = groups.map((x) => {
    const share = total > 0 ? x.count / total : null;
    const row: Cell[] = [
      { text: x.group },
      { text: formatCount(x.count), numeric: true },
      { text: share === null ? DASH : formatPercent(share, 1), numeric: true },
    ];
    if (withCompare) {
      const cShare = totalCompare > 0 ? x.compare / totalCompare : null;
      row.push(
        { text: formatCount(x.compare), numeric: true },
        { text: cShare === null ? DASH : formatPercent(cShare, 1), numeric: true },
        {
          text: share === null || cShare === null ? DASH : pointsText(share - cShare),
          numeric: true,
        },
      );
    }
    return row;
  });
  const totalRow: Cell[] = [
    { text: 'All outcomes' },
    { text: formatCount(total), numeric: true },
    { text: total > 0 ? formatPercent(1, 1) : DASH, numeric: true },
  ];
  if (withCompare) {
    totalRow.push(
      { text: formatCount(totalCompare), numeric: true },
      { text: totalCompare > 0 ? formatPercent(1, 1) : DASH, numeric: true },
      { text: DASH, numeric: true },
    );
  }
  return tableHtml({
    caption,
    head,
    rows: [...body, totalRow],
    rowHeaders: true,
    className: 'bl-table--total-last',
  });
}

function pointsText(diff: number): string {
  const s = formatNumber(Math.abs(diff * 100), 1);
  if (Number(s) === 0) return '0.0 pts';
  return `${diff > 0 ? '+' : MINUS}${s} pts`;
}

// --- crime and priorities tables --------------------------------------------------------------

export function comparisonOf(r: MeasureResult, kind: Comparison['kind']): Comparison | null {
  return r.comparisons.find((c) => c.kind === kind) ?? null;
}

/** "Above upper limit" etc. for the latest SPC point, with the row's CSS class. */
/** "Above upper limit" etc. for an SPC label, with the row's CSS class. */
function flagOf(
  type: string | null,
  pointType: string | null,
): { text: string; className: string } {
  if (type === null) return { text: 'No limits', className: '' };
  if (type === 'Above UCL') return { text: '▲ Above upper limit', className: 'bl-flag--above' };
  if (type === 'Below LCL') return { text: '▼ Below lower limit', className: 'bl-flag--below' };
  if (
    (pointType !== null && pointType !== 'common_cause') ||
    (pointType === null && type !== 'Common Cause')
  ) {
    return { text: '● Special cause (within limits)', className: 'bl-flag--signal' };
  }
  return { text: 'Within limits', className: '' };
}

/** The latest SPC point against the limits, with the row's CSS class. */
export function limitsFlag(r: MeasureResult): { text: string; className: string } {
  const last = r.spc?.points.at(-1);
  if (!r.spc || !last) return flagOf(null, null);
  return flagOf(last.specialCauseType, last.pointType);
}

/** How the SPC points of a set of results are spaced: all monthly, all quarterly, or mixed. */
export function spcGrain(rows: readonly MeasureResult[]): 'month' | 'quarter' | 'mixed' | 'none' {
  const grains = new Set(
    rows
      .map((r) => r.spc?.points.at(-1)?.period ?? null)
      .filter((p): p is string => p !== null)
      .map((p) => (/^\d{4}-\d{2}$/.test(p) ? 'month' : /-Q[1-4]$/.test(p) ? 'quarter' : 'other')),
  );
  if (grains.size === 0) return 'none';
  if (grains.size === 1) {
    const [g] = [...grains];
    return g === 'month' ? 'month' : g === 'quarter' ? 'quarter' : 'mixed';
  }
  return 'mixed';
}

function limitsHeaders(grain: ReturnType<typeof spcGrain>): [string, string] {
  if (grain === 'month') return ['Monthly control limits', 'Latest month against limits'];
  if (grain === 'quarter') return ['Control limits', 'Against limits'];
  return ['Control limits (per chart)', 'Latest point against limits'];
}

const limitsOf = (r: MeasureResult): [number | null, number | null] => {
  const last = r.spc?.points.at(-1);
  return [last?.lpl ?? r.spc?.lpl ?? null, last?.upl ?? r.spc?.upl ?? null];
};

function limitsRange(lpl: number | null, upl: number | null, unit: MeasureResult['unit']): string {
  if (lpl === null || upl === null) return DASH;
  return `${formatValue(lpl, unit)}–${formatValue(upl, unit)}`;
}

function changeText(value: number | null, then: number | null, relative: number | null): string {
  if (value === null || then === null) return DASH;
  const rel = relative ?? (then === 0 ? null : (value - then) / then);
  return rel === null ? DASH : formatRelativeChange(rel);
}

/** One row of the crime table, from a crime result and/or a row of the engine's `crime_table`. */
export interface CrimeRow {
  readonly id: string;
  readonly title: string;
  readonly unit: MeasureResult['unit'];
  readonly value: number | null;
  readonly then: number | null;
  readonly change: number | null;
  readonly lpl: number | null;
  readonly upl: number | null;
  readonly flag: { text: string; className: string };
  readonly outcomes: number | null;
  readonly actionTaken: number | null;
  readonly oc16: number | null;
}

/**
 * The crime table's rows: each `crime_*` result, with the outcomes of the matching row of the
 * engine's `crime_table` (by `id`); then any `crime_table` row without a result of its own.
 */
export function crimeRows(
  results: readonly MeasureResult[],
  tableRows: readonly CrimeGroupRow[],
): CrimeRow[] {
  const out: CrimeRow[] = results.map((r) => {
    const t = tableRows.find((x) => x.id === r.id);
    const c = comparisonOf(r, 'two_years_ago');
    const [lpl, upl] = limitsOf(r);
    return {
      id: r.id,
      title: r.title,
      unit: r.unit,
      value: r.value,
      then: c?.value ?? t?.count_two_years_ago ?? null,
      change: c?.relativeChange ?? t?.change_two_years ?? null,
      lpl: lpl ?? t?.lower_limit ?? null,
      upl: upl ?? t?.upper_limit ?? null,
      flag: r.spc ? limitsFlag(r) : flagOf(t?.last_month_signal ?? null, null),
      outcomes: t?.outcomes ?? null,
      actionTaken: t?.action_taken_rate ?? null,
      oc16: t?.oc16_rate ?? null,
    };
  });
  for (const t of tableRows) {
    if (results.some((r) => r.id === t.id)) continue;
    out.push({
      id: t.id,
      title: t.crime_group,
      unit: 'count',
      value: t.count,
      then: t.count_two_years_ago,
      change: t.change_two_years,
      lpl: t.lower_limit,
      upl: t.upper_limit,
      flag: flagOf(t.last_month_signal, null),
      outcomes: t.outcomes,
      actionTaken: t.action_taken_rate,
      oc16: t.oc16_rate,
    });
  }
  return out;
}

/** The crime table: one row per crime group (quarter, two years ago, change, limits, outcomes). */
export function crimeTable(
  rows: readonly CrimeRow[],
  results: readonly MeasureResult[],
  periodLabel: string,
  thenLabel: string,
  linkFor: (id: string) => string | null,
): string {
  const [limitsHead, flagHead] = limitsHeaders(spcGrain(results));
  const head: Cell[] = [
    { text: 'Crime group' },
    { text: periodLabel, numeric: true },
    { text: thenLabel, numeric: true },
    { text: 'Change', numeric: true },
    { text: limitsHead, numeric: true },
    { text: flagHead },
    { text: `Outcomes assigned ${periodLabel}`, numeric: true },
    { text: 'Action-taken rate', numeric: true },
    { text: 'Outcome 16 rate', numeric: true },
  ];
  const body: Cell[][] = rows.map((r) => {
    const link = linkFor(r.id);
    const cells: Cell[] = [
      {
        text: r.title,
        html: link ? `<a class="bl-link" href="#${link}">${esc(r.title)}</a>` : undefined,
      },
      { text: formatValue(r.value, r.unit), numeric: true },
      { text: formatValue(r.then, r.unit), numeric: true },
      { text: changeText(r.value, r.then, r.change), numeric: true },
      { text: limitsRange(r.lpl, r.upl, r.unit), numeric: true },
      { text: r.flag.text },
      { text: r.outcomes === null ? DASH : formatCount(r.outcomes), numeric: true },
      { text: r.actionTaken === null ? DASH : formatPercent(r.actionTaken, 0), numeric: true },
      { text: r.oc16 === null ? DASH : formatPercent(r.oc16, 0), numeric: true },
    ];
    return r.flag.className ? cells.map((x) => ({ ...x, className: r.flag.className })) : cells;
  });
  return tableHtml({
    caption: `Recorded crime by group, ${periodLabel}, with control limits and outcomes`,
    head,
    rows: body,
    rowHeaders: true,
    className: 'bl-table--compact',
    captionSize: 'm',
  });
}

/** The label of the "two years ago" column, from the first result that has that comparison. */
export function twoYearsLabel(results: readonly MeasureResult[]): string {
  const c = results.map((r) => comparisonOf(r, 'two_years_ago')).find((x) => x !== null);
  return c ? formatPeriodLabel(c.period) : 'Two years earlier';
}

/** The policing priorities table: what good looks like, quarter, two years ago, change, limits. */
export function priorityTable(
  rows: readonly MeasureResult[],
  periodLabel: string,
  linkFor: (id: string) => string | null,
): string {
  const thenLabel = twoYearsLabel(rows);
  const [limitsHead, flagHead] = limitsHeaders(spcGrain(rows));
  const head: Cell[] = [
    { text: 'Priority' },
    { text: 'What good looks like' },
    { text: periodLabel, numeric: true },
    { text: thenLabel, numeric: true },
    { text: 'Change', numeric: true },
    { text: limitsHead, numeric: true },
    { text: flagHead },
  ];
  const body: Cell[][] = rows.map((r) => {
    const c = comparisonOf(r, 'two_years_ago');
    const flag = limitsFlag(r);
    const link = linkFor(r.id);
    const [lpl, upl] = limitsOf(r);
    const cells: Cell[] = [
      {
        text: r.title,
        html: link ? `<a class="bl-link" href="#${link}">${esc(r.title)}</a>` : undefined,
      },
      { text: r.target?.description ?? polarityText(r.polarity) },
      { text: formatValue(r.value, r.unit), numeric: true },
      { text: c ? formatValue(c.value, r.unit) : DASH, numeric: true },
      { text: changeText(r.value, c?.value ?? null, c?.relativeChange ?? null), numeric: true },
      { text: limitsRange(lpl, upl, r.unit), numeric: true },
      { text: flag.text },
    ];
    return flag.className ? cells.map((x) => ({ ...x, className: flag.className })) : cells;
  });
  return tableHtml({
    caption: `Policing priorities, ${periodLabel}`,
    head,
    rows: body,
    rowHeaders: true,
    className: 'bl-table--compact',
    captionSize: 'm',
  });
}

export function polarityText(p: MeasureResult['polarity']): string {
  switch (p) {
    case 'higher_is_better':
      return 'Higher is better';
    case 'lower_is_better':
      return 'Lower is better';
    case 'increased_reporting_is_good':
      return 'Increased reporting';
    case 'neutral':
      return 'Neutral (no direction)';
  }
}

/** The methods that drew the limits in a set of results, for the table's footnote. */
export function limitMethods(rows: readonly MeasureResult[]): string[] {
  return [
    ...new Set(
      rows.filter((r) => r.spc).map((r) => spcMethodLabel(r.spc?.method ?? '', r.spc?.methodLabel)),
    ),
  ];
}

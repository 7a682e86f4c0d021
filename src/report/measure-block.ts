/**
 * One measure in the report: heading, window / base / source / freshness, the headline value,
 * what good looks like and status, warnings, key points, comparisons with significance, charts
 * (SPC, trend, tile map, outcome bars) each with a data table, the measure's own table, the
 * analyst's commentary (or a marked empty slot) and "How this was calculated".
 */
import type { MeasureResult } from '../measures/result.ts';
import { barChart } from './charts/bar.ts';
import { figureHtml, renderChart } from './charts/render.ts';
import { spcChart } from './charts/spc.ts';
import { tileMapChart } from './charts/tile-map.ts';
import { trendChart } from './charts/trend.ts';
import type { Chart } from './charts/types.ts';
import {
  DASH,
  formatCount,
  formatDateTime,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatPoints,
  formatRelativeChange,
  formatValue,
  monthsOfWindow,
  pointInTimeMonth,
  formatMonthRange,
  windowLabel,
} from '../present/format.ts';
import { esc, paragraphs, slug, tableHtml, type Cell } from './html.ts';
import { comparisonWhen, keyPoints } from './key-points.ts';
import { attritionTable, genericTable, outcomeBars, outcomeRows, polarityText } from './tables.ts';

export interface BlockContext {
  /** 3 or 4: the measure's heading level under its (sub)section. */
  readonly headingLevel: 3 | 4;
  readonly commentary: Readonly<Record<string, string>>;
  /** The anchor of the measure's SQL in the appendix, if it has any. */
  readonly appendixAnchor: (id: string) => string | null;
  /** Label of the report period, e.g. "Q1 2021/22". */
  readonly periodLabel: string;
  /** What the breakdown's areas are called (singular): "local policing area" or "neighbourhood". */
  readonly areaNoun?: string;
}

/** The anchor of a measure's block (and of its "not available" line). */
export const measureAnchor = (id: string) => `m-${slug(id)}`;

/** The value as shown in headlines and the scorecard: survey percentages at 0 dp, others at 1 dp. */
export function displayValue(r: MeasureResult): string {
  if (r.unit === 'percent' && r.value !== null) return formatPercent(r.value, r.interval ? 0 : 1);
  return formatValue(r.value, r.unit);
}

const STATUS: Record<MeasureResult['status'], { symbol: string; text: string; tone: string }> = {
  met: { symbol: '✓', text: 'Met', tone: 'green' },
  not_met: { symbol: '✗', text: 'Not met', tone: 'red' },
  near: { symbol: '~', text: 'Near', tone: 'yellow' },
  no_target: { symbol: '–', text: 'No target', tone: 'grey' },
  no_data: { symbol: '–', text: 'No data', tone: 'grey' },
  withheld: { symbol: '–', text: 'Withheld', tone: 'grey' },
};

/** A status as a tag: symbol + word, coloured (never colour alone). */
export function statusTag(status: MeasureResult['status']): string {
  const s = STATUS[status];
  return `<strong class="bl-tag bl-tag--${s.tone}"><span aria-hidden="true">${s.symbol} </span>${esc(s.text)}</strong>`;
}

/** A coloured tag with a symbol and text. */
export function iconTag(icon: { symbol: string; text: string; tone: string }): string {
  return `<span class="bl-tag bl-tag--${icon.tone}"><span aria-hidden="true">${esc(icon.symbol)} </span>${esc(icon.text)}</span>`;
}

/** The window as "April to June 2021 (Q1 2021/22)" or "January to June 2021 (6 months)". */
export function windowText(r: MeasureResult): string {
  if (r.window.start === r.window.end || pointInTimeMonth(r.window)) {
    const label = windowLabel(r.window);
    return `${label.charAt(0).toUpperCase()}${label.slice(1)} (point in time)`;
  }
  const months = monthsOfWindow(r.window.start, r.window.end);
  const range = formatMonthRange(months);
  const label = windowLabel(r.window);
  if (range === '') return r.window.label;
  return range === label ? range : `${range} (${label})`;
}

/** "n = 312" for percentages; the base for other units where there is one. */
export function baseText(r: MeasureResult): string {
  if (r.denominator === null) return DASH;
  return formatCount(r.denominator);
}

function sourceText(r: MeasureResult): string {
  if (r.source.kind === 'return') {
    const ret = r.source.return;
    if (!ret) return 'Manual return (source not recorded)';
    const when = ret.submittedAt ? ` on ${formatDateTime(ret.submittedAt)}` : '';
    return `Manual return from ${ret.source}, submitted by ${ret.submittedBy}${when}`;
  }
  if (r.source.kind === 'records') return 'Bluelamp records (entered and audited in Bluelamp)';
  return 'Computed from record-level data';
}

function freshnessText(r: MeasureResult): string {
  const f = r.freshness;
  const parts: string[] = [];
  if (f.latestRecord) parts.push(`latest record ${formatDateTime(f.latestRecord)}`);
  if (f.lastImport) parts.push(`last import ${formatDateTime(f.lastImport)}`);
  if (parts.length === 0) return 'Not recorded';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function metaList(r: MeasureResult): string {
  const items: [string, string][] = [['Window', windowText(r)]];
  if (r.denominator !== null) items.push([r.unit === 'percent' ? 'Base (n)' : 'Base', baseText(r)]);
  items.push(['Source', sourceText(r)], ['Data freshness', freshnessText(r)]);
  return [
    '<dl class="bl-meta">',
    ...items.map(
      ([k, v]) =>
        `<div class="bl-meta__row"><dt class="bl-meta__key">${esc(k)}</dt><dd class="bl-meta__value">${esc(v)}</dd></div>`,
    ),
    '</dl>',
  ].join('\n');
}

function headline(r: MeasureResult): string {
  const details: string[] = [];
  if (r.unit === 'percent' && r.numerator !== null && r.denominator !== null) {
    details.push(`${formatCount(r.numerator)} of ${formatCount(r.denominator)}`);
  }
  if (r.interval)
    details.push(`95% CI ${formatInterval(r.interval.lower, r.interval.upper)} (Wilson)`);
  return [
    '<p class="bl-headline">',
    `<span class="bl-headline__value">${esc(displayValue(r))}</span>`,
    details.length ? `<span class="bl-headline__detail">${esc(details.join(' · '))}</span>` : '',
    '</p>',
  ].join('');
}

function goodLooksLike(r: MeasureResult): string {
  const t = r.target;
  if (!t) return '';
  const lines = [`<p class="bl-gll__text">${esc(t.description)}</p>`];
  if (t.baseline) {
    const v = t.baseline.value === null ? 'not available' : formatValue(t.baseline.value, r.unit);
    lines.push(
      `<p class="bl-gll__text">Baseline ${esc(formatPeriodLabel(t.baseline.period))}: ${esc(v)}</p>`,
    );
  }
  return [
    '<div class="bl-gll">',
    '<p class="bl-gll__title">What good looks like</p>',
    ...lines,
    `<p class="bl-gll__status">Status: ${statusTag(r.status)}</p>`,
    '</div>',
  ].join('\n');
}

export function warningHtml(text: string): string {
  const t = text.charAt(0).toUpperCase() + text.slice(1);
  return `<div class="bl-warning"><span class="bl-warning__icon" aria-hidden="true">!</span><strong class="bl-warning__text"><span class="bl-visually-hidden">Warning: </span>${esc(t)}</strong></div>`;
}

function keyPointsHtml(r: MeasureResult, ctx: BlockContext): string {
  const points = keyPoints(r, { areaNoun: ctx.areaNoun });
  if (points.length === 0) return '';
  return [
    '<div class="bl-key-points">',
    '<p class="bl-key-points__title">Key points</p>',
    '<ul class="bl-list bl-list--bullet">',
    ...points.map((p) => `<li>${esc(p)}</li>`),
    '</ul>',
    '</div>',
  ].join('\n');
}

/** The change against a comparison for tables: "+2.0 pts", "−2%", "+12.5". */
export function changeCell(
  r: MeasureResult,
  prev: number | null,
  absolute: number | null,
  relative: number | null,
): string {
  if (r.value === null || prev === null) return DASH;
  const abs = absolute ?? r.value - prev;
  if (r.unit === 'percent') return formatPoints(abs);
  if (r.unit === 'count') {
    const rel = relative ?? (prev === 0 ? null : abs / prev);
    const sign = abs > 0 ? '+' : '';
    return `${sign}${formatCount(abs)}${rel === null ? '' : ` (${formatRelativeChange(rel)})`}`;
  }
  return `${abs > 0 ? '+' : ''}${formatNumber(abs, 1)}`;
}

function significanceText(
  sig: NonNullable<MeasureResult['comparisons'][number]['significance']>,
): string {
  const p = sig.p < 0.001 ? 'p < 0.001' : `p = ${formatNumber(sig.p, 3)}`;
  const test =
    sig.test === 'overlap_adjusted_z' ? 'overlap-adjusted z test' : 'two-proportion z test';
  const base = sig.significant
    ? `* Significant (${p}, ${test})`
    : `Not significant (${p}, ${test})`;
  return sig.normalApproxOk ? base : `${base}; bases too small for the test to be reliable`;
}

function comparisonsTable(r: MeasureResult): string {
  const rows = r.comparisons.filter((c) => c.value !== null);
  if (rows.length === 0) return '';
  const withSig = rows.some((c) => c.significance !== null);
  const withBase = rows.some((c) => c.denominator !== null) && r.unit === 'percent';
  const head: Cell[] = [{ text: 'Compared with' }, { text: 'Value', numeric: true }];
  if (withBase) head.push({ text: 'Base (n)', numeric: true });
  head.push({ text: 'Change', numeric: true });
  if (withSig) head.push({ text: 'Significance' });
  const body: Cell[][] = rows.map((c) => {
    const when = comparisonWhen(c, r).replace(/^in /, '');
    const row: Cell[] = [
      {
        text: `${when.charAt(0).toUpperCase()}${when.slice(1)} (${formatPeriodLabel(c.period)})`.replace(
          /^(.+) \(\1\)$/,
          '$1',
        ),
      },
      {
        text:
          r.unit === 'percent' && c.value !== null
            ? formatPercent(c.value, 1)
            : formatValue(c.value, r.unit),
        numeric: true,
      },
    ];
    if (withBase)
      row.push({ text: c.denominator === null ? DASH : formatCount(c.denominator), numeric: true });
    row.push({ text: changeCell(r, c.value, c.absoluteChange, c.relativeChange), numeric: true });
    if (withSig) row.push({ text: c.significance ? significanceText(c.significance) : 'No test' });
    return row;
  });
  return tableHtml({ caption: `${r.title}: comparisons`, head, rows: body, rowHeaders: true });
}

/** The charts for a result, in reading order; `areaNoun` is singular ("local policing area"). */
export function chartsFor(r: MeasureResult, areaNoun = 'local policing area'): Chart[] {
  const charts: Chart[] = [];
  const target = r.target?.value ?? null;
  if (r.spc && r.spc.points.length > 0) {
    charts.push(spcChart({ id: `${r.id}-spc`, title: r.title, unit: r.unit, spc: r.spc, target }));
  } else if (r.series.filter((p) => p.value !== null).length >= 2) {
    charts.push(
      trendChart({ id: `${r.id}-trend`, title: r.title, unit: r.unit, series: r.series, target }),
    );
  }
  if (r.breakdown.length >= 2) {
    charts.push(
      tileMapChart({
        id: `${r.id}-map`,
        title: r.title,
        unit: r.unit,
        breakdown: r.breakdown,
        areaNoun: `${areaNoun}s`,
      }),
    );
  }
  const table = r.table;
  if (table?.kind === 'outcomes' && table.rows.length > 0) {
    const rows = outcomeRows(table.rows);
    if (rows.some((x) => x.share !== null)) {
      const compare = r.comparisons.find((c) => c.kind === 'two_years_ago') ?? r.comparisons[0];
      charts.push(
        barChart({
          id: `${r.id}-bars`,
          title: `${r.title}: share by outcome type`,
          rows: outcomeBars(rows),
          format: 'percent',
          valueLabel: windowLabel(r.window),
          compareLabel: compare ? formatPeriodLabel(compare.period) : undefined,
          categoryLabel: 'Outcome type',
        }),
      );
    }
  } else if (table?.kind === 'age_profile' && table.rows.length > 0) {
    // the age bands only: the "All …" and "of which …" rows stay in the table
    const bars = table.rows
      .map((row) => ({ label: row.age_band, value: row.crimes }))
      .filter((b) => !/^(total|all)\b|^of which\b/i.test(b.label));
    if (bars.some((b) => b.value !== null)) {
      charts.push(
        barChart({
          id: `${r.id}-age`,
          title: `${r.title}: age profile`,
          rows: bars,
          format: 'count',
          valueLabel: 'Open investigations',
          categoryLabel: 'Age',
        }),
      );
    }
  }
  return charts;
}

function tableSection(r: MeasureResult, ctx: BlockContext): string {
  const table = r.table;
  if (!table || table.rows.length === 0) return '';
  const parts: string[] = [];
  if (table.kind === 'outcomes') {
    const compare = r.comparisons.find((c) => c.kind === 'two_years_ago') ?? r.comparisons[0];
    const att = attritionTable(
      outcomeRows(table.rows),
      `${r.title}: outcomes by group (attrition), ${ctx.periodLabel}`,
      windowLabel(r.window),
      compare ? formatPeriodLabel(compare.period) : null,
    );
    if (att) parts.push(att);
  }
  parts.push(genericTable(table, `${r.title}: ${windowLabel(r.window)}`, r.unit));
  return `<div class="bl-table-wrap">${parts.join('\n')}</div>`;
}

function commentaryHtml(id: string, ctx: BlockContext): string {
  const text = ctx.commentary[id];
  if (text !== undefined && text.trim().length > 0) {
    return [
      '<div class="bl-commentary">',
      '<p class="bl-commentary__title">Analyst commentary</p>',
      paragraphs(text),
      '</div>',
    ].join('\n');
  }
  // No empty box: the board edition's summary lists the sections without commentary, once.
  return '';
}

function howCalculated(r: MeasureResult, ctx: BlockContext): string {
  const rowCounts = Object.entries(r.lineage.rowCounts);
  const parts: string[] = [
    `<p class="bl-body"><strong>Definition.</strong> ${esc(r.definition)}</p>`,
    `<p class="bl-body"><strong>Direction.</strong> ${esc(polarityText(r.polarity))}. <strong>Unit.</strong> ${esc(unitText(r.unit))}. <strong>Tier.</strong> ${esc(r.tier.charAt(0).toUpperCase() + r.tier.slice(1))}.</p>`,
    `<p class="bl-body"><strong>Source.</strong> ${esc(sourceText(r))}.</p>`,
  ];
  if (r.freshness.tables.length > 0) {
    parts.push(
      `<p class="bl-body"><strong>Tables read.</strong> ${esc(r.freshness.tables.join(', '))}.</p>`,
    );
  }
  if (rowCounts.length > 0) {
    parts.push(
      tableHtml({
        caption: `${r.title}: rows behind the figure`,
        head: [{ text: 'Step' }, { text: 'Rows', numeric: true }],
        rows: rowCounts.map(([k, v]) => [{ text: k }, { text: formatCount(v), numeric: true }]),
        rowHeaders: true,
      }),
    );
  }
  const anchor = ctx.appendixAnchor(r.id);
  if (anchor) {
    parts.push(
      `<p class="bl-body">The SQL behind this figure is in <a class="bl-link" href="#${anchor}">Appendix A</a>.</p>`,
    );
  }
  return [
    '<details class="bl-details bl-details--method">',
    `<summary class="bl-details__summary"><span class="bl-details__summary-text">How this was calculated: ${esc(r.title)}</span></summary>`,
    '<div class="bl-details__text">',
    ...parts,
    '</div>',
    '</details>',
  ].join('\n');
}

function unitText(u: MeasureResult['unit']): string {
  switch (u) {
    case 'percent':
      return 'Percentage';
    case 'count':
      return 'Count';
    case 'rate':
      return 'Rate';
    case 'days':
      return 'Days';
    case 'mean':
      return 'Mean';
  }
}

/**
 * The whole block of one measure. `opts.tableHtml` replaces the generic rendering of the
 * measure's table (the crime table is laid out by `tables.ts`).
 */
export async function measureBlock(
  r: MeasureResult,
  ctx: BlockContext,
  opts: { tableHtml?: string } = {},
): Promise<string> {
  const h = `h${ctx.headingLevel}`;
  const anchor = measureAnchor(r.id);
  const figures: string[] = [];
  for (const chart of chartsFor(r, ctx.areaNoun))
    figures.push(figureHtml(await renderChart(chart)));
  const tierClass = r.tier === 'gold' ? '' : ' bl-measure--minor';
  return [
    `<section class="bl-measure${tierClass}" id="${anchor}" aria-labelledby="${anchor}-heading">`,
    `<${h} class="bl-heading-m" id="${anchor}-heading">${esc(r.title)}</${h}>`,
    metaList(r),
    r.value === null ? `<p class="bl-body bl-no-value">No value for this period.</p>` : headline(r),
    goodLooksLike(r),
    ...r.warnings.map(warningHtml),
    keyPointsHtml(r, ctx),
    comparisonsTable(r),
    ...figures,
    opts.tableHtml ?? tableSection(r, ctx),
    commentaryHtml(r.id, ctx),
    howCalculated(r, ctx),
    '</section>',
  ]
    .filter((s) => s.length > 0)
    .join('\n');
}

/** A measure with no result: a clear line, never a crash. */
export function missingLine(
  id: string,
  title: string,
  periodLabel: string,
  reason?: string,
): string {
  const why = reason ?? `No result for this measure was supplied for ${periodLabel}.`;
  return `<li class="bl-missing__item" id="${measureAnchor(id)}"><strong>${esc(title)}</strong>: not available. ${esc(why)}</li>`;
}

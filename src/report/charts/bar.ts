/**
 * A horizontal bar chart for table-shaped measures (outcome tables, age profiles): one bar per
 * category in the given order, optionally paired with a comparison period's bar (grey).
 */
import type { TopLevelSpec } from 'vega-lite';
import { DASH, formatCount, formatNumber, formatPercent } from '../../present/format.ts';
import type { Cell } from '../html.ts';
import { label as words } from '../../present/format.ts';
import { textWidth, wrapText } from './text-metrics.ts';
import { BLUE, CHART_CONFIG, COMPARE_GREY, axisFormat } from './theme.ts';
import type { Chart, ValueFormat } from './types.ts';

export interface BarDatum {
  readonly label: string;
  readonly value: number | null;
  readonly compare?: number | null;
}

export interface BarChartInput {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly BarDatum[];
  readonly format: ValueFormat;
  /** Series names, e.g. "Q1 2021/22" and "Q1 2019/20". */
  readonly valueLabel: string;
  readonly compareLabel?: string;
  /** What the categories are, for the table header. Default "Category". */
  readonly categoryLabel?: string;
  readonly subtitle?: string;
}

function fmt(v: number | null | undefined, format: ValueFormat): string {
  if (v === null || v === undefined) return DASH;
  return format === 'percent'
    ? formatPercent(v, 1)
    : format === 'count'
      ? formatCount(v)
      : formatNumber(v, 1);
}

/** Category labels wrap at this width (px at 11 px type) instead of being cut short. */
const LABEL_WIDTH = 230;
const LABEL_SIZE = 11;
const LINE = '\n';

/**
 * Category labels as wrapped lines joined by a newline (the axis splits them again): a long
 * outcome name reads in full on two or three lines rather than ending in "…".
 */
function wrapped(label: string): string {
  return wrapText(label, LABEL_WIDTH, LABEL_SIZE).join(LINE);
}

export function barChart(input: BarChartInput): Chart {
  const withCompare =
    input.compareLabel !== undefined &&
    input.rows.some((r) => r.compare !== undefined && r.compare !== null);
  // codes ("domestic_abuse") read as words on the axis and in the table
  const rowsIn = input.rows.map((r) => ({ ...r, label: words(r.label) }));
  const order = rowsIn.map((r) => wrapped(r.label));
  const lines = Math.max(1, ...order.map((l) => l.split(LINE).length));
  const widest = Math.max(
    0,
    ...order.flatMap((l) => l.split(LINE)).map((l) => textWidth(l, LABEL_SIZE)),
  );
  const values: { label: string; series: string; value: number }[] = [];
  for (const r of rowsIn) {
    const key = wrapped(r.label);
    if (r.value !== null) values.push({ label: key, series: input.valueLabel, value: r.value });
    if (withCompare && r.compare !== null && r.compare !== undefined) {
      values.push({ label: key, series: input.compareLabel as string, value: r.compare });
    }
  }
  const seriesDomain = withCompare
    ? [input.valueLabel, input.compareLabel as string]
    : [input.valueLabel];
  // room for every line of the tallest label
  const band = lines === 1 ? (withCompare ? 13 : 20) : Math.max(20, lines * 13 + 4);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: input.title, ...(input.subtitle ? { subtitle: [input.subtitle] } : {}) },
    width: 300,
    // widen the left margin a little beyond the measured labels, so a browser font a few per
    // cent wider than the metrics still fits inside the picture
    padding: { left: 8 + Math.ceil(widest * 0.08), right: 8, top: 8, bottom: 8 },
    height: { step: band },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: order,
        title: null,
        axis: {
          labelLimit: Math.ceil(widest) + 4,
          labelFontSize: LABEL_SIZE,
          labelExpr: `split(datum.value, '\\n')`,
        },
        scale: { domain: order },
      },
      x: {
        field: 'value',
        type: 'quantitative',
        title: null,
        axis: { format: axisFormat(input.format), tickCount: 5 },
      },
      ...(withCompare ? { yOffset: { field: 'series', type: 'nominal', sort: seriesDomain } } : {}),
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: seriesDomain, range: withCompare ? [BLUE, COMPARE_GREY] : [BLUE] },
        legend: withCompare ? {} : null,
      },
    },
  } as unknown as TopLevelSpec;

  const present = rowsIn.filter((r): r is BarDatum & { value: number } => r.value !== null);
  let description: string;
  if (present.length === 0) {
    description = 'There are no values to chart.';
  } else {
    const top = present.reduce((a, b) => (b.value > a.value ? b : a));
    description = `${present.length} ${present.length === 1 ? 'category' : 'categories'} for ${input.valueLabel}${
      withCompare ? `, each beside ${input.compareLabel}` : ''
    }; the largest is ${top.label} (${fmt(top.value, input.format)}).`;
  }
  const head: Cell[] = [
    { text: input.categoryLabel ?? 'Category' },
    { text: input.valueLabel, numeric: true },
  ];
  if (withCompare) head.push({ text: input.compareLabel as string, numeric: true });
  const rows: Cell[][] = rowsIn.map((r) => {
    const row: Cell[] = [{ text: r.label }, { text: fmt(r.value, input.format), numeric: true }];
    if (withCompare) row.push({ text: fmt(r.compare, input.format), numeric: true });
    return row;
  });
  return {
    id: input.id,
    title: input.title,
    spec,
    alt: { description, table: { caption: `${input.title}: data`, head, rows, rowHeaders: true } },
  };
}

/**
 * A trend of `MeasureResult.series`: a line with points (percentages, rates) or bars (counts).
 * Missing values leave a gap and are listed as "no data" in the table.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MeasureResult, SeriesPoint } from '../../measures/result.ts';
import {
  DASH,
  formatCount,
  formatPeriodLabel,
  formatShortPeriod,
  formatValue,
} from '../../present/format.ts';
import type { Cell } from '../html.ts';
import { BLUE, CHART_CONFIG, CHART_WIDTH, axisFormat, thinLabels } from './theme.ts';
import { valueFormatOf } from './spc.ts';
import type { Chart } from './types.ts';

export interface TrendChartInput {
  readonly id: string;
  readonly title: string;
  readonly unit: MeasureResult['unit'];
  readonly series: readonly SeriesPoint[];
  /** Default: bars for counts, a line otherwise. */
  readonly mark?: 'line' | 'bar';
  readonly target?: number | null;
}

export function trendChart(input: TrendChartInput): Chart {
  const { unit, series } = input;
  const format = valueFormatOf(unit);
  const mark = input.mark ?? (unit === 'count' ? 'bar' : 'line');
  const short = series.map((p) => formatShortPeriod(p.period));
  const labels = new Set(short).size === short.length ? short : series.map((p) => p.period);
  const values = series.map((p, i) => ({ x: labels[i] as string, order: i, value: p.value }));
  const x = {
    field: 'x',
    type: 'ordinal' as const,
    sort: null,
    title: null,
    axis: { values: thinLabels(labels), labelAngle: 0, labelPadding: 4 },
    // every period keeps its place on the axis, so a missing value leaves a gap, not a jump
    scale: { domain: labels },
  };
  const y = {
    field: 'value',
    type: 'quantitative' as const,
    title: unit === 'percent' ? 'Percentage' : unit === 'count' ? 'Number' : 'Value',
    axis: {
      format: axisFormat(format, [...series.map((p) => p.value), input.target]),
      tickCount: 6,
    },
    scale: mark === 'bar' ? { zero: true } : { zero: false },
  };
  const layers: Record<string, unknown>[] =
    mark === 'bar'
      ? [{ mark: { type: 'bar', color: BLUE }, encoding: { x, y } }]
      : [
          {
            mark: { type: 'line', color: BLUE, strokeWidth: 2 },
            encoding: { x, y, order: { field: 'order' } },
          },
          {
            mark: { type: 'point', filled: true, color: BLUE, size: 40 },
            encoding: { x, y: { field: 'value', type: 'quantitative' } },
          },
        ];
  const hasTarget =
    input.target !== null && input.target !== undefined && Number.isFinite(input.target);
  if (hasTarget) {
    layers.push({
      data: { values: [{ target: input.target }] },
      mark: { type: 'rule', strokeDash: [2, 3], strokeWidth: 1.5, color: '#de1b1b' },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    });
  }
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: {
      text: `${input.title}: trend`,
      subtitle: [`${series.length} periods${hasTarget ? '. Red dashed line: target.' : ''}`],
    },
    width: CHART_WIDTH,
    height: 200,
    data: { values: values.filter((v) => v.value !== null) },
    layer: layers,
  } as unknown as TopLevelSpec;

  const present = series.filter((p): p is SeriesPoint & { value: number } => p.value !== null);
  const first = series[0];
  const last = series.at(-1);
  let description: string;
  if (!first || !last || present.length === 0) {
    description = 'There are no values to chart.';
  } else {
    const min = present.reduce((a, b) => (b.value < a.value ? b : a));
    const max = present.reduce((a, b) => (b.value > a.value ? b : a));
    description =
      `${series.length} ${series.length === 1 ? 'period' : 'periods'} from ${formatPeriodLabel(first.period)} to ${formatPeriodLabel(last.period)}; ` +
      `latest ${formatValue(last.value, unit)}, lowest ${formatValue(min.value, unit)} (${formatPeriodLabel(min.period)}), highest ${formatValue(max.value, unit)} (${formatPeriodLabel(max.period)}).`;
  }
  const withBase = series.some((p) => p.denominator !== null);
  const head: Cell[] = [{ text: 'Period' }, { text: 'Value', numeric: true }];
  if (withBase)
    head.push({ text: 'Numerator', numeric: true }, { text: 'Base (n)', numeric: true });
  const rows: Cell[][] = series.map((p) => {
    const row: Cell[] = [
      { text: formatPeriodLabel(p.period) },
      { text: p.value === null ? 'No data' : formatValue(p.value, unit), numeric: true },
    ];
    if (withBase) {
      row.push(
        { text: p.numerator === null ? DASH : formatCount(p.numerator), numeric: true },
        { text: p.denominator === null ? DASH : formatCount(p.denominator), numeric: true },
      );
    }
    return row;
  });
  return {
    id: input.id,
    title: `${input.title}: trend`,
    spec,
    alt: {
      description,
      table: { caption: `${input.title}: trend data`, head, rows, rowHeaders: true },
    },
  };
}

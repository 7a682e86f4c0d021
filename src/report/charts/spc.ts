/**
 * An SPC control chart in NHS "Making Data Count" style from `MeasureResult.spc`: the values as a
 * grey line, points coloured by point type (improvement blue, concern orange, neutral purple,
 * common cause grey), the mean solid, the process limits dashed (each drawn per rebase group so
 * a rebase shows as a step), the target dashed red, and a marker at each rebase labelled with its
 * reason (shortened; in full in the description and the data table). The
 * method that drew the limits is named in the subtitle.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MeasureResult, SpcSummary } from '../../measures/result.ts';
import {
  formatDate,
  formatPeriodLabel,
  formatShortPeriod,
  formatValue,
} from '../../present/format.ts';
import type { Cell } from '../html.ts';
import {
  MDC_COLOURS,
  POINT_TYPE_ORDER,
  pointTypeInfo,
  specialCauseText,
  spcMethodLabel,
} from '../spc-text.ts';
import { CHART_CONFIG, CHART_WIDTH, axisFormat, thinLabels } from './theme.ts';
import { textWidth } from './text-metrics.ts';
import type { Chart, ValueFormat } from './types.ts';

export interface SpcChartInput {
  readonly id: string;
  readonly title: string;
  readonly unit: MeasureResult['unit'];
  readonly spc: SpcSummary;
  /** A target value to draw (what good looks like), if it is a single number. */
  readonly target?: number | null;
}

export function valueFormatOf(unit: MeasureResult['unit']): ValueFormat {
  return unit === 'percent' ? 'percent' : unit === 'count' ? 'count' : 'number';
}

/** Unique x labels (short period names; the raw period where two would clash). */
function xLabels(periods: readonly string[]): string[] {
  const short = periods.map(formatShortPeriod);
  return new Set(short).size === short.length ? short : [...periods];
}

const REBASE_FONT_SIZE = 11;
/** A rebase label is kept to a short phrase; the full reason is in the description and table. */
const REBASE_LABEL_MAX = 40;

/**
 * The reason's first clause (up to a colon, semicolon, dash or bracket), cut at a word and
 * marked with an ellipsis when still longer than `max` characters.
 */
export function shortRebaseReason(reason: string, max = REBASE_LABEL_MAX): string {
  const clause = (reason.split(/\s*(?:[:;(]|\s[—–-]\s)/)[0] ?? '').trim() || reason.trim();
  if (clause.length <= max) return clause;
  const cut = clause.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).replace(/[\s,.]+$/, '')}…`;
}

interface RebaseMark {
  readonly x: string;
  readonly text: string;
  readonly align: 'left' | 'right';
}

/** A marker per rebase inside the charted months: "Rebased: <short reason>". */
function rebaseMarksOf(spc: SpcSummary, labels: readonly string[]): RebaseMark[] {
  const n = spc.points.length;
  return spc.rebases.flatMap((r) => {
    const i = spc.points.findIndex((p) => p.period === r.period);
    if (i < 0) return [];
    const text = `Rebased: ${shortRebaseReason(r.reason)}`;
    // Room to the right of the line, in pixels (ordinal band centres).
    const room = ((n - i - 0.5) / Math.max(n, 1)) * CHART_WIDTH;
    const align = textWidth(text, REBASE_FONT_SIZE) + 6 <= room ? 'left' : 'right';
    return [{ x: labels[i] as string, text, align }];
  });
}

/** The SPC chart of a measure. */
export function spcChart(input: SpcChartInput): Chart {
  const { spc, unit } = input;
  const format = valueFormatOf(unit);
  const rebaseAt = new Map(spc.rebases.map((r) => [r.period, r]));
  const labels = xLabels(spc.points.map((p) => p.period));
  let group = 0;
  const values = spc.points.map((p, i) => {
    if (i > 0 && rebaseAt.has(p.period)) group += 1;
    return {
      x: labels[i] as string,
      order: i,
      y: p.y,
      mean: p.mean,
      lpl: p.lpl,
      upl: p.upl,
      group,
      pointType: pointTypeInfo(p.pointType).label,
    };
  });
  const present = POINT_TYPE_ORDER.filter((t) => spc.points.some((p) => p.pointType === t));
  const others = [...new Set(spc.points.map((p) => p.pointType))].filter(
    (t) => !(POINT_TYPE_ORDER as readonly string[]).includes(t),
  );
  const types = [...present, ...others];
  const domain = [...new Set(types.map((t) => pointTypeInfo(t).label))];
  const range = domain.map(
    (label) => pointTypeInfo(types.find((t) => pointTypeInfo(t).label === label) ?? '').colour,
  );
  const method = spcMethodLabel(spc.method, spc.methodLabel);
  const x = {
    field: 'x',
    type: 'ordinal' as const,
    sort: null,
    title: null,
    axis: { values: thinLabels(labels), labelAngle: 0, labelPadding: 4, ticks: true },
    scale: { domain: labels },
  };
  const yTitle =
    unit === 'percent'
      ? 'Percentage'
      : unit === 'count'
        ? 'Number'
        : unit === 'days'
          ? 'Days'
          : 'Value';
  const span = [...spc.points.flatMap((p) => [p.y, p.lpl, p.upl]), input.target ?? null];
  const yAxis = { format: axisFormat(format, span), title: yTitle, tickCount: 6 };
  const rebaseMarks = rebaseMarksOf(spc, labels);
  const hasTarget =
    input.target !== null && input.target !== undefined && Number.isFinite(input.target);

  const layers: Record<string, unknown>[] = [
    {
      transform: [{ filter: 'isValid(datum.upl)' }],
      mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5, color: MDC_COLOURS.limit },
      encoding: { x, y: { field: 'upl', type: 'quantitative' }, detail: { field: 'group' } },
    },
    {
      transform: [{ filter: 'isValid(datum.lpl)' }],
      mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5, color: MDC_COLOURS.limit },
      encoding: { x, y: { field: 'lpl', type: 'quantitative' }, detail: { field: 'group' } },
    },
    {
      transform: [{ filter: 'isValid(datum.mean)' }],
      mark: { type: 'line', strokeWidth: 1.5, color: MDC_COLOURS.mean },
      encoding: { x, y: { field: 'mean', type: 'quantitative' }, detail: { field: 'group' } },
    },
    {
      mark: { type: 'line', strokeWidth: 1.5, color: MDC_COLOURS.commonCause },
      encoding: {
        x,
        y: { field: 'y', type: 'quantitative', scale: { zero: false }, axis: yAxis },
        order: { field: 'order' },
      },
    },
    {
      mark: {
        type: 'point',
        filled: true,
        size: 55,
        stroke: '#0b0c0c',
        strokeWidth: 0.75,
        opacity: 1,
      },
      encoding: {
        x,
        y: { field: 'y', type: 'quantitative' },
        color: {
          field: 'pointType',
          type: 'nominal',
          title: null,
          scale: { domain, range },
          legend: { symbolType: 'circle', labelLimit: 400, columns: 3, symbolStrokeWidth: 0.75 },
        },
      },
    },
  ];
  if (hasTarget) {
    layers.push({
      data: { values: [{ target: input.target }] },
      mark: { type: 'rule', strokeDash: [2, 3], strokeWidth: 1.5, color: MDC_COLOURS.target },
      encoding: { y: { field: 'target', type: 'quantitative' } },
    });
  }
  if (rebaseMarks.length > 0) {
    layers.push(
      {
        data: { values: rebaseMarks },
        mark: { type: 'rule', color: '#0b0c0c', strokeWidth: 1, strokeDash: [1, 2] },
        encoding: { x },
      },
      // One label per rebase, on the side of its line that has room; drawn twice, first as a
      // white outline, so the limit lines it crosses do not strike it through.
      ...rebaseMarks.flatMap((m) =>
        [{ stroke: '#ffffff', strokeWidth: 4, strokeJoin: 'round' }, {}].map((halo) => ({
          data: { values: [m] },
          mark: {
            type: 'text',
            align: m.align,
            baseline: 'top',
            dx: m.align === 'left' ? 3 : -3,
            dy: 2,
            fontSize: REBASE_FONT_SIZE,
            y: 0,
            ...halo,
          },
          encoding: { x, text: { field: 'text' } },
        })),
      ),
    );
  }

  const subtitle = [`Limits: ${method}.${hasTarget ? ' Red dashed line: target.' : ''}`];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: `${input.title}: SPC chart`, subtitle },
    width: CHART_WIDTH,
    height: 240,
    data: { values },
    layer: layers,
  } as unknown as TopLevelSpec;

  return {
    id: input.id,
    title: `${input.title}: SPC chart`,
    spec,
    alt: spcAlt(input, labels, method),
  };
}

/** The recorded rebases within the chart, in full, for the description. */
function rebasesText(spc: SpcSummary): string {
  const shown = spc.rebases.filter((r) => spc.points.some((p) => p.period === r.period));
  return shown
    .map(
      (r) =>
        ` Limits rebased from ${formatPeriodLabel(r.period)}: ${r.reason} (approved by ${r.approvedBy}, ${formatDate(r.date)}).`,
    )
    .join('');
}

function spcAlt(input: SpcChartInput, labels: readonly string[], method: string): Chart['alt'] {
  const { spc, unit } = input;
  const fmt = (v: number | null) => formatValue(v, unit);
  const last = spc.points.at(-1);
  const first = spc.points[0];
  const special = spc.points.filter((p) => p.pointType !== 'common_cause').length;
  let description: string;
  if (!last || !first) {
    description = `No points to chart (${method}).`;
  } else {
    const span = `${spc.points.length} ${spc.points.length === 1 ? 'point' : 'points'} from ${formatPeriodLabel(first.period)} to ${formatPeriodLabel(last.period)}`;
    const limits =
      last.lpl !== null && last.upl !== null
        ? `, process limits ${fmt(last.lpl)} to ${fmt(last.upl)}`
        : '';
    const mean = last.mean !== null ? `: mean ${fmt(last.mean)}${limits}` : '';
    const latest =
      last.pointType === 'common_cause'
        ? `the latest point (${formatPeriodLabel(last.period)}, ${fmt(last.y)}) is common cause variation`
        : `the latest point (${formatPeriodLabel(last.period)}, ${fmt(last.y)}) is ${pointTypeInfo(last.pointType).label.toLowerCase()}, ${specialCauseText(last.specialCauseType)}`;
    const count = `${special} of the ${spc.points.length} points ${special === 1 ? 'shows' : 'show'} special cause variation`;
    description = `SPC chart (${method}) of ${span}${mean}; ${latest}; ${count}.${rebasesText(spc)}`;
  }
  const head: Cell[] = [
    { text: 'Period' },
    { text: 'Value', numeric: true },
    { text: 'Mean', numeric: true },
    { text: 'Lower process limit', numeric: true },
    { text: 'Upper process limit', numeric: true },
    { text: 'Variation' },
  ];
  const rows: Cell[][] = spc.points.map((p, i) => [
    { text: labels[i] === p.period ? p.period : formatPeriodLabel(p.period) },
    { text: fmt(p.y), numeric: true },
    { text: fmt(p.mean), numeric: true },
    { text: fmt(p.lpl), numeric: true },
    { text: fmt(p.upl), numeric: true },
    {
      text:
        p.pointType === 'common_cause'
          ? 'Common cause'
          : `${pointTypeInfo(p.pointType).label} (${specialCauseText(p.specialCauseType)})`,
    },
  ]);
  for (const r of spc.rebases) {
    const i = spc.points.findIndex((p) => p.period === r.period);
    const row = rows[i];
    const cell = row?.[5];
    if (row && cell) {
      row[5] = {
        text: `${cell.text}; limits rebased here: ${r.reason} (approved by ${r.approvedBy}, ${formatDate(r.date)})`,
      };
    }
  }
  return {
    description,
    table: { caption: `${input.title}: SPC chart data`, head, rows, rowHeaders: true },
  };
}

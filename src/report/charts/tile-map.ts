/**
 * A tile map of local policing areas: one labelled tile per breakdown row, shaded by value on a
 * light-to-dark blue scale. No geodata: tiles sit in a grid in a deterministic order (the given
 * `layout` of area key → column/row, otherwise alphabetical by label, left to right, top to
 * bottom). Text on dark tiles is white so it keeps its contrast.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BreakdownRow, MeasureResult } from '../../measures/result.ts';
import { DASH, formatCount, formatInterval, formatValue } from '../format.ts';
import type { Cell } from '../html.ts';
import { CHART_CONFIG, axisFormat } from './theme.ts';
import { valueFormatOf } from './spc.ts';
import type { Chart } from './types.ts';

export interface TileMapInput {
  readonly id: string;
  readonly title: string;
  readonly unit: MeasureResult['unit'];
  readonly breakdown: readonly BreakdownRow[];
  /** Optional fixed positions (0-based) by breakdown key. */
  readonly layout?: Readonly<Record<string, { col: number; row: number }>>;
  /** What the areas are called, for the text alternative. Default "local policing areas". */
  readonly areaNoun?: string;
}

const LIGHT = '#d2e2f1';
const DARK = '#003078';
const TILE_W = 200;
const TILE_H = 86;

/** Grid positions: the given layout, else alphabetical by label in a near-square grid. */
export function tilePositions(
  rows: readonly BreakdownRow[],
  layout?: Readonly<Record<string, { col: number; row: number }>>,
): Map<string, { col: number; row: number }> {
  const out = new Map<string, { col: number; row: number }>();
  if (layout && rows.every((r) => layout[r.key])) {
    for (const r of rows) out.set(r.key, layout[r.key] as { col: number; row: number });
    return out;
  }
  const sorted = [...rows].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const cols = Math.max(1, Math.min(3, Math.ceil(Math.sqrt(sorted.length))));
  sorted.forEach((r, i) => out.set(r.key, { col: i % cols, row: Math.floor(i / cols) }));
  return out;
}

export function tileMapChart(input: TileMapInput): Chart {
  const { unit, breakdown } = input;
  const positions = tilePositions(breakdown, input.layout);
  const known = breakdown.filter((r) => r.value !== null).map((r) => r.value as number);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 1;
  const cols = Math.max(1, ...[...positions.values()].map((p) => p.col + 1));
  const rowsN = Math.max(1, ...[...positions.values()].map((p) => p.row + 1));
  const values = breakdown.map((r) => {
    const pos = positions.get(r.key) ?? { col: 0, row: 0 };
    const t = r.value === null || max === min ? 0.5 : (r.value - min) / (max - min);
    return {
      col: pos.col,
      row: pos.row,
      label: r.label,
      value: r.value,
      valueText:
        r.value === null
          ? 'No data'
          : formatValue(r.value, unit, unit === 'percent' ? 0 : undefined),
      baseText: r.denominator === null ? '' : `n = ${formatCount(r.denominator)}`,
      dark: r.value !== null && t > 0.5,
    };
  });
  const x = {
    field: 'col',
    type: 'ordinal' as const,
    axis: null,
    scale: {
      domain: Array.from({ length: cols }, (_, i) => i),
      paddingInner: 0.06,
      paddingOuter: 0,
    },
  };
  const y = {
    field: 'row',
    type: 'ordinal' as const,
    axis: null,
    scale: {
      domain: Array.from({ length: rowsN }, (_, i) => i),
      paddingInner: 0.1,
      paddingOuter: 0,
    },
  };
  // White text on the darker half of the scale, near-black on the lighter half (no colour scale).
  const ink = { condition: { test: 'datum.dark', value: '#ffffff' }, value: '#0b0c0c' };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: {
      text: `${input.title}: by area`,
      subtitle: ['Tile map: darker tiles are higher values.'],
    },
    width: cols * TILE_W,
    height: rowsN * TILE_H,
    data: { values },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          x,
          y,
          color: {
            field: 'value',
            type: 'quantitative',
            title: null,
            scale: { range: [LIGHT, DARK], domain: [min, max === min ? min + 1e-9 : max] },
            legend: {
              format: axisFormat(valueFormatOf(unit)),
              gradientLength: 160,
              direction: 'horizontal',
            },
          },
        },
      },
      {
        mark: { type: 'text', dy: -20, fontSize: 12, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'label' }, color: ink },
      },
      {
        mark: { type: 'text', dy: 2, fontSize: 18, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'valueText' }, color: ink },
      },
      {
        mark: { type: 'text', dy: 22, fontSize: 11 },
        encoding: { x, y, text: { field: 'baseText' }, color: ink },
      },
    ],
  } as unknown as TopLevelSpec;

  const noun = input.areaNoun ?? 'local policing areas';
  const withValues = breakdown.filter(
    (r): r is BreakdownRow & { value: number } => r.value !== null,
  );
  let description: string;
  if (withValues.length === 0) {
    description = `Tile map of ${breakdown.length} ${noun}; none has a value.`;
  } else {
    const hi = withValues.reduce((a, b) => (b.value > a.value ? b : a));
    const lo = withValues.reduce((a, b) => (b.value < a.value ? b : a));
    description =
      hi === lo
        ? `Tile map of ${breakdown.length} ${noun}; ${hi.label}: ${formatValue(hi.value, unit)}.`
        : `Tile map of ${breakdown.length} ${noun}: highest ${hi.label} (${formatValue(hi.value, unit)}), lowest ${lo.label} (${formatValue(lo.value, unit)}).`;
  }
  const withCi = breakdown.some((r) => r.interval !== null);
  const withBase = breakdown.some((r) => r.denominator !== null);
  const head: Cell[] = [{ text: 'Area' }, { text: 'Value', numeric: true }];
  if (withCi) head.push({ text: '95% confidence interval', numeric: true });
  if (withBase) head.push({ text: 'Base (n)', numeric: true });
  const rows: Cell[][] = breakdown.map((r) => {
    const row: Cell[] = [
      { text: r.label },
      { text: r.value === null ? 'No data' : formatValue(r.value, unit), numeric: true },
    ];
    if (withCi) {
      row.push({
        text: r.interval ? formatInterval(r.interval.lower, r.interval.upper) : DASH,
        numeric: true,
      });
    }
    if (withBase)
      row.push({ text: r.denominator === null ? DASH : formatCount(r.denominator), numeric: true });
    return row;
  });
  return {
    id: input.id,
    title: `${input.title}: by area`,
    spec,
    alt: {
      description,
      table: { caption: `${input.title}: values by area`, head, rows, rowHeaders: true },
    },
  };
}

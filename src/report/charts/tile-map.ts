/**
 * A tile map of local policing areas: one labelled tile per breakdown row, shaded by value on a
 * light-to-dark blue scale. No geodata: tiles sit in a grid in a deterministic order (the given
 * `layout` of area key → column/row, otherwise alphabetical by label, left to right, top to
 * bottom). Text on dark tiles is white so it keeps its contrast. Counts are shown as rates per
 * 1,000 residents when the areas' populations are given (area-common.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BreakdownRow } from '../../measures/result.ts';
import {
  areaAlt,
  areaTitle,
  figuresOf,
  legendFormat,
  mapBaseText,
  mapValueText,
  type AreaChartInput,
} from './area-common.ts';
import { CHART_CONFIG } from './theme.ts';
import type { Chart } from './types.ts';

export interface TileMapInput extends AreaChartInput {
  /** Optional fixed positions (0-based) by breakdown key. */
  readonly layout?: Readonly<Record<string, { col: number; row: number }>>;
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
  const figs = figuresOf(input);
  const positions = tilePositions(breakdown, input.layout);
  const known = figs.rows.filter((r) => r.value !== null).map((r) => r.value as number);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 1;
  const cols = Math.max(1, ...[...positions.values()].map((p) => p.col + 1));
  const rowsN = Math.max(1, ...[...positions.values()].map((p) => p.row + 1));
  const values = figs.rows.map((f) => {
    const pos = positions.get(f.key) ?? { col: 0, row: 0 };
    const t = f.value === null || max === min ? 0.5 : (f.value - min) / (max - min);
    return {
      col: pos.col,
      row: pos.row,
      label: f.label,
      value: f.value,
      valueText: mapValueText(f, unit, figs.perResidents),
      baseText: mapBaseText(f, figs.perResidents),
      dark: f.value !== null && t > 0.5,
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
      text: areaTitle(input, figs),
      subtitle: [
        figs.perResidents
          ? 'Tile map: darker tiles are higher rates per 1,000 residents; the count is below each rate.'
          : 'Tile map: darker tiles are higher values.',
      ],
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
              format: legendFormat(unit, figs.perResidents),
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

  return {
    id: input.id,
    title: areaTitle(input, figs),
    spec,
    alt: areaAlt(input, figs, 'Tile map'),
  };
}

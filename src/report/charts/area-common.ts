/**
 * What the tile map and the choropleth share: the figures per area (rates per 1,000 residents
 * for counts when populations are known, see src/present/area-rates.ts), their text on the
 * map, the one-sentence description and the data table.
 */
import type { BreakdownRow, MeasureResult } from '../../measures/result.ts';
import {
  areaFigures,
  type AreaFigure,
  type AreaFigures,
  type AreaPopulations,
} from '../../present/area-rates.ts';
import {
  DASH,
  formatCount,
  formatInterval,
  formatNumber,
  formatValue,
} from '../../present/format.ts';
import type { Cell } from '../html.ts';
import { axisFormat } from './theme.ts';
import { valueFormatOf } from './spc.ts';
import type { ChartAlt } from './types.ts';

export interface AreaChartInput {
  readonly id: string;
  readonly title: string;
  readonly unit: MeasureResult['unit'];
  readonly breakdown: readonly BreakdownRow[];
  /** What the areas are called, for the text alternative. Default "local policing areas". */
  readonly areaNoun?: string;
  /**
   * Residents per area (force settings `lpaPopulations`). For count measures the map then
   * shows rates per 1,000 residents, and the data table keeps the counts.
   */
  readonly populations?: AreaPopulations | null;
}

export const PER_1000 = 'per 1,000 residents';

export function figuresOf(input: AreaChartInput): AreaFigures {
  return areaFigures(input.breakdown, input.unit, input.populations);
}

/** The title of an area chart: "Crimes: per 1,000 residents by area" or "…: by area". */
export function areaTitle(input: AreaChartInput, figs: AreaFigures): string {
  return `${input.title}: ${figs.perResidents ? `${PER_1000} by area` : 'by area'}`;
}

/** A figure as printed on the map: "4.2" per 1,000, "76%", "1,234". */
export function mapValueText(f: AreaFigure, unit: MeasureResult['unit'], perResidents: boolean) {
  if (f.value === null) return perResidents && f.raw !== null ? 'No population' : 'No data';
  if (perResidents) return formatNumber(f.value, 1);
  return formatValue(f.value, unit, unit === 'percent' ? 0 : undefined);
}

/** The small line under a figure: the count behind a rate, else the base. */
export function mapBaseText(f: AreaFigure, perResidents: boolean): string {
  if (perResidents) return f.raw === null ? '' : `count ${formatCount(f.raw)}`;
  return f.row.denominator === null ? '' : `n = ${formatCount(f.row.denominator)}`;
}

/** The d3 format of the colour legend. */
export function legendFormat(unit: MeasureResult['unit'], perResidents: boolean): string {
  return perResidents ? ',.1~f' : axisFormat(valueFormatOf(unit));
}

/** The text alternative: one sentence (highest, lowest) and every area's figures as a table. */
export function areaAlt(
  input: AreaChartInput,
  figs: AreaFigures,
  kind: 'Tile map' | 'Map',
): ChartAlt {
  const { unit } = input;
  const noun = input.areaNoun ?? 'local policing areas';
  const text = (v: number) =>
    figs.perResidents ? `${formatNumber(v, 1)} ${PER_1000}` : formatValue(v, unit);
  const known = figs.rows.filter((r): r is AreaFigure & { value: number } => r.value !== null);
  const n = figs.rows.length;
  let description: string;
  if (known.length === 0) {
    description = `${kind} of ${n} ${noun}; none has a value.`;
  } else {
    const hi = known.reduce((a, b) => (b.value > a.value ? b : a));
    const lo = known.reduce((a, b) => (b.value < a.value ? b : a));
    description =
      hi === lo
        ? `${kind} of ${n} ${noun}; ${hi.label}: ${text(hi.value)}.`
        : `${kind} of ${n} ${noun}: highest ${hi.label} (${text(hi.value)}), lowest ${lo.label} (${text(lo.value)}).`;
  }
  if (figs.perResidents) {
    description += ` Counts are shown as rates ${PER_1000} so areas of different sizes compare fairly.`;
    if (figs.withoutPopulation.length > 0)
      description += ` No population is set for ${figs.withoutPopulation.join(', ')}.`;
  }

  const withCi = figs.rows.some((r) => r.row.interval !== null);
  const withBase = !figs.perResidents && figs.rows.some((r) => r.row.denominator !== null);
  const head: Cell[] = [{ text: 'Area' }];
  if (figs.perResidents) {
    head.push(
      { text: `Rate ${PER_1000}`, numeric: true },
      { text: 'Count', numeric: true },
      { text: 'Residents', numeric: true },
    );
  } else {
    head.push({ text: 'Value', numeric: true });
    if (withCi) head.push({ text: '95% confidence interval', numeric: true });
    if (withBase) head.push({ text: 'Base (n)', numeric: true });
  }
  const rows: Cell[][] = figs.rows.map((f) => {
    const row: Cell[] = [{ text: f.label }];
    if (figs.perResidents) {
      row.push(
        { text: f.value === null ? DASH : formatNumber(f.value, 1), numeric: true },
        { text: f.raw === null ? 'No data' : formatCount(f.raw), numeric: true },
        { text: f.population === null ? 'Not set' : formatCount(f.population), numeric: true },
      );
      return row;
    }
    row.push({ text: f.value === null ? 'No data' : formatValue(f.value, unit), numeric: true });
    if (withCi) {
      const ci = f.row.interval;
      row.push({ text: ci ? formatInterval(ci.lower, ci.upper) : DASH, numeric: true });
    }
    if (withBase) {
      const d = f.row.denominator;
      row.push({ text: d === null ? DASH : formatCount(d), numeric: true });
    }
    return row;
  });
  const caption = figs.perResidents
    ? `${input.title}: rates ${PER_1000} and counts by area`
    : `${input.title}: values by area`;
  return { description, table: { caption, head, rows, rowHeaders: true } };
}

/**
 * Area figures that compare like with like. A count by local policing area mostly says which
 * area has more people: for count measures, when the force settings give the areas'
 * populations, each area is shown as a rate per 1,000 residents, with the count kept beside it.
 * Percentages, rates and averages are already comparable and pass through unchanged.
 */
import type { BreakdownRow, MeasureResult } from '../measures/result.ts';

/** Residents per area, by area name (as in the force settings' `lpaPopulations`). */
export type AreaPopulations = Readonly<Record<string, number>>;

export const PER_RESIDENTS = 1000;

export interface AreaFigure {
  readonly key: string;
  readonly label: string;
  /** What the area is shaded and compared by: the rate per 1,000 when `perResidents`, else the value. */
  readonly value: number | null;
  /** The measure's own value for the area (the count, for count measures). */
  readonly raw: number | null;
  readonly population: number | null;
  readonly row: BreakdownRow;
}

export interface AreaFigures {
  /** True when the figures are rates per 1,000 residents made from counts. */
  readonly perResidents: boolean;
  readonly rows: readonly AreaFigure[];
  /** Areas of the breakdown with no population in the settings (rate not computed). */
  readonly withoutPopulation: readonly string[];
}

const norm = (s: string) => s.trim().toLowerCase();

/** The population of an area, matched on its key or label, ignoring case and outer spaces. */
export function populationOf(
  row: Pick<BreakdownRow, 'key' | 'label'>,
  populations: AreaPopulations | null | undefined,
): number | null {
  if (!populations) return null;
  const byName = new Map(Object.entries(populations).map(([k, v]) => [norm(k), v]));
  const p = byName.get(norm(row.key)) ?? byName.get(norm(row.label));
  return p !== undefined && Number.isFinite(p) && p > 0 ? p : null;
}

/**
 * The figures to map for a breakdown. Counts become rates per 1,000 residents when at least
 * one area has a population; an area without one then has no rate (and is listed), rather
 * than a count shaded on the same scale as rates.
 */
export function areaFigures(
  breakdown: readonly BreakdownRow[],
  unit: MeasureResult['unit'],
  populations?: AreaPopulations | null,
): AreaFigures {
  const perResidents =
    unit === 'count' && breakdown.some((r) => populationOf(r, populations) !== null);
  const rows = breakdown.map((r): AreaFigure => {
    const population = populationOf(r, populations);
    const value = !perResidents
      ? r.value
      : r.value === null || population === null
        ? null
        : (r.value / population) * PER_RESIDENTS;
    return { key: r.key, label: r.label, value, raw: r.value, population, row: r };
  });
  const withoutPopulation = perResidents
    ? rows.filter((r) => r.population === null).map((r) => r.label)
    : [];
  return { perResidents, rows, withoutPopulation };
}

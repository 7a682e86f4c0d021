/**
 * The map of a measure's areas: a choropleth when boundaries are supplied and name at least
 * one of the areas, the tile map otherwise. Views call this rather than choosing themselves.
 */
import { choroplethChart, matchedAreas, type Boundaries } from './choropleth.ts';
import { tileMapChart, type TileMapInput } from './tile-map.ts';
import type { Chart } from './types.ts';

export interface AreaMapInput extends TileMapInput {
  /** Boundaries from the force settings (`boundaries`), or null/absent for the tile map. */
  readonly boundaries?: Boundaries | null;
}

export function areaMapChart(input: AreaMapInput): Chart {
  const { boundaries, ...rest } = input;
  if (boundaries && matchedAreas({ ...rest, boundaries }) > 0) {
    return choroplethChart({ ...rest, boundaries });
  }
  return tileMapChart(rest);
}

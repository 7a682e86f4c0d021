import { isAbsolute, join } from 'node:path';
import { readBoundaries, type BoundarySet } from './boundaries.ts';

/**
 * What the maps need of the service settings (kept in the records store; src/app/settings.ts
 * reads them): residents per local policing area (`lpaPopulations`, so counts by area are
 * compared as rates per 1,000 residents) and, optionally, a boundary GeoJSON
 * FeatureCollection (`boundaries.path`, relative to the data directory or absolute;
 * `boundaries.nameProperty` is the feature property holding the LPA's name) for a choropleth.
 * The data directory's `settings.json` of earlier versions is moved into the store at open.
 */
export const SETTINGS_FILE = 'settings.json';

export interface MapSettingsInput {
  readonly lpaPopulations?: Readonly<Record<string, number>> | undefined;
  readonly boundaries?: { readonly path: string; readonly nameProperty: string } | undefined;
}

/** What the maps read from the settings: populations by LPA and the boundaries, if set. */
export interface MapSettings {
  readonly populations: Readonly<Record<string, number>> | null;
  readonly boundaries: BoundarySet | null;
}

export function mapSettingsOf(s: MapSettingsInput, dataDir: string): MapSettings {
  const b = s.boundaries;
  return {
    populations: s.lpaPopulations ?? null,
    boundaries: b
      ? readBoundaries(isAbsolute(b.path) ? b.path : join(dataDir, b.path), b.nameProperty)
      : null,
  };
}

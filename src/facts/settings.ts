import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';
import { readBoundaries, type BoundarySet } from './boundaries.ts';

/**
 * Force-level settings kept in the data directory (`settings.json`): what the reports call the
 * force, and what its maps need — residents per local policing area (`lpaPopulations`, so
 * counts by area are compared as rates per 1,000 residents) and, optionally, a boundary
 * GeoJSON FeatureCollection (`boundaries.path`, relative to the data directory or absolute;
 * `boundaries.nameProperty` is the feature property holding the LPA's name) for a choropleth.
 */
const Settings = z
  .object({
    forceName: z.string().min(1),
    lpaPopulations: z.record(z.string().min(1), z.number().int().positive()),
    boundaries: z.object({ path: z.string().min(1), nameProperty: z.string().min(1) }).strict(),
  })
  .partial();
export type Settings = z.infer<typeof Settings>;
export const SETTINGS_FILE = 'settings.json';

export function readSettings(dataDir: string): Settings {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new BluelampError('CONFIG_INVALID', `${SETTINGS_FILE}: not valid JSON.`, {
      hint: `Fix or remove ${SETTINGS_FILE} in the data directory.`,
    });
  }
  const parsed = Settings.safeParse(json);
  if (!parsed.success)
    throw new BluelampError(
      'CONFIG_INVALID',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function writeSettings(dataDir: string, settings: Settings): void {
  const path = join(dataDir, SETTINGS_FILE);
  writeFileSync(
    `${path}.tmp`,
    `${JSON.stringify({ ...readSettings(dataDir), ...settings }, null, 2)}\n`,
  );
  renameSync(`${path}.tmp`, path);
}

export function forceName(dataDir: string): string {
  return readSettings(dataDir).forceName ?? 'Police force (set forceName in settings.json)';
}

/** What the maps read from the settings: populations by LPA and the boundaries, if set. */
export interface MapSettings {
  readonly populations: Readonly<Record<string, number>> | null;
  readonly boundaries: BoundarySet | null;
}

export function mapSettings(dataDir: string): MapSettings {
  const s = readSettings(dataDir);
  const b = s.boundaries;
  return {
    populations: s.lpaPopulations ?? null,
    boundaries: b
      ? readBoundaries(isAbsolute(b.path) ? b.path : join(dataDir, b.path), b.nameProperty)
      : null,
  };
}

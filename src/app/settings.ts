import { BluelampError } from '../lib/errors.ts';
import { mapSettingsOf, type MapSettings } from '../facts/settings.ts';
import type { Actor, Records } from '../records/api.ts';
import { ServiceSettings } from '../records/service-settings.ts';

/**
 * The service settings (force name, policing body, LPA populations, boundaries), read from and
 * written to the records store and checked against one schema (src/records/service-settings.ts).
 * `records` null: a store not made yet (or unreadable here), which has no settings.
 */
export type { ServiceSettings };

function checked(value: unknown, code: 'CONFIG_INVALID' | 'BAD_INPUT'): ServiceSettings {
  const parsed = ServiceSettings.safeParse(value);
  if (!parsed.success)
    throw new BluelampError(
      code,
      `The settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export async function readSettings(records: Records | null): Promise<ServiceSettings> {
  return records ? checked(await records.settings.get(), 'CONFIG_INVALID') : {};
}

/** Merges `patch` into the settings (checked first, so a bad value is never stored). */
export async function writeSettings(
  records: Records,
  patch: ServiceSettings,
  actor: Actor,
): Promise<void> {
  await records.settings.set(checked(patch, 'BAD_INPUT'), actor);
}

export const DEFAULT_FORCE_NAME = 'Police force (set forceName in the settings)';

export async function forceName(records: Records | null): Promise<string> {
  return (await readSettings(records)).forceName ?? DEFAULT_FORCE_NAME;
}

export async function mapSettings(records: Records | null, dataDir: string): Promise<MapSettings> {
  return mapSettingsOf(await readSettings(records), dataDir);
}

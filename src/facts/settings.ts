import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';

/** Force-level settings kept in the data directory (`settings.json`): what the reports call the force. */
const Settings = z.object({ forceName: z.string().min(1) }).partial();
export const SETTINGS_FILE = 'settings.json';

export function readSettings(dataDir: string): z.infer<typeof Settings> {
  const path = join(dataDir, SETTINGS_FILE);
  if (!existsSync(path)) return {};
  const parsed = Settings.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new BluelampError(
      'CONFIG_INVALID',
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function writeSettings(dataDir: string, settings: z.infer<typeof Settings>): void {
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

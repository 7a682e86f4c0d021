import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';

/**
 * The analyst's small JSON files in the data directory (commentary, rebases, quote decisions).
 * Read whole, validated with zod; written atomically (a temporary file beside it, then a
 * rename) so a crash never leaves one half-written. Writers hold the data-directory lock
 * (src/cli/locked-write.ts), so no read-change-write loses another's change. The records store
 * (DESIGN.md) will take these over, with their audit trail.
 */
export function readJsonFile<S extends z.ZodType>(
  dataDir: string,
  file: string,
  schema: S,
  empty: z.infer<S>,
  what: string,
): z.infer<S> {
  const path = join(dataDir, file);
  if (!existsSync(path)) return empty;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new BluelampError('CONFIG_INVALID', `${path}: not valid JSON, so not a ${what} file.`, {
      hint: `Restore it from a backup, or move it aside to start a new one.`,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BluelampError(
      'CONFIG_INVALID',
      `${path}: not a ${what} file (at ${issue?.path.join('.') || 'the top'}: ${issue?.message}).`,
      { hint: `Restore it from a backup, or move it aside to start a new one.` },
    );
  }
  return parsed.data;
}

export function writeJsonFile(dataDir: string, file: string, data: unknown): void {
  const path = join(dataDir, file);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, path);
}

import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../lib/errors.ts';

/**
 * Error reports (DATA_DIR/reports/import-errors-*.csv) repeat values from the data, so they are
 * written owner-only (files 0600, the folder 0700) and kept only for a while: by default 30
 * days (`bluelamp import --keep-reports DAYS`). Old ones are removed each time a report is
 * written; only our own report files are ever removed.
 */
export const DEFAULT_KEEP_REPORTS_DAYS = 30;

const REPORT_FILE = /^import-errors-[0-9TZ-]+(?:-\d+)?\.csv$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function parseKeepDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_KEEP_REPORTS_DAYS;
  const days = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(days))
    throw badInput(
      `--keep-reports "${text}" is not a whole number of days.`,
      `Give the days to keep error reports, e.g. --keep-reports ${DEFAULT_KEEP_REPORTS_DAYS} (0 keeps only the newest).`,
    );
  return days;
}

/** Removes our report files last written more than `keepDays` before `now`; returns how many. */
export function pruneReports(dir: string, now: Date, keepDays: number): number {
  if (!existsSync(dir)) return 0;
  const cutoff = now.getTime() - keepDays * DAY_MS;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!REPORT_FILE.test(name)) continue;
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isFile() && info.mtimeMs < cutoff) {
      rmSync(path);
      removed++;
    }
  }
  return removed;
}

/**
 * A new report's path: the folder is made (or made again) owner-only, old reports are pruned,
 * and the name is one not yet taken.
 */
export function newReportPath(
  dir: string,
  now: Date,
  keepDays = DEFAULT_KEEP_REPORTS_DAYS,
): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  pruneReports(dir, now, keepDays);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let path = join(dir, `import-errors-${stamp}.csv`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `import-errors-${stamp}-${n}.csv`);
  return path;
}

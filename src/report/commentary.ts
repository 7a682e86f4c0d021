import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';

/**
 * Analyst commentary, per measure and period (and LPA), kept in the data directory as
 * `commentary.json` and shown in every later run of the report. Written atomically (a temporary
 * file, then a rename) so a crash never leaves it half-written. (When the records store arrives,
 * commentary moves there with its audit trail.)
 */
const Entry = z.object({ text: z.string(), author: z.string(), updatedAt: z.string() });
const File = z.record(z.string(), z.record(z.string(), Entry));
export type CommentaryEntry = z.infer<typeof Entry>;

export const COMMENTARY_FILE = 'commentary.json';

const slot = (period: string, lpa: string | null) => `${period}|${lpa ?? ''}`;

function read(dataDir: string): z.infer<typeof File> {
  const path = join(dataDir, COMMENTARY_FILE);
  if (!existsSync(path)) return {};
  const parsed = File.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new BluelampError(
      'CONFIG_INVALID',
      `${path}: not a commentary file (${parsed.error.issues[0]?.message}).`,
    );
  return parsed.data;
}

export function commentaryFor(
  dataDir: string,
  period: string,
  lpa: string | null,
): Record<string, string> {
  const entries = read(dataDir)[slot(period, lpa)] ?? {};
  return Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.text]));
}

export function listCommentary(
  dataDir: string,
  period: string,
  lpa: string | null,
): Record<string, CommentaryEntry> {
  return read(dataDir)[slot(period, lpa)] ?? {};
}

export function setCommentary(
  dataDir: string,
  entry: {
    measureId: string;
    period: string;
    lpa: string | null;
    text: string;
    author: string;
    now: Date;
  },
): void {
  const all = read(dataDir);
  const key = slot(entry.period, entry.lpa);
  const current = { ...(all[key] ?? {}) };
  if (entry.text.trim() === '') delete current[entry.measureId];
  else
    current[entry.measureId] = {
      text: entry.text.trim(),
      author: entry.author,
      updatedAt: entry.now.toISOString(),
    };
  all[key] = current;
  const path = join(dataDir, COMMENTARY_FILE);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

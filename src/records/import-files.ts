import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../lib/errors.ts';
import type { Actor } from './api.ts';
import { appendAudit } from './audit.ts';
import { putCommentary } from './commentary.ts';
import type { Clock, Db } from './db.ts';
import { putDecision } from './quotes.ts';
import { putRebase } from './rebases.ts';
import { settings } from './schema.ts';
import { ServiceSettings } from './service-settings.ts';

/**
 * The one-time move of the analyst's JSON files (kept in the data directory before the records
 * store) into the store, at open. Every file present is read and validated first — a damaged
 * one is named and the open refused, touching nothing — then all are imported in one
 * transaction, then each is renamed `<name>.migrated`, so the next open does not import it
 * again. Imports are upserts: a crash between the commit and the renames imports the same
 * rows again, changing nothing.
 */
const CommentaryFile = z.record(
  z.string(),
  z.record(z.string(), z.object({ text: z.string(), author: z.string(), updatedAt: z.string() })),
);
const QuotesFile = z.strictObject({
  decisions: z.record(
    z.string(),
    z.strictObject({
      status: z.enum(['approved', 'rejected']),
      by: z.string().min(1),
      at: z.string(),
      reason: z.string().optional(),
      survey: z.string(),
      question: z.string(),
      month: z.string().regex(/^\d{4}-\d{2}$/),
      text: z.string().optional(),
    }),
  ),
});
const RebasesFile = z.strictObject({
  rebases: z.array(
    z.strictObject({
      measureId: z.string().min(1),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      reason: z.string().min(1),
      approvedBy: z.string().min(1),
      recordedAt: z.string(),
      recordedBy: z.string().optional(),
    }),
  ),
});

interface FileKind<S extends z.ZodType> {
  readonly file: string;
  readonly what: string;
  readonly schema: S;
  /** Writes the file's rows; returns how many. */
  load(db: Db, data: z.infer<S>, now: Date): Promise<number>;
}

const kind = <S extends z.ZodType>(k: FileKind<S>) => k as unknown as FileKind<z.ZodType>;

export const FILE_KINDS = {
  commentary: kind({
    file: 'commentary.json',
    what: 'commentary',
    schema: CommentaryFile,
    async load(db, data) {
      let n = 0;
      for (const [slot, entries] of Object.entries(data)) {
        const bar = slot.lastIndexOf('|');
        // Files of early versions had no LPA part: the slot is then the period alone.
        const [period, lpa] = bar < 0 ? [slot, ''] : [slot.slice(0, bar), slot.slice(bar + 1)];
        for (const [key, e] of Object.entries(entries)) {
          await putCommentary(db, { period, lpa: lpa === '' ? null : lpa, key }, e);
          n++;
        }
      }
      return n;
    },
  }),
  quotes: kind({
    file: 'quotes.json',
    what: 'quote decisions',
    schema: QuotesFile,
    async load(db, data) {
      for (const [id, d] of Object.entries(data.decisions)) await putDecision(db, id, d);
      return Object.keys(data.decisions).length;
    },
  }),
  rebases: kind({
    file: 'rebases.json',
    what: 'rebases',
    schema: RebasesFile,
    async load(db, data) {
      for (const r of data.rebases) await putRebase(db, r);
      return data.rebases.length;
    },
  }),
  settings: kind({
    file: 'settings.json',
    what: 'settings',
    schema: ServiceSettings,
    async load(db, data, now) {
      const entries = Object.entries(data).filter(([, v]) => v !== undefined);
      for (const [key, value] of entries)
        await db
          .insert(settings)
          .values({ key, value, updatedAt: now })
          .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
      return entries.length;
    },
  }),
} as const;

export type FileKindName = keyof typeof FILE_KINDS;
export const MIGRATED_SUFFIX = '.migrated';

function readFile(dataDir: string, k: FileKind<z.ZodType>): unknown {
  const path = join(dataDir, k.file);
  const hint = `Fix it or restore it from a backup (it has not been changed), or move it aside; it is moved into the records store once it reads.`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new BluelampError('CONFIG_INVALID', `${path}: not valid JSON, so not a ${k.what} file.`, {
      hint,
    });
  }
  const parsed = k.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BluelampError(
      'CONFIG_INVALID',
      `${path}: not a ${k.what} file (at ${issue?.path.join('.') || 'the top'}: ${issue?.message}).`,
      { hint },
    );
  }
  return parsed.data;
}

/** Imports and renames the files present; returns the names of those imported. */
export async function importDataDirFiles(
  db: Db,
  dataDir: string,
  clock: Clock,
  kinds: readonly FileKindName[],
): Promise<string[]> {
  const present = kinds
    .map((name) => FILE_KINDS[name])
    .filter((k) => existsSync(join(dataDir, k.file)));
  if (present.length === 0) return [];
  const read = present.map((k) => ({ k, data: readFile(dataDir, k) }));
  const actor: Actor = { userId: null, via: 'system' };
  await db.transaction(async (tx) => {
    for (const { k, data } of read) {
      const rows = await k.load(tx, data, clock.now());
      await appendAudit(
        tx,
        clock.now(),
        { action: 'records_imported', subject: `file:${k.file}`, details: { rows } },
        actor,
      );
    }
  });
  for (const k of present)
    renameSync(join(dataDir, k.file), join(dataDir, `${k.file}${MIGRATED_SUFFIX}`));
  return present.map((k) => k.file);
}

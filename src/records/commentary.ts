import { and, eq } from 'drizzle-orm';
import type { CommentaryRecord, CommentaryRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import type { Db, RepoContext } from './db.ts';
import { commentary } from './schema.ts';

/**
 * Analyst commentary, one row per period, LPA ('' for the whole force) and key; the carrying
 * forward of last period's text is worked out by src/app/commentary.ts on reading. The audit
 * entry names the slot, never the text or its author.
 */
export const lpaKey = (lpa: string | null) => lpa ?? '';

export async function putCommentary(
  db: Db,
  slot: { period: string; lpa: string | null; key: string },
  entry: CommentaryRecord,
): Promise<void> {
  const row = { period: slot.period, lpa: lpaKey(slot.lpa), key: slot.key, ...entry };
  await db
    .insert(commentary)
    .values(row)
    .onConflictDoUpdate({
      target: [commentary.period, commentary.lpa, commentary.key],
      set: { text: row.text, author: row.author, updatedAt: row.updatedAt },
    });
}

export function commentaryRepo({ db, clock }: RepoContext): CommentaryRepo {
  return {
    async entries(period, lpa) {
      const rows = await db
        .select()
        .from(commentary)
        .where(and(eq(commentary.period, period), eq(commentary.lpa, lpaKey(lpa))));
      return Object.fromEntries(
        rows.map((r) => [r.key, { text: r.text, author: r.author, updatedAt: r.updatedAt }]),
      );
    },

    async set(slot, entry, actor) {
      await db.transaction(async (tx) => {
        if (entry) await putCommentary(tx, slot, entry);
        else
          await tx
            .delete(commentary)
            .where(
              and(
                eq(commentary.period, slot.period),
                eq(commentary.lpa, lpaKey(slot.lpa)),
                eq(commentary.key, slot.key),
              ),
            );
        await appendAudit(
          tx,
          clock.now(),
          {
            action: entry ? 'commentary_set' : 'commentary_removed',
            subject: `commentary:${slot.period}:${lpaKey(slot.lpa)}:${slot.key}`,
            details: {},
          },
          actor,
        );
      });
    },
  };
}

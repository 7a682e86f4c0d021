import { and, asc, eq } from 'drizzle-orm';
import type { RebaseRecord, RebasesRepo } from './api.ts';
import { appendAudit } from './audit.ts';
import type { Db, RepoContext } from './db.ts';
import { spcRebases } from './schema.ts';

/** Recorded SPC rebases, one per measure and month (recording the same again replaces it). */
export async function putRebase(db: Db, r: RebaseRecord): Promise<boolean> {
  const existing = await db
    .select({ m: spcRebases.month })
    .from(spcRebases)
    .where(and(eq(spcRebases.measureId, r.measureId), eq(spcRebases.month, r.month)));
  const row = { ...r, recordedBy: r.recordedBy ?? null };
  await db
    .insert(spcRebases)
    .values(row)
    .onConflictDoUpdate({ target: [spcRebases.measureId, spcRebases.month], set: row });
  return existing.length > 0;
}

export function rebasesRepo({ db, clock }: RepoContext): RebasesRepo {
  const audit = (
    db: Db,
    action: string,
    measureId: string,
    month: string,
    actor: Parameters<RebasesRepo['add']>[1],
  ) =>
    appendAudit(
      db,
      clock.now(),
      { action, subject: `rebase:${measureId}:${month}`, details: {} },
      actor,
    );

  return {
    async list(measureId) {
      const rows = await db
        .select()
        .from(spcRebases)
        .where(measureId === undefined ? undefined : eq(spcRebases.measureId, measureId))
        .orderBy(asc(spcRebases.measureId), asc(spcRebases.month));
      return rows.map((r) => ({
        measureId: r.measureId,
        month: r.month,
        reason: r.reason,
        approvedBy: r.approvedBy,
        recordedAt: r.recordedAt,
        ...(r.recordedBy === null ? {} : { recordedBy: r.recordedBy }),
      }));
    },

    add(r, actor) {
      return db.transaction(async (tx) => {
        const replaced = await putRebase(tx, r);
        await audit(
          tx,
          replaced ? 'rebase_replaced' : 'rebase_recorded',
          r.measureId,
          r.month,
          actor,
        );
        return replaced;
      });
    },

    remove(measureId, month, actor) {
      return db.transaction(async (tx) => {
        const gone = await tx
          .delete(spcRebases)
          .where(and(eq(spcRebases.measureId, measureId), eq(spcRebases.month, month)))
          .returning({ m: spcRebases.month });
        if (gone.length > 0) await audit(tx, 'rebase_removed', measureId, month, actor);
        return gone.length > 0;
      });
    },
  };
}

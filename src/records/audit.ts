import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Actor, AuditEntry, AuditRepo } from './api.ts';
import type { Db, RepoContext } from './db.ts';
import { auditLog } from './schema.ts';

/**
 * The audit log: one row per sign-in, failed sign-in, lockout and change, appended in the same
 * transaction as the change it records. The table refuses UPDATE, DELETE and TRUNCATE at the
 * database (migration 0001), so nothing here, or anywhere, can rewrite it.
 */
export type AuditInput = Omit<AuditEntry, 'id' | 'at' | 'actorUserId' | 'via'>;

export async function appendAudit(
  db: Db,
  at: Date,
  entry: AuditInput,
  actor: Actor,
): Promise<void> {
  await db.insert(auditLog).values({
    at,
    actorUserId: actor.userId === null ? null : Number(actor.userId),
    via: actor.via,
    action: entry.action,
    subject: entry.subject,
    details: { ...entry.details },
  });
}

export function auditRepo({ db, clock }: RepoContext): AuditRepo {
  return {
    append: (entry, actor) => appendAudit(db, clock.now(), entry, actor),
    async list(opts = {}) {
      const where = and(
        opts.action === undefined ? undefined : eq(auditLog.action, opts.action),
        opts.since === undefined ? undefined : gte(auditLog.at, opts.since),
        opts.subject === undefined ? undefined : eq(auditLog.subject, opts.subject),
        opts.beforeId === undefined ? undefined : lt(auditLog.id, opts.beforeId),
      );
      const rows = await db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(opts.limit ?? 100);
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorUserId: r.actorUserId === null ? null : String(r.actorUserId),
        via: r.via as Actor['via'],
        action: r.action,
        subject: r.subject,
        details: r.details,
      }));
    },
  };
}

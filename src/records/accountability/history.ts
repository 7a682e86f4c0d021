import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db } from '../db.ts';
import { recordHistory } from '../schema.ts';

/**
 * The timeline of every accountability item that is not a finding (plans, commitments,
 * delivery updates, meetings, challenges, actions, complaints, work-programme items), in
 * `record_history` (append-only at the database). `recordChange` is called inside the change's
 * own transaction and writes two rows: the history (before, after, note: what the item's page
 * shows as its timeline) and the audit log (who, when, which item and its status, never the
 * free text). Subjects are `<kind>:<id>`, e.g. `challenge:7`.
 */
export type HistoryFields = Readonly<Record<string, string | number | boolean | null>>;

export interface HistoryEntry {
  readonly id: number;
  readonly subject: string;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly via: Actor['via'];
  readonly action: string;
  readonly before: HistoryFields;
  readonly after: HistoryFields;
  readonly note: string | null;
}

export async function recordChange(
  tx: Db,
  at: Date,
  change: {
    readonly subject: string;
    /** e.g. added, updated, answered, published. The audit action is `<kind>_<action>`. */
    readonly action: string;
    readonly before: HistoryFields | null;
    readonly after: HistoryFields;
    readonly note?: string | null;
    /** Audit details beyond the subject: statuses and dates only, never free text. */
    readonly audit?: Readonly<Record<string, string | number | boolean | null>>;
  },
  actor: Actor,
): Promise<void> {
  await tx.insert(recordHistory).values({
    subject: change.subject,
    at,
    actorUserId: actor.userId === null ? null : Number(actor.userId),
    via: actor.via,
    action: change.action,
    before: { ...(change.before ?? {}) },
    after: { ...change.after },
    note: change.note?.trim() || null,
  });
  const kind = change.subject.split(':')[0] ?? 'record';
  await appendAudit(
    tx,
    at,
    { action: `${kind}_${change.action}`, subject: change.subject, details: { ...change.audit } },
    actor,
  );
}

/** An item's timeline, oldest first. */
export async function historyOf(db: Db, subject: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select()
    .from(recordHistory)
    .where(eq(recordHistory.subject, subject))
    .orderBy(asc(recordHistory.id));
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    at: r.at,
    actorUserId: r.actorUserId === null ? null : String(r.actorUserId),
    via: r.via as Actor['via'],
    action: r.action,
    before: r.before as HistoryFields,
    after: r.after as HistoryFields,
    note: r.note,
  }));
}

import { and, asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import {
  findingEvidence,
  findingHistory,
  findingRag,
  findings,
  findingSources,
  users,
} from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { checkEvidenceFile, insertEvidenceFile, type EvidenceBlobs } from './evidence-files.ts';
import { checkAction, checkTransition, OPEN_STATUSES, type FindingStatus } from './lifecycle.ts';
import { actingAs, idNumber, parse, unknownRecord } from './shared.ts';
import {
  EvidenceInput,
  FindingInput,
  FindingPatch,
  ProgressUpdateInput,
  type Evidence,
  type Finding,
  type FindingKind,
  type FindingsRepo,
  type HistoryValue,
  type Rag,
  type RagState,
} from './types.ts';

/**
 * The findings register. Every change is written three ways in one transaction: the finding
 * itself, its history row (who, when, before, after and the note: the item's timeline) and the
 * audit log (who, when, which finding and the statuses, never the free text). Who may do what
 * is lifecycle.ts's table; this module only applies it.
 */
type Row = typeof findings.$inferSelect;

const toFinding = (r: Row): Finding => ({
  id: String(r.id),
  sourceId: String(r.sourceId),
  ref: r.ref,
  kind: r.kind as FindingKind,
  text: r.text,
  scope: r.scope as Finding['scope'],
  due: r.dueImmediately ? 'immediately' : r.dueOn,
  leadUserId: r.leadUserId === null ? null : String(r.leadUserId),
  status: r.status as FindingStatus,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** The fields a history row keeps before and after. */
const snapshot = (f: Finding): Record<string, HistoryValue> => ({
  status: f.status,
  text: f.text,
  scope: f.scope,
  due: f.due,
  leadUserId: f.leadUserId,
});

const dueColumns = (due: Finding['due']) => {
  if (due !== null && due !== 'immediately') dayNumber(due);
  return { dueImmediately: due === 'immediately', dueOn: due === 'immediately' ? null : due };
};

const subject = (id: number | string) => `finding:${id}`;

/** Extra fields a history row keeps beside the finding's own, and where its audit entry points. */
export interface RecordOptions {
  readonly before?: Readonly<Record<string, HistoryValue>>;
  readonly after?: Readonly<Record<string, HistoryValue>>;
  /** Default `finding:N`; e.g. `board_review:4` for a board's decision. */
  readonly auditSubject?: string;
  /** Statuses, ids and dates only: never free text. */
  readonly auditDetails?: Readonly<Record<string, string>>;
}

/**
 * The writes every change to a finding is made of, for use inside a transaction: by this
 * repository and by the others that change a finding as part of their own record (a board's
 * decision takes the lifecycle step in the same transaction as the review).
 */
export function findingWriter({ clock }: Pick<RepoContext, 'clock'>) {
  async function load(tx: Db, id: string): Promise<Finding> {
    const n = idNumber(id);
    const [row] = n === null ? [] : await tx.select().from(findings).where(eq(findings.id, n));
    if (!row) throw unknownRecord('finding');
    return toFinding(row);
  }

  async function checkLead(tx: Db, leadUserId: string | null): Promise<void> {
    if (leadUserId === null) return;
    const n = idNumber(leadUserId);
    const [u] = n === null ? [] : await tx.select().from(users).where(eq(users.id, n));
    if (!u || u.disabled) throw badInput('The strategic lead must be a user of the service.');
    if (u.role !== 'lead') throw badInput('The strategic lead must have the lead role.');
  }

  /** Writes the new state, its history row and its audit entry. */
  async function record(
    tx: Db,
    before: Finding | null,
    after: Finding,
    action: string,
    actor: Actor,
    note: string | null | undefined,
    opts: RecordOptions = {},
  ): Promise<void> {
    const at = clock.now();
    const n = Number(after.id);
    await tx.insert(findingHistory).values({
      findingId: n,
      at,
      actorUserId: actor.userId === null ? null : Number(actor.userId),
      via: actor.via,
      action,
      before: before ? { ...snapshot(before), ...opts.before } : {},
      after: { ...snapshot(after), ...opts.after },
      note: note?.trim() || null,
    });
    const details: Record<string, string> = { ...opts.auditDetails, status: after.status };
    if (before && before.status !== after.status) details.from = before.status;
    await appendAudit(
      tx,
      at,
      { action: `finding_${action}`, subject: opts.auditSubject ?? subject(n), details },
      actor,
    );
  }

  async function write(tx: Db, f: Finding, set: Partial<typeof findings.$inferInsert>) {
    const [row] = await tx
      .update(findings)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(findings.id, Number(f.id)))
      .returning();
    if (!row) throw unknownRecord('finding');
    return toFinding(row);
  }

  async function step(tx: Db, f: Finding, to: FindingStatus, actor: Actor, note?: string) {
    checkTransition(f, to, await actingAs(tx, actor));
    if (to === 'allocated' && f.leadUserId === null)
      throw new BluelampError('INVALID_TRANSITION', 'Choose a strategic lead before allocating.');
    const after = await write(tx, f, { status: to });
    await record(tx, f, after, 'transition', actor, note);
    return after;
  }

  return { load, checkLead, record, write, step };
}

const ragOf = (r: typeof findingRag.$inferSelect): RagState => ({
  findingId: String(r.findingId),
  rag: r.rag as Rag,
  setAt: r.setAt,
  setBy: r.setBy === null ? null : String(r.setBy),
});

/**
 * The findings register. `blobs` keeps evidence files (open.ts gives it the data directory's
 * evidence folder).
 */
export function findingsRepo(ctx: RepoContext, blobs: EvidenceBlobs): FindingsRepo {
  const { db, clock } = ctx;
  const { load, checkLead, record, write, step } = findingWriter(ctx);

  return {
    async add(input, actor) {
      const f = parse(FindingInput, input);
      const sourceId = idNumber(f.sourceId);
      return db.transaction(async (tx) => {
        checkAction('add', await actingAs(tx, actor), null);
        const [src] =
          sourceId === null
            ? []
            : await tx.select().from(findingSources).where(eq(findingSources.id, sourceId));
        if (!src) throw unknownRecord('report or other source');
        await checkLead(tx, f.leadUserId);
        const [row] = await tx
          .insert(findings)
          .values({
            sourceId: src.id,
            ref: f.ref,
            kind: f.kind,
            text: f.text,
            scope: f.scope,
            ...dueColumns(f.due),
            leadUserId: f.leadUserId === null ? null : Number(f.leadUserId),
            status: 'awaiting_allocation',
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const created = toFinding(row);
        await record(tx, null, created, 'added', actor, undefined);
        return created;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(findings).where(eq(findings.id, n));
      return row ? toFinding(row) : null;
    },

    async list(filter = {}) {
      const num = (s: string | undefined) => (s === undefined ? undefined : (idNumber(s) ?? -1));
      const [src, lead] = [num(filter.sourceId), num(filter.leadUserId)];
      const rows = await db
        .select()
        .from(findings)
        .where(
          and(
            src === undefined ? undefined : eq(findings.sourceId, src),
            lead === undefined ? undefined : eq(findings.leadUserId, lead),
            filter.status === undefined ? undefined : eq(findings.status, filter.status),
            filter.kind === undefined ? undefined : eq(findings.kind, filter.kind),
          ),
        )
        .orderBy(asc(findings.sourceId), asc(findings.id));
      return rows.map(toFinding);
    },

    async update(id, patch, actor, note) {
      const p = parse(FindingPatch, patch);
      return db.transaction(async (tx) => {
        const f = await load(tx, id);
        checkAction('update', await actingAs(tx, actor), f.leadUserId);
        if (p.leadUserId !== undefined) await checkLead(tx, p.leadUserId);
        const after = await write(tx, f, {
          ...(p.text === undefined ? {} : { text: p.text }),
          ...(p.scope === undefined ? {} : { scope: p.scope }),
          ...(p.due === undefined ? {} : dueColumns(p.due)),
          ...(p.leadUserId === undefined
            ? {}
            : { leadUserId: p.leadUserId === null ? null : Number(p.leadUserId) }),
        });
        await record(tx, f, after, 'updated', actor, note);
        return after;
      });
    },

    async transition(id, to, actor, note) {
      return db.transaction(async (tx) => step(tx, await load(tx, id), to, actor, note));
    },

    async allocate(id, leadUserId, actor, note) {
      return db.transaction(async (tx) => {
        const f = await load(tx, id);
        // Checked before the lead is set, so a refused step leaves nothing behind.
        checkTransition(f, 'allocated', await actingAs(tx, actor));
        await checkLead(tx, leadUserId);
        const led = await write(tx, f, { leadUserId: Number(leadUserId) });
        await record(tx, f, led, 'updated', actor, undefined);
        return step(tx, led, 'allocated', actor, note);
      });
    },

    async addEvidence(id, input, actor) {
      const e = parse(EvidenceInput, input);
      dayNumber(e.coversOn);
      return db.transaction(async (tx) => {
        const f = await load(tx, id);
        checkAction('add_evidence', await actingAs(tx, actor), f.leadUserId);
        const [row] = await tx
          .insert(findingEvidence)
          .values({
            findingId: Number(f.id),
            text: e.text,
            link: e.link,
            coversOn: e.coversOn,
            addedAt: clock.now(),
            addedBy: actor.userId === null ? null : Number(actor.userId),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        await record(tx, f, f, 'evidence_added', actor, e.text);
        return toEvidence(row);
      });
    },

    async postUpdate(id, input, actor, upload) {
      const u = parse(ProgressUpdateInput, input);
      if (dayNumber(u.coversOn) > dayNumber(londonDate(clock.now())))
        throw badInput('coversOn: the date the evidence covers cannot be in the future.');
      const checked = upload ? checkEvidenceFile(upload) : null;
      // The bytes go in before the transaction: content-addressed, so a rolled-back update
      // leaves at most an unreferenced copy of a file, never a row without its file.
      const sha256 = upload ? await blobs.put(upload.bytes) : null;
      return db.transaction(async (tx) => {
        const f = await load(tx, id);
        checkAction('add_evidence', await actingAs(tx, actor), f.leadUserId);
        if (!OPEN_STATUSES.includes(f.status))
          throw new BluelampError(
            'INVALID_TRANSITION',
            `A finding that is ${f.status.replaceAll('_', ' ')} takes no more progress updates.`,
          );
        const at = clock.now();
        const [row] = await tx
          .insert(findingEvidence)
          .values({
            findingId: Number(f.id),
            text: u.text,
            link: u.link,
            coversOn: u.coversOn,
            addedAt: at,
            addedBy: actor.userId === null ? null : Number(actor.userId),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const file =
          checked && upload && sha256
            ? await insertEvidenceFile(
                tx,
                at,
                {
                  subject: subject(f.id),
                  evidenceId: row.id,
                  fileName: checked.fileName,
                  mediaType: checked.mediaType,
                  bytes: upload.bytes.length,
                  sha256,
                },
                actor,
              )
            : null;
        const [old] = await tx
          .select()
          .from(findingRag)
          .where(eq(findingRag.findingId, row.findingId));
        let rag = old ? ragOf(old) : null;
        if (u.rag !== null) {
          const set = {
            rag: u.rag,
            setAt: at,
            setBy: actor.userId === null ? null : Number(actor.userId),
          };
          const [r] = await tx
            .insert(findingRag)
            .values({ findingId: row.findingId, ...set })
            .onConflictDoUpdate({ target: findingRag.findingId, set })
            .returning();
          if (r) rag = ragOf(r);
        }
        await record(tx, f, f, 'evidence_added', actor, u.text, {
          before: { rag: old?.rag ?? null },
          after: {
            rag: rag?.rag ?? null,
            evidence: String(row.id),
            coversOn: u.coversOn,
            file: file?.fileName ?? null,
          },
          auditDetails: {
            evidence: String(row.id),
            ...(file ? { file: file.id, mediaType: file.mediaType } : {}),
            ...(u.rag !== null ? { rag: u.rag } : {}),
          },
        });
        return { evidence: toEvidence(row), file, rag };
      });
    },

    async rag(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(findingRag).where(eq(findingRag.findingId, n));
      return row ? ragOf(row) : null;
    },

    async rags() {
      const rows = await db.select().from(findingRag).orderBy(asc(findingRag.findingId));
      return rows.map(ragOf);
    },

    async evidence(id) {
      const n = idNumber(id) ?? -1;
      const rows = await db
        .select()
        .from(findingEvidence)
        .where(eq(findingEvidence.findingId, n))
        .orderBy(asc(findingEvidence.coversOn), asc(findingEvidence.id));
      return rows.map(toEvidence);
    },

    async history(id) {
      const n = idNumber(id) ?? -1;
      const rows = await db
        .select()
        .from(findingHistory)
        .where(eq(findingHistory.findingId, n))
        .orderBy(asc(findingHistory.id));
      return rows.map((r) => ({
        id: r.id,
        findingId: String(r.findingId),
        at: r.at,
        actorUserId: r.actorUserId === null ? null : String(r.actorUserId),
        via: r.via as Actor['via'],
        action: r.action,
        before: r.before,
        after: r.after,
        note: r.note,
      }));
    },
  };
}

const toEvidence = (r: typeof findingEvidence.$inferSelect): Evidence => ({
  id: String(r.id),
  findingId: String(r.findingId),
  text: r.text,
  link: r.link,
  coversOn: r.coversOn,
  addedAt: r.addedAt,
  addedBy: r.addedBy === null ? null : String(r.addedBy),
});

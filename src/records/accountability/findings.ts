import { and, asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import { findingEvidence, findingHistory, findings, findingSources, users } from '../schema.ts';
import { dayNumber } from './clock.ts';
import { checkAction, checkTransition, type FindingStatus } from './lifecycle.ts';
import { actingAs, idNumber, parse, unknownRecord } from './shared.ts';
import {
  EvidenceInput,
  FindingInput,
  FindingPatch,
  type Evidence,
  type Finding,
  type FindingKind,
  type FindingsRepo,
  type HistoryValue,
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

export function findingsRepo({ db, clock }: RepoContext): FindingsRepo {
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
    note: string | undefined,
  ): Promise<void> {
    const at = clock.now();
    const n = Number(after.id);
    await tx.insert(findingHistory).values({
      findingId: n,
      at,
      actorUserId: actor.userId === null ? null : Number(actor.userId),
      via: actor.via,
      action,
      before: before ? snapshot(before) : {},
      after: snapshot(after),
      note: note?.trim() || null,
    });
    const details: Record<string, string> = { status: after.status };
    if (before && before.status !== after.status) details.from = before.status;
    await appendAudit(tx, at, { action: `finding_${action}`, subject: subject(n), details }, actor);
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

  return {
    async add(input, actor) {
      const f = parse(FindingInput, input);
      const sourceId = idNumber(f.sourceId);
      return db.transaction(async (tx) => {
        checkAction('update', await actingAs(tx, actor), null);
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

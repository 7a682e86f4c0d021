import { asc, eq } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Db, RepoContext } from '../db.ts';
import {
  deliveryUpdates,
  planCommitments,
  planObjectives,
  planPriorities,
  settings,
} from '../schema.ts';
import { londonDate } from './clock.ts';
import { historyOf, recordChange, type HistoryEntry, type HistoryFields } from './history.ts';
import type { ActingAs } from './lifecycle.ts';
import { commitmentRow, planOfCommitment } from './plan.ts';
import {
  DeliveryInput,
  DeliveryPatch,
  type Commitment,
  type DeliveryRepo,
  type DeliveryStatus,
  type DeliveryUpdate,
} from './plan-types.ts';
import {
  compareQuarters,
  DELIVERY_DUE_DAYS,
  parseQuarter,
  quarterIndex,
  updateDueOn,
} from './quarter.ts';
import { actingAs, idNumber, parse, unknownRecord } from './shared.ts';

/**
 * Quarterly delivery updates on the plan's commitments: one per commitment and quarter (a
 * unique constraint as well as a check here), changeable until a later quarter's update
 * supersedes it, after which it is part of the record the panel scrutinised. Each post and
 * change writes the update's timeline (`delivery:N`) and the audit log (quarter and status only).
 */
type Row = typeof deliveryUpdates.$inferSelect;

/**
 * Who may post or change a commitment's update: its lead, or the policing body's office for a
 * commitment the body itself delivers; the command line and the system always. An
 * administrator manages the plan but does not report on its delivery.
 */
export function mayUpdateDelivery(
  c: Pick<Commitment, 'owner' | 'leadUserId'>,
  who: ActingAs,
): boolean {
  if (who.role === null) return true;
  if (who.role !== 'lead' && who.role !== 'oversight') return false;
  if (who.userId !== null && who.userId === c.leadUserId) return true;
  return who.role === 'oversight' && c.owner === 'policing_body';
}

const fields = (u: Row): HistoryFields => ({
  quarter: u.quarter,
  status: u.status,
  narrative: u.narrative,
  evidence: u.evidence,
});

function toUpdate(r: Row, latestIndex: number): DeliveryUpdate {
  return {
    id: String(r.id),
    commitmentId: String(r.commitmentId),
    quarter: r.quarter,
    status: r.status as DeliveryStatus,
    narrative: r.narrative,
    evidence: r.evidence,
    dueOn: r.dueOn,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy === null ? null : String(r.submittedBy),
    editable: quarterIndex(r.quarter) >= latestIndex,
  };
}

/** Rows as updates, each knowing whether a later quarter of its commitment supersedes it. */
function withEditable(rows: readonly Row[]): DeliveryUpdate[] {
  const latest = new Map<number, number>();
  for (const r of rows)
    latest.set(r.commitmentId, Math.max(latest.get(r.commitmentId) ?? -1, quarterIndex(r.quarter)));
  return [...rows]
    .sort((a, b) => compareQuarters(a.quarter, b.quarter) || a.commitmentId - b.commitmentId)
    .map((r) => toUpdate(r, latest.get(r.commitmentId) ?? -1));
}

const isUniqueViolation = (e: unknown): boolean => {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause)
    if ((x as { code?: unknown }).code === '23505') return true;
  return false;
};

/** `deliveryUpdateDueDays` from the settings (0–120 days), else 21. */
async function dueDays(tx: Db): Promise<number> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, 'deliveryUpdateDueDays'));
  const v = row?.value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 120 ? v : DELIVERY_DUE_DAYS;
}

const refuse = () =>
  new BluelampError('NOT_PERMITTED', 'You cannot report on the delivery of this commitment.', {
    hint: "Only the commitment's lead can, or the policing body's office for a commitment the body delivers.",
  });

export function deliveryRepo({ db, clock }: RepoContext): DeliveryRepo {
  const updatesOf = (tx: Db, commitmentId: number) =>
    tx
      .select()
      .from(deliveryUpdates)
      .where(eq(deliveryUpdates.commitmentId, commitmentId))
      .orderBy(asc(deliveryUpdates.id));

  return {
    async post(commitmentId, input, actor) {
      const d = parse(DeliveryInput, input);
      const quarter = parseQuarter(d.quarter);
      try {
        return await db.transaction(async (tx) => {
          const c = await commitmentRow(tx, commitmentId);
          const who = await actingAs(tx, actor);
          const commitment = { owner: c.owner as Commitment['owner'], leadUserId: idOf(c) };
          if (!mayUpdateDelivery(commitment, who)) throw refuse();
          const today = londonDate(clock.now());
          if (quarter.startsOn > today)
            throw badInput(`quarter: ${quarter.label} has not started yet.`);
          const plan = await planOfCommitment(tx, c);
          if (quarter.endsOn < plan.startsOn || quarter.startsOn > plan.endsOn)
            throw badInput(
              `quarter: ${quarter.label} is outside the plan (${plan.startsOn} to ${plan.endsOn}).`,
            );
          const existing = await updatesOf(tx, c.id);
          if (existing.some((u) => u.quarter === quarter.label)) throw duplicate(quarter.label);
          const later = existing.find((u) => compareQuarters(u.quarter, quarter.label) > 0);
          if (later)
            throw new BluelampError(
              'INVALID_TRANSITION',
              `This commitment already has an update for ${later.quarter}, after ${quarter.label}.`,
              { hint: 'Post the update for the latest quarter instead.' },
            );
          const [row] = await tx
            .insert(deliveryUpdates)
            .values({
              commitmentId: c.id,
              quarter: quarter.label,
              status: d.status,
              narrative: d.narrative,
              evidence: d.evidence,
              dueOn: updateDueOn(quarter.label, await dueDays(tx)),
              submittedAt: clock.now(),
              submittedBy: actor.userId === null ? null : Number(actor.userId),
            })
            .returning();
          if (!row) throw new Error('insert returned no row');
          await recordChange(
            tx,
            clock.now(),
            {
              subject: `delivery:${row.id}`,
              action: 'posted',
              before: null,
              after: { ...fields(row), commitmentId: String(c.id) },
              audit: { commitment: c.id, quarter: row.quarter, status: row.status },
            },
            actor,
          );
          return toUpdate(row, quarterIndex(row.quarter));
        });
      } catch (e) {
        // Two posts for the same quarter at once: the database's constraint decides.
        if (isUniqueViolation(e)) throw duplicate(quarter.label);
        throw e;
      }
    },

    async edit(id, patch, actor, note) {
      const p = parse(DeliveryPatch, patch);
      return db.transaction(async (tx) => {
        const n = idNumber(id) ?? -1;
        const [u] = await tx.select().from(deliveryUpdates).where(eq(deliveryUpdates.id, n));
        if (!u) throw unknownRecord('delivery update');
        const c = await commitmentRow(tx, String(u.commitmentId));
        const who = await actingAs(tx, actor);
        if (!mayUpdateDelivery({ owner: c.owner as Commitment['owner'], leadUserId: idOf(c) }, who))
          throw refuse();
        const later = (await updatesOf(tx, c.id)).find(
          (x) => compareQuarters(x.quarter, u.quarter) > 0,
        );
        if (later)
          throw new BluelampError(
            'INVALID_TRANSITION',
            `The update for ${u.quarter} can no longer be changed: the update for ${later.quarter} has superseded it.`,
          );
        const [row] = await tx
          .update(deliveryUpdates)
          .set(p)
          .where(eq(deliveryUpdates.id, u.id))
          .returning();
        if (!row) throw unknownRecord('delivery update');
        await recordChange(
          tx,
          clock.now(),
          {
            subject: `delivery:${row.id}`,
            action: 'edited',
            before: fields(u),
            after: fields(row),
            note: note ?? null,
            audit: { commitment: c.id, quarter: row.quarter, status: row.status, from: u.status },
          },
          actor,
        );
        return toUpdate(row, quarterIndex(row.quarter));
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [u] = await db.select().from(deliveryUpdates).where(eq(deliveryUpdates.id, n));
      if (!u) return null;
      return withEditable(await updatesOf(db, u.commitmentId)).find((x) => x.id === id) ?? null;
    },

    async forCommitment(commitmentId) {
      const n = idNumber(commitmentId) ?? -1;
      return withEditable(await updatesOf(db, n));
    },

    async forPlan(planId) {
      const n = idNumber(planId) ?? -1;
      const rows = await db
        .select({ u: deliveryUpdates })
        .from(deliveryUpdates)
        .innerJoin(planCommitments, eq(planCommitments.id, deliveryUpdates.commitmentId))
        .innerJoin(planPriorities, eq(planPriorities.id, planCommitments.priorityId))
        .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
        .where(eq(planObjectives.planId, n));
      return withEditable(rows.map((r) => r.u));
    },

    async timeline(commitmentId) {
      const n = idNumber(commitmentId) ?? -1;
      const ids = (await updatesOf(db, n)).map((u) => u.id);
      const all: HistoryEntry[] = [
        ...(await historyOf(db, `commitment:${n}`)),
        ...(await Promise.all(ids.map((i) => historyOf(db, `delivery:${i}`)))).flat(),
      ];
      return all.sort((a, b) => a.id - b.id);
    },
  };
}

const idOf = (c: typeof planCommitments.$inferSelect) =>
  c.leadUserId === null ? null : String(c.leadUserId);

const duplicate = (quarter: string) =>
  new BluelampError('INVALID_TRANSITION', `This commitment already has an update for ${quarter}.`, {
    hint: 'Change that update instead of posting another.',
  });

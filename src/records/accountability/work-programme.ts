import { asc, eq, sql } from 'drizzle-orm';
import { badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { workProgrammeItems } from '../schema.ts';
import { dayNumber } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import {
  WorkItemInput,
  WorkItemPatch,
  type WorkItem,
  type WorkItemStatus,
  type WorkProgrammeRepo,
} from './panel-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * The panel's work programme: what it will scrutinise at which meeting and the papers it has
 * asked the policing body for, planned, done or deferred. Panel members (and administrators)
 * keep it; each change leaves a timeline entry and an audit entry (status and date only).
 */
type Row = typeof workProgrammeItems.$inferSelect;

export const WORK_PROGRAMME_EDITORS = ['admin', 'panel'] as const;

const toItem = (r: Row): WorkItem => ({
  id: String(r.id),
  title: r.title,
  description: r.description,
  meetingOn: r.meetingOn,
  papersRequested: [...r.papersRequested],
  status: r.status as WorkItemStatus,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const snapshot = (w: WorkItem): HistoryFields => ({
  title: w.title,
  description: w.description,
  meetingOn: w.meetingOn,
  papersRequested: w.papersRequested.join('; '),
  status: w.status,
});

const subject = (id: string | number) => `work_item:${id}`;

export function workProgrammeRepo({ db, clock }: RepoContext): WorkProgrammeRepo {
  const mayEdit = async (tx: Db, actor: Actor) =>
    requireRole(await actingAs(tx, actor), WORK_PROGRAMME_EDITORS, 'change the work programme');

  const checkDate = (d: string | null | undefined) => {
    if (d !== null && d !== undefined) dayNumber(d);
  };

  return {
    async add(input, actor) {
      const w = parse(WorkItemInput, input);
      checkDate(w.meetingOn);
      return db.transaction(async (tx) => {
        await mayEdit(tx, actor);
        const [row] = await tx
          .insert(workProgrammeItems)
          .values({ ...w, createdAt: clock.now(), updatedAt: clock.now() })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const added = toItem(row);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: subject(added.id),
            action: 'added',
            before: null,
            after: snapshot(added),
            audit: { status: added.status, meetingOn: added.meetingOn },
          },
          actor,
        );
        return added;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(workProgrammeItems).where(eq(workProgrammeItems.id, n));
      return row ? toItem(row) : null;
    },

    async list(filter = {}) {
      const rows = await db
        .select()
        .from(workProgrammeItems)
        .where(
          filter.status === undefined ? undefined : eq(workProgrammeItems.status, filter.status),
        )
        .orderBy(sql`${workProgrammeItems.meetingOn} asc nulls last`, asc(workProgrammeItems.id));
      return rows.map(toItem);
    },

    async update(id, patch, actor, note) {
      const p = parse(WorkItemPatch, patch);
      checkDate(p.meetingOn);
      if (Object.keys(p).length === 0) throw badInput('Nothing to change was given.');
      return db.transaction(async (tx) => {
        await mayEdit(tx, actor);
        const n = idNumber(id);
        const [row] =
          n === null
            ? []
            : await tx.select().from(workProgrammeItems).where(eq(workProgrammeItems.id, n));
        if (!row) throw unknownRecord('work programme item');
        const before = toItem(row);
        const [updated] = await tx
          .update(workProgrammeItems)
          .set({ ...p, updatedAt: clock.now() })
          .where(eq(workProgrammeItems.id, row.id))
          .returning();
        if (!updated) throw unknownRecord('work programme item');
        const after = toItem(updated);
        await recordChange(
          tx,
          clock.now(),
          {
            subject: subject(id),
            action: 'updated',
            before: snapshot(before),
            after: snapshot(after),
            note: note ?? null,
            audit: {
              status: after.status,
              ...(before.status === after.status ? {} : { from: before.status }),
              meetingOn: after.meetingOn,
            },
          },
          actor,
        );
        return after;
      });
    },

    history: (id) => historyOf(db, subject(idNumber(id) ?? -1)),
  };
}

import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { meetingActions, meetings } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import { changed, checkOwner } from './meetings.ts';
import {
  ACTION_STEPS,
  ActionInput,
  MEETING_MANAGERS,
  checkStep,
  type ActionStatus,
  type MeetingAction,
  type MeetingActionsRepo,
} from './meetings-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * The actions a meeting agrees: what, who owns it, by when; done by its owner (or the office
 * recording it) or dropped (ACTION_STEPS). On the action's own timeline and in the audit log.
 */
type Row = typeof meetingActions.$inferSelect;

const toAction = (r: Row): MeetingAction => ({
  id: String(r.id),
  meetingId: String(r.meetingId),
  text: r.text,
  ownerUserId: r.ownerUserId === null ? null : String(r.ownerUserId),
  dueOn: r.dueOn,
  status: r.status as ActionStatus,
  doneOn: r.doneOn,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const snapshot = (a: MeetingAction): HistoryFields => ({
  status: a.status,
  text: a.text,
  ownerUserId: a.ownerUserId,
  dueOn: a.dueOn,
  doneOn: a.doneOn,
});

const subject = (id: string | number) => `action:${id}`;

export function meetingActionsRepo({ db, clock }: RepoContext): MeetingActionsRepo {
  async function load(tx: Db, id: string): Promise<MeetingAction> {
    const n = idNumber(id);
    const [row] =
      n === null ? [] : await tx.select().from(meetingActions).where(eq(meetingActions.id, n));
    if (!row) throw unknownRecord('action');
    return toAction(row);
  }

  async function record(
    tx: Db,
    action: string,
    before: MeetingAction | null,
    after: MeetingAction,
    actor: Actor,
    note?: string | null,
  ) {
    await recordChange(
      tx,
      clock.now(),
      {
        subject: subject(after.id),
        action,
        ...changed(before ? snapshot(before) : null, snapshot(after)),
        note: note ?? null,
        audit: {
          status: after.status,
          ...(before && before.status !== after.status ? { from: before.status } : {}),
          meeting: Number(after.meetingId),
          dueOn: after.dueOn,
        },
      },
      actor,
    );
  }

  return {
    async add(input, actor) {
      const a = parse(ActionInput, input);
      if (a.dueOn !== null) dayNumber(a.dueOn);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), MEETING_MANAGERS, 'add an action');
        const m = idNumber(a.meetingId);
        const [meeting] =
          m === null ? [] : await tx.select().from(meetings).where(eq(meetings.id, m));
        if (!meeting) throw unknownRecord('meeting');
        const owner = await checkOwner(tx, a.ownerUserId);
        const [row] = await tx
          .insert(meetingActions)
          .values({
            meetingId: meeting.id,
            text: a.text,
            ownerUserId: owner,
            dueOn: a.dueOn,
            status: 'open',
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const created = toAction(row);
        await record(tx, 'added', null, created, actor);
        return created;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(meetingActions).where(eq(meetingActions.id, n));
      return row ? toAction(row) : null;
    },

    async list(filter = {}) {
      const num = (s: string | undefined) => (s === undefined ? undefined : (idNumber(s) ?? -1));
      const [meeting, owner] = [num(filter.meetingId), num(filter.ownerUserId)];
      const rows = await db
        .select()
        .from(meetingActions)
        .where(
          and(
            meeting === undefined ? undefined : eq(meetingActions.meetingId, meeting),
            owner === undefined ? undefined : eq(meetingActions.ownerUserId, owner),
            filter.status === undefined ? undefined : eq(meetingActions.status, filter.status),
          ),
        )
        .orderBy(
          sql`${meetingActions.dueOn} is null`,
          asc(meetingActions.dueOn),
          asc(meetingActions.id),
        );
      return rows.map(toAction);
    },

    async transition(id, to, actor, note) {
      return db.transaction(async (tx) => {
        const a = await load(tx, id);
        const rule = checkStep(ACTION_STEPS, a, to, await actingAs(tx, actor), 'an action');
        const [row] = await tx
          .update(meetingActions)
          .set({
            status: to,
            doneOn: to === 'done' ? londonDate(clock.now()) : a.doneOn,
            updatedAt: clock.now(),
          })
          .where(eq(meetingActions.id, Number(a.id)))
          .returning();
        if (!row) throw unknownRecord('action');
        const after = toAction(row);
        await record(tx, 'transition', a, after, actor, note?.trim() || rule.label);
        return after;
      });
    },

    async history(id) {
      return idNumber(id) === null ? [] : historyOf(db, subject(id));
    },
  };
}

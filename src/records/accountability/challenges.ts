import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { BluelampError } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { challenges, meetings } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import { changed, checkOwner } from './meetings.ts';
import {
  CHALLENGE_STEPS,
  ChallengeAnswer,
  ChallengeInput,
  ChallengePatch,
  MEETING_MANAGERS,
  checkStep,
  type Challenge,
  type ChallengeStatus,
  type ChallengesRepo,
} from './meetings-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * Written challenges: raised by the policing body's office (at a meeting, or from a scorecard
 * exception: the measure, period, area and signal that prompted it), answered by their owner,
 * then closed, sent back for a further answer, or withdrawn by the office (CHALLENGE_STEPS).
 * Every change is on the challenge's timeline and in the audit log (statuses and dates only).
 */
type Row = typeof challenges.$inferSelect;

const toChallenge = (r: Row): Challenge => ({
  id: String(r.id),
  question: r.question,
  raisedBy: r.raisedBy,
  raisedByUserId: r.raisedByUserId === null ? null : String(r.raisedByUserId),
  raisedOn: r.raisedOn,
  ownerUserId: r.ownerUserId === null ? null : String(r.ownerUserId),
  dueOn: r.dueOn,
  response: r.response,
  respondedOn: r.respondedOn,
  status: r.status as ChallengeStatus,
  meetingId: r.meetingId === null ? null : String(r.meetingId),
  exception:
    r.measureId !== null && r.exception
      ? {
          measureId: r.measureId,
          period: r.exception.period,
          lpa: r.exception.lpa,
          signal: r.exception.signal,
        }
      : null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const snapshot = (c: Challenge): HistoryFields => ({
  status: c.status,
  question: c.question,
  raisedBy: c.raisedBy,
  ownerUserId: c.ownerUserId,
  dueOn: c.dueOn,
  meetingId: c.meetingId,
  response: c.response,
  respondedOn: c.respondedOn,
  measureId: c.exception?.measureId ?? null,
});

const subject = (id: string | number) => `challenge:${id}`;
export function challengesRepo({ db, clock }: RepoContext): ChallengesRepo {
  const today = () => londonDate(clock.now());

  async function load(tx: Db, id: string): Promise<Challenge> {
    const n = idNumber(id);
    const [row] = n === null ? [] : await tx.select().from(challenges).where(eq(challenges.id, n));
    if (!row) throw unknownRecord('challenge');
    return toChallenge(row);
  }

  async function checkMeeting(tx: Db, meetingId: string | null): Promise<number | null> {
    if (meetingId === null) return null;
    const n = idNumber(meetingId);
    const [m] = n === null ? [] : await tx.select().from(meetings).where(eq(meetings.id, n));
    if (!m) throw unknownRecord('meeting');
    return m.id;
  }

  async function write(tx: Db, id: string, set: Partial<typeof challenges.$inferInsert>) {
    const [row] = await tx
      .update(challenges)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(challenges.id, Number(id)))
      .returning();
    if (!row) throw unknownRecord('challenge');
    return toChallenge(row);
  }

  async function record(
    tx: Db,
    action: string,
    before: Challenge | null,
    after: Challenge,
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
          dueOn: after.dueOn,
        },
      },
      actor,
    );
  }

  return {
    async raise(input, actor) {
      const c = parse(ChallengeInput, input);
      const raisedOn = c.raisedOn ?? today();
      dayNumber(raisedOn);
      if (c.dueOn !== null) dayNumber(c.dueOn);
      return db.transaction(async (tx) => {
        const who = await actingAs(tx, actor);
        requireRole(who, MEETING_MANAGERS, 'raise a challenge');
        const owner = await checkOwner(tx, c.ownerUserId);
        const meetingId = await checkMeeting(tx, c.meetingId);
        const [row] = await tx
          .insert(challenges)
          .values({
            question: c.question,
            raisedBy: c.raisedBy,
            raisedByUserId: who.userId === null ? null : Number(who.userId),
            raisedOn,
            ownerUserId: owner,
            dueOn: c.dueOn,
            status: 'open',
            meetingId,
            measureId: c.exception?.measureId ?? null,
            exception: c.exception
              ? { period: c.exception.period, lpa: c.exception.lpa, signal: c.exception.signal }
              : null,
            createdAt: clock.now(),
            updatedAt: clock.now(),
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const created = toChallenge(row);
        await record(tx, 'raised', null, created, actor);
        return created;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(challenges).where(eq(challenges.id, n));
      return row ? toChallenge(row) : null;
    },

    async list(filter = {}) {
      const num = (s: string | undefined) => (s === undefined ? undefined : (idNumber(s) ?? -1));
      const [owner, meeting] = [num(filter.ownerUserId), num(filter.meetingId)];
      const rows = await db
        .select()
        .from(challenges)
        .where(
          and(
            filter.status === undefined ? undefined : eq(challenges.status, filter.status),
            owner === undefined ? undefined : eq(challenges.ownerUserId, owner),
            meeting === undefined ? undefined : eq(challenges.meetingId, meeting),
            filter.measureId === undefined ? undefined : eq(challenges.measureId, filter.measureId),
          ),
        )
        .orderBy(
          sql`${challenges.dueOn} is null`,
          asc(challenges.dueOn),
          desc(challenges.raisedOn),
          desc(challenges.id),
        );
      return rows.map(toChallenge);
    },

    async answer(id, response, actor) {
      const a = parse(ChallengeAnswer, { response });
      return db.transaction(async (tx) => {
        const c = await load(tx, id);
        checkStep(CHALLENGE_STEPS, c, 'answered', await actingAs(tx, actor), 'a challenge');
        const after = await write(tx, c.id, {
          status: 'answered',
          response: a.response,
          respondedOn: today(),
        });
        await record(tx, 'answered', c, after, actor);
        return after;
      });
    },

    async transition(id, to, actor, note) {
      return db.transaction(async (tx) => {
        const c = await load(tx, id);
        // Answering carries a response: it has its own method.
        if (to === 'answered' && c.status === 'open')
          throw new BluelampError(
            'INVALID_TRANSITION',
            'A challenge is answered with a response.',
            {
              hint: 'Send the response as the answer to the challenge.',
            },
          );
        const rule = checkStep(CHALLENGE_STEPS, c, to, await actingAs(tx, actor), 'a challenge');
        const after = await write(tx, c.id, { status: to });
        await record(tx, 'transition', c, after, actor, note?.trim() || rule.label);
        return after;
      });
    },

    async update(id, patch, actor, note) {
      const p = parse(ChallengePatch, patch);
      if (p.dueOn) dayNumber(p.dueOn);
      return db.transaction(async (tx) => {
        const c = await load(tx, id);
        requireRole(await actingAs(tx, actor), MEETING_MANAGERS, 'change a challenge');
        if (c.status === 'closed' || c.status === 'withdrawn')
          throw new BluelampError(
            'INVALID_TRANSITION',
            `A challenge that is ${c.status} cannot be changed.`,
          );
        const set: Partial<typeof challenges.$inferInsert> = {};
        if (p.ownerUserId !== undefined) set.ownerUserId = await checkOwner(tx, p.ownerUserId);
        if (p.dueOn !== undefined) set.dueOn = p.dueOn;
        if (p.meetingId !== undefined) set.meetingId = await checkMeeting(tx, p.meetingId);
        const after = await write(tx, c.id, set);
        await record(tx, 'updated', c, after, actor, note);
        return after;
      });
    },

    async history(id) {
      return idNumber(id) === null ? [] : historyOf(db, subject(id));
    },
  };
}

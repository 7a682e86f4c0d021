import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { BluelampError, badInput } from '../../lib/errors.ts';
import type { Actor } from '../api.ts';
import type { Db, RepoContext } from '../db.ts';
import { meetings, users } from '../schema.ts';
import { dayNumber, londonDate } from './clock.ts';
import { historyOf, recordChange, type HistoryFields } from './history.ts';
import {
  MEETING_MANAGERS,
  MeetingInput,
  MeetingPatch,
  OWNER_ROLES,
  type Meeting,
  type MeetingType,
  type MeetingsRepo,
} from './meetings-types.ts';
import { actingAs, idNumber, parse, requireRole, unknownRecord } from './shared.ts';

/**
 * Holding-to-account meetings: their agenda, attendees (office titles), papers and notes, and
 * the publication of the notes to the public site. Every change is written with its timeline
 * row and audit entry (history.ts) in one transaction; only admin and oversight change them.
 */
type Row = typeof meetings.$inferSelect;

const toMeeting = (r: Row): Meeting => ({
  id: String(r.id),
  type: r.type as MeetingType,
  subject: r.subject,
  heldOn: r.heldOn,
  location: r.location,
  attendees: [...r.attendees],
  agenda: [...r.agenda],
  papers: r.papers.map((p) => ({ title: p.title, link: p.link })),
  notes: r.notes,
  notesPublishedOn: r.notesPublishedOn,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** What the timeline keeps: scalar fields as they are, lists as one line each. */
const snapshot = (m: Meeting): HistoryFields => ({
  type: m.type,
  subject: m.subject,
  heldOn: m.heldOn,
  location: m.location,
  attendees: m.attendees.join('; '),
  agenda: m.agenda.join('; '),
  papers: m.papers.map((p) => p.title).join('; '),
  notes: m.notes,
  notesPublishedOn: m.notesPublishedOn,
});

/** Only the fields that changed, before and after, so a timeline row says what moved. */
export function changed(
  before: HistoryFields | null,
  after: HistoryFields,
): { before: HistoryFields; after: HistoryFields } {
  if (before === null) return { before: {}, after };
  const keys = Object.keys(after).filter((k) => before[k] !== after[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}

const subject = (id: string | number) => `meeting:${id}`;

/** Checks a user may own a challenge or action: enabled, with the lead or oversight role. */
export async function checkOwner(tx: Db, ownerUserId: string): Promise<number> {
  const n = idNumber(ownerUserId);
  const [u] = n === null ? [] : await tx.select().from(users).where(eq(users.id, n));
  if (!u || u.disabled) throw badInput('ownerUserId: the owner must be a user of the service.');
  if (!OWNER_ROLES.includes(u.role as (typeof OWNER_ROLES)[number]))
    throw badInput(
      'ownerUserId: the owner must be a strategic lead or the policing body’s office.',
    );
  return u.id;
}

export function meetingsRepo({ db, clock }: RepoContext): MeetingsRepo {
  async function load(tx: Db, id: string): Promise<Meeting> {
    const n = idNumber(id);
    const [row] = n === null ? [] : await tx.select().from(meetings).where(eq(meetings.id, n));
    if (!row) throw unknownRecord('meeting');
    return toMeeting(row);
  }

  async function write(tx: Db, id: string, set: Partial<typeof meetings.$inferInsert>) {
    const [row] = await tx
      .update(meetings)
      .set({ ...set, updatedAt: clock.now() })
      .where(eq(meetings.id, Number(id)))
      .returning();
    if (!row) throw unknownRecord('meeting');
    return toMeeting(row);
  }

  async function record(
    tx: Db,
    action: string,
    before: Meeting | null,
    after: Meeting,
    actor: Actor,
    note?: string,
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
          type: after.type,
          heldOn: after.heldOn,
          notesPublishedOn: after.notesPublishedOn,
        },
      },
      actor,
    );
  }

  return {
    async add(input, actor) {
      const m = parse(MeetingInput, input);
      dayNumber(m.heldOn);
      return db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), MEETING_MANAGERS, 'add a meeting');
        const [row] = await tx
          .insert(meetings)
          .values({ ...m, createdAt: clock.now(), updatedAt: clock.now() })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const created = toMeeting(row);
        await record(tx, 'added', null, created, actor);
        return created;
      });
    },

    async byId(id) {
      const n = idNumber(id);
      if (n === null) return null;
      const [row] = await db.select().from(meetings).where(eq(meetings.id, n));
      return row ? toMeeting(row) : null;
    },

    async list(filter = {}) {
      const rows = await db
        .select()
        .from(meetings)
        .where(
          and(
            filter.type === undefined ? undefined : eq(meetings.type, filter.type),
            filter.published ? isNotNull(meetings.notesPublishedOn) : undefined,
          ),
        )
        .orderBy(desc(meetings.heldOn), desc(meetings.id));
      return rows.map(toMeeting);
    },

    async update(id, patch, actor, note) {
      const p = parse(MeetingPatch, patch);
      if (p.heldOn !== undefined) dayNumber(p.heldOn);
      return db.transaction(async (tx) => {
        const m = await load(tx, id);
        requireRole(await actingAs(tx, actor), MEETING_MANAGERS, 'change a meeting');
        const after = await write(tx, m.id, p);
        await record(tx, 'updated', m, after, actor, note);
        return after;
      });
    },

    async publishNotes(id, actor) {
      return db.transaction(async (tx) => {
        const m = await load(tx, id);
        requireRole(await actingAs(tx, actor), MEETING_MANAGERS, 'publish meeting notes');
        if (m.notesPublishedOn !== null)
          throw new BluelampError(
            'INVALID_TRANSITION',
            `The notes of this meeting were already published on ${m.notesPublishedOn}.`,
          );
        if (m.notes.trim() === '')
          throw new BluelampError('INVALID_TRANSITION', 'Write the notes before publishing them.');
        const after = await write(tx, m.id, { notesPublishedOn: londonDate(clock.now()) });
        await record(tx, 'published', m, after, actor);
        return after;
      });
    },

    async history(id) {
      return idNumber(id) === null ? [] : historyOf(db, subject(id));
    },
  };
}

import { and, asc, count, eq, inArray, isNull, lte, gte, max, ne, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { badInput } from '../../lib/errors.ts';
import type { Actor, Role } from '../api.ts';
import { appendAudit } from '../audit.ts';
import type { Db, RepoContext } from '../db.ts';
import {
  challenges,
  deliveryUpdates,
  escalations,
  findingHistory,
  findingResponses,
  findings,
  findingSources,
  meetingActions,
  meetings,
  planCommitments,
  planObjectives,
  planPriorities,
  plans,
  settings,
  userLines,
  users,
} from '../schema.ts';
import { addDays, daysLeft, DUE_SOON_DAYS, londonDate } from './clock.ts';
import { TRANSITIONS, type FindingStatus } from './lifecycle.ts';
import { DELIVERY_DUE_DAYS, quarterOf, updateDueOn, type Quarter } from './quarter.ts';
import { actingAs, idNumber, requireRole } from './shared.ts';

/**
 * What is due or overdue, and for whom, read straight from the accountability tables (so it
 * depends on no other repository): findings a strategic lead is working (due on `due_on`, or
 * "immediately", counted from the report's publication), statutory responses not yet published
 * (for the policing body's office and administrators), the delivery update a commitment's lead
 * owes for the last quarter that ended (due `deliveryUpdateDueDays` after it, default 21),
 * challenges and meeting actions owned and still open. An item overdue by more than
 * `escalateAfterDays` (default 7) escalates once to its owner's line (`user_lines`), recorded in
 * `escalations` (one row per item and due date, so running the digest twice escalates nothing
 * twice). The register's timeline (`findingSpans`) feeds the `recommendations_open` measure.
 */
export const TASK_KINDS = [
  'finding',
  'response',
  'delivery_update',
  'challenge',
  'action',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskState = 'overdue' | 'due_soon' | 'later';

export interface Task {
  /** What the item is called in escalations and the audit log: `finding:3`, `commitment:2@2024-25 Q2`. */
  readonly subject: string;
  readonly kind: TaskKind;
  /** The item's id (a finding, response, commitment, challenge or action). */
  readonly id: string;
  /** The meeting an action or challenge belongs to, if any. */
  readonly meetingId: string | null;
  /** The finding's ref and text, the report answered, the commitment, the question, the action. */
  readonly title: string;
  /** Where it comes from: the report, the meeting, the quarter owed. */
  readonly context: string;
  /** Delivery updates: the quarter owed, e.g. "2024-25 Q2". */
  readonly quarter: string | null;
  /** The due date; for a finding due immediately, its report's publication date. Null: none. */
  readonly dueOn: string | null;
  readonly dueImmediately: boolean;
  readonly state: TaskState;
  /** Whole days to the due date: 0 on the day, negative once passed; null without a date. */
  readonly daysLeft: number | null;
  /** Who owes it (null: the policing body's office as a whole, e.g. a statutory response). */
  readonly ownerUserId: string | null;
}

export interface Escalation {
  readonly id: string;
  readonly subject: string;
  readonly dueOn: string;
  readonly ownerUserId: string | null;
  readonly escalatedToUserId: string | null;
  readonly escalatedAt: Date;
}

/** An escalated item still open, as its line sees it. */
export interface EscalatedTask {
  readonly task: Task;
  readonly escalation: Escalation;
}

/** A finding's life in the register, for the measure of open findings (no text, no people). */
export interface FindingSpan {
  readonly findingId: string;
  readonly kind: string;
  readonly scope: 'national' | 'force';
  /** Its report's publication date: when it came into being. */
  readonly publishedOn: string;
  /** The day it was closed or superseded (as recorded), or null while open. */
  readonly closedOn: string | null;
}

export interface UserLine {
  readonly userId: string;
  readonly lineUserId: string;
}

export interface TasksRepo {
  /** A user's items, most urgent first (an unknown or disabled user has none). */
  forUser(userId: string, on?: Date): Promise<Task[]>;
  /** Every owner's items and every unpublished response, most urgent first. */
  all(on?: Date): Promise<Task[]>;
  /**
   * Records the escalation of every item overdue by more than `escalateAfterDays` whose owner
   * has a line (once per item and due date); returns the ones recorded now. Admin or the CLI.
   */
  escalate(actor: Actor, on?: Date): Promise<Escalation[]>;
  /** Escalated items still open whose escalation went to `userId`. */
  escalatedTo(userId: string, on?: Date): Promise<EscalatedTask[]>;
  /** Every escalation recorded, oldest first. */
  escalations(): Promise<Escalation[]>;
  lines(): Promise<UserLine[]>;
  /** Sets (or with null removes) who a user escalates to. Admin or the CLI; audited. */
  setLine(userId: string, lineUserId: string | null, actor: Actor): Promise<void>;
  /** Every finding with its publication and closing dates, for `recommendations_open`. */
  findingSpans(): Promise<FindingSpan[]>;
  /** Changes whenever the register does (a finding added or moved, a report added). */
  registerVersion(): Promise<string>;
  /** The settings that drive reminders (defaults where unset). */
  reminderSettings(): Promise<ReminderSettings>;
}

export interface ReminderSettings {
  readonly escalateAfterDays: number;
  readonly deliveryUpdateDueDays: number;
}

export const DEFAULT_ESCALATE_AFTER_DAYS = 7;
export const MAX_ESCALATE_AFTER_DAYS = 365;
export const DEFAULT_DELIVERY_UPDATE_DUE_DAYS = DELIVERY_DUE_DAYS;

/** The statuses in which a finding waits on its lead (the lifecycle's `owner` steps). */
export const LEAD_STATUSES: readonly FindingStatus[] = [
  ...new Set(TRANSITIONS.filter((t) => t.by.includes('owner')).map((t) => t.from)),
];
const CLOSED: readonly string[] = ['closed', 'superseded'];
/** Who answers for statutory responses. */
const RESPONSE_ROLES: readonly Role[] = ['admin', 'oversight'];

/** The last quarter whose last day has passed by `today` (a delivery update is owed for it). */
export const lastEndedQuarter = (today: string): Quarter =>
  quarterOf(addDays(quarterOf(today).startsOn, -1));

// ---- Reading -------------------------------------------------------------------------------

function stateOf(left: number | null): TaskState {
  if (left === null) return 'later';
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'later';
}

function task(
  t: Omit<Task, 'state' | 'daysLeft' | 'dueImmediately'> & { dueImmediately?: boolean },
  today: string,
): Task {
  const left = t.dueOn === null ? null : daysLeft(t.dueOn, today);
  return { ...t, dueImmediately: t.dueImmediately ?? false, daysLeft: left, state: stateOf(left) };
}

/** Most urgent first: overdue longest, then soonest due, then items without a date. */
export function byUrgency(a: Task, b: Task): number {
  const x = a.daysLeft ?? Number.POSITIVE_INFINITY;
  const y = b.daysLeft ?? Number.POSITIVE_INFINITY;
  return x === y ? a.subject.localeCompare(b.subject) : x - y;
}

/**
 * A whole number of days from the settings, else the default: the same rule as the delivery
 * updates' own due date (delivery.ts), so the date a lead is reminded of is the date they owe.
 */
async function daysSetting(db: Db, key: string, max: number, fallback: number): Promise<number> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const v = row?.value;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : fallback;
}

interface Scope {
  /** One owner's items (null: everyone's). */
  readonly ownerId: number | null;
  /** Include unpublished statutory responses. */
  readonly responses: boolean;
}

async function collect(db: Db, today: string, scope: Scope, dueDays: number): Promise<Task[]> {
  const owned = (col: AnyPgColumn): SQL | undefined =>
    scope.ownerId === null ? undefined : eq(col, scope.ownerId);
  const out: Task[] = [];

  const fs = await db
    .select({ f: findings, source: findingSources })
    .from(findings)
    .innerJoin(findingSources, eq(findingSources.id, findings.sourceId))
    .where(and(inArray(findings.status, [...LEAD_STATUSES]), owned(findings.leadUserId)))
    .orderBy(asc(findings.id));
  for (const { f, source } of fs) {
    if (f.leadUserId === null) continue;
    out.push(
      task(
        {
          subject: `finding:${f.id}`,
          kind: 'finding',
          id: String(f.id),
          meetingId: null,
          title: `${f.ref}: ${f.text}`,
          context: source.title,
          quarter: null,
          dueOn: f.dueImmediately ? source.publishedOn : f.dueOn,
          dueImmediately: f.dueImmediately,
          ownerUserId: String(f.leadUserId),
        },
        today,
      ),
    );
  }

  if (scope.responses) {
    const rs = await db
      .select({ r: findingResponses, source: findingSources })
      .from(findingResponses)
      .innerJoin(findingSources, eq(findingSources.id, findingResponses.sourceId))
      .where(ne(findingResponses.status, 'published'))
      .orderBy(asc(findingResponses.id));
    for (const { r, source } of rs)
      out.push(
        task(
          {
            subject: `response:${r.id}`,
            kind: 'response',
            id: String(r.id),
            meetingId: null,
            title: `Response to ${source.title}`,
            context: r.status === 'approved' ? 'Approved: to publish' : 'Draft: to finish',
            quarter: null,
            dueOn: r.dueOn,
            ownerUserId: null,
          },
          today,
        ),
      );
  }

  // The delivery update owed for the last quarter that ended, by commitments of a plan covering it.
  const q = lastEndedQuarter(today);
  const cs = await db
    .select({ c: planCommitments, plan: plans })
    .from(planCommitments)
    .innerJoin(planPriorities, eq(planPriorities.id, planCommitments.priorityId))
    .innerJoin(planObjectives, eq(planObjectives.id, planPriorities.objectiveId))
    .innerJoin(plans, eq(plans.id, planObjectives.planId))
    .leftJoin(
      deliveryUpdates,
      and(
        eq(deliveryUpdates.commitmentId, planCommitments.id),
        eq(deliveryUpdates.quarter, q.label),
      ),
    )
    .where(
      and(
        isNull(deliveryUpdates.id),
        lte(plans.startsOn, q.endsOn),
        gte(plans.endsOn, q.startsOn),
        owned(planCommitments.leadUserId),
      ),
    )
    .orderBy(asc(planCommitments.id));
  for (const { c, plan } of cs) {
    if (c.leadUserId === null) continue;
    out.push(
      task(
        {
          subject: `commitment:${c.id}@${q.label}`,
          kind: 'delivery_update',
          id: String(c.id),
          meetingId: null,
          title: c.text,
          context: `${plan.title}: delivery update for ${q.label}`,
          quarter: q.label,
          dueOn: updateDueOn(q.label, dueDays),
          ownerUserId: String(c.leadUserId),
        },
        today,
      ),
    );
  }

  const chs = await db
    .select({ c: challenges, meeting: meetings })
    .from(challenges)
    .leftJoin(meetings, eq(meetings.id, challenges.meetingId))
    .where(and(eq(challenges.status, 'open'), owned(challenges.ownerUserId)))
    .orderBy(asc(challenges.id));
  for (const { c, meeting } of chs) {
    if (c.ownerUserId === null) continue;
    out.push(
      task(
        {
          subject: `challenge:${c.id}`,
          kind: 'challenge',
          id: String(c.id),
          meetingId: c.meetingId === null ? null : String(c.meetingId),
          title: c.question,
          context: meeting ? meeting.subject : 'Written challenge',
          quarter: null,
          dueOn: c.dueOn,
          ownerUserId: String(c.ownerUserId),
        },
        today,
      ),
    );
  }

  const acts = await db
    .select({ a: meetingActions, meeting: meetings })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .where(and(eq(meetingActions.status, 'open'), owned(meetingActions.ownerUserId)))
    .orderBy(asc(meetingActions.id));
  for (const { a, meeting } of acts) {
    if (a.ownerUserId === null) continue;
    out.push(
      task(
        {
          subject: `action:${a.id}`,
          kind: 'action',
          id: String(a.id),
          meetingId: String(a.meetingId),
          title: a.text,
          context: meeting.subject,
          quarter: null,
          dueOn: a.dueOn,
          ownerUserId: String(a.ownerUserId),
        },
        today,
      ),
    );
  }
  return out.sort(byUrgency);
}

type EscalationRow = typeof escalations.$inferSelect;
const toEscalation = (r: EscalationRow): Escalation => ({
  id: String(r.id),
  subject: r.subject,
  dueOn: r.dueOn,
  ownerUserId: r.ownerUserId === null ? null : String(r.ownerUserId),
  escalatedToUserId: r.escalatedToUserId === null ? null : String(r.escalatedToUserId),
  escalatedAt: r.escalatedAt,
});

export function tasksRepo({ db, clock }: RepoContext): TasksRepo {
  const today = (on?: Date) => londonDate(on ?? clock.now());
  const reminderSettings = async (): Promise<ReminderSettings> => ({
    escalateAfterDays: await daysSetting(
      db,
      'escalateAfterDays',
      MAX_ESCALATE_AFTER_DAYS,
      DEFAULT_ESCALATE_AFTER_DAYS,
    ),
    deliveryUpdateDueDays: await daysSetting(
      db,
      'deliveryUpdateDueDays',
      120,
      DEFAULT_DELIVERY_UPDATE_DUE_DAYS,
    ),
  });
  const everything = async (on?: Date) =>
    collect(
      db,
      today(on),
      { ownerId: null, responses: true },
      (await reminderSettings()).deliveryUpdateDueDays,
    );

  return {
    async forUser(userId, on) {
      const n = idNumber(userId);
      const [u] = n === null ? [] : await db.select().from(users).where(eq(users.id, n));
      if (!u || u.disabled) return [];
      return collect(
        db,
        today(on),
        { ownerId: u.id, responses: RESPONSE_ROLES.includes(u.role as Role) },
        (await reminderSettings()).deliveryUpdateDueDays,
      );
    },

    all: everything,

    async escalate(actor, on) {
      requireRole(await actingAs(db, actor), ['admin'], 'escalate overdue items');
      const { escalateAfterDays } = await reminderSettings();
      const overdue = (await everything(on)).filter(
        (t) => t.ownerUserId !== null && t.dueOn !== null && (t.daysLeft ?? 0) < -escalateAfterDays,
      );
      if (overdue.length === 0) return [];
      return db.transaction(async (tx) => {
        const lines = await tx
          .select({ userId: userLines.userId, lineUserId: userLines.lineUserId })
          .from(userLines)
          .innerJoin(users, eq(users.id, userLines.lineUserId))
          .where(eq(users.disabled, false));
        const lineOf = new Map(lines.map((l) => [String(l.userId), l.lineUserId]));
        const now = clock.now();
        const made: Escalation[] = [];
        for (const t of overdue) {
          const to = lineOf.get(t.ownerUserId as string);
          if (to === undefined) continue;
          const [row] = await tx
            .insert(escalations)
            .values({
              subject: t.subject,
              dueOn: t.dueOn as string,
              ownerUserId: Number(t.ownerUserId),
              escalatedToUserId: to,
              escalatedAt: now,
            })
            .onConflictDoNothing({ target: [escalations.subject, escalations.dueOn] })
            .returning();
          if (!row) continue;
          await appendAudit(
            tx,
            now,
            {
              action: 'task_escalated',
              subject: t.subject,
              details: {
                dueOn: row.dueOn,
                owner: `user:${row.ownerUserId}`,
                to: `user:${row.escalatedToUserId}`,
              },
            },
            actor,
          );
          made.push(toEscalation(row));
        }
        return made;
      });
    },

    async escalatedTo(userId, on) {
      const n = idNumber(userId);
      if (n === null) return [];
      const rows = await db
        .select()
        .from(escalations)
        .where(eq(escalations.escalatedToUserId, n))
        .orderBy(asc(escalations.id));
      if (rows.length === 0) return [];
      const open = new Map((await everything(on)).map((t) => [`${t.subject}|${t.dueOn}`, t]));
      return rows.flatMap((r) => {
        const t = open.get(`${r.subject}|${r.dueOn}`);
        return t ? [{ task: t, escalation: toEscalation(r) }] : [];
      });
    },

    async escalations() {
      return (await db.select().from(escalations).orderBy(asc(escalations.id))).map(toEscalation);
    },

    async lines() {
      const rows = await db.select().from(userLines).orderBy(asc(userLines.userId));
      return rows.map((r) => ({ userId: String(r.userId), lineUserId: String(r.lineUserId) }));
    },

    async setLine(userId, lineUserId, actor) {
      const n = idNumber(userId);
      const l = lineUserId === null ? null : idNumber(lineUserId);
      await db.transaction(async (tx) => {
        requireRole(await actingAs(tx, actor), ['admin'], 'set who users escalate to');
        const [u] = n === null ? [] : await tx.select().from(users).where(eq(users.id, n));
        if (!u) throw badInput('userId: there is no such user.');
        if (lineUserId !== null) {
          const [line] = l === null ? [] : await tx.select().from(users).where(eq(users.id, l));
          if (!line) throw badInput('lineUserId: there is no such user.');
          if (line.id === u.id) throw badInput('lineUserId: a user cannot escalate to themselves.');
          if (line.disabled) throw badInput('lineUserId: that account is disabled.');
          await tx
            .insert(userLines)
            .values({ userId: u.id, lineUserId: line.id })
            .onConflictDoUpdate({ target: userLines.userId, set: { lineUserId: line.id } });
        } else await tx.delete(userLines).where(eq(userLines.userId, u.id));
        await appendAudit(
          tx,
          clock.now(),
          {
            action: 'user_line_set',
            subject: `user:${u.id}`,
            details: { line: l === null ? null : `user:${l}` },
          },
          actor,
        );
      });
    },

    async findingSpans() {
      const fs = await db
        .select({
          id: findings.id,
          kind: findings.kind,
          scope: findings.scope,
          status: findings.status,
          updatedAt: findings.updatedAt,
          publishedOn: findingSources.publishedOn,
        })
        .from(findings)
        .innerJoin(findingSources, eq(findingSources.id, findings.sourceId))
        .orderBy(asc(findings.id));
      const steps = await db
        .select({
          findingId: findingHistory.findingId,
          at: findingHistory.at,
          after: findingHistory.after,
        })
        .from(findingHistory)
        .where(eq(findingHistory.action, 'transition'))
        .orderBy(asc(findingHistory.id));
      const closedAt = new Map<number, Date>();
      for (const s of steps)
        if (CLOSED.includes(String(s.after.status)) && !closedAt.has(s.findingId))
          closedAt.set(s.findingId, s.at);
      return fs.map((f) => {
        const closed = CLOSED.includes(f.status) ? (closedAt.get(f.id) ?? f.updatedAt) : null;
        return {
          findingId: String(f.id),
          kind: f.kind,
          scope: f.scope as FindingSpan['scope'],
          publishedOn: f.publishedOn,
          closedOn: closed === null ? null : londonDate(closed),
        };
      });
    },

    async registerVersion() {
      const [h] = await db.select({ n: max(findingHistory.id) }).from(findingHistory);
      const [s] = await db.select({ n: count() }).from(findingSources);
      return `${h?.n ?? 0}:${s?.n ?? 0}`;
    },

    reminderSettings,
  };
}

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  check,
  date,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { findingResponses, findings, users } from './schema.ts';

/**
 * The accountability tables beyond the findings register (issue 9): board reviews and evidence
 * files, the Police and Crime Plan and its delivery, holding to account (meetings, challenges,
 * actions), the panel (complaints, work programme), escalations, dated areas, and one generic
 * append-only history (the timeline of every item that is not a finding). Dates are calendar
 * dates ("YYYY-MM-DD"); moments come from the injected clock.
 */
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });
const userRef = (name: string) => integer(name).references(() => users.id);

// ---- Findings: board reviews and evidence files ----------------------------------------------

/** A board's decision on a finding (e.g. the Service Improvement Board approving closure). */
export const boardReviews = pgTable(
  'board_reviews',
  {
    id: serial('id').primaryKey(),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    board: text('board').notNull(),
    heldOn: day('held_on').notNull(),
    decision: text('decision').notNull(),
    note: text('note'),
    recordedAt: at('recorded_at').notNull(),
    recordedBy: userRef('recorded_by'),
  },
  (t) => [
    check(
      'board_reviews_decision_known',
      sql`${t.decision} in ('approve_closure', 'decline_closure', 'noted', 'deferred')`,
    ),
  ],
);

/**
 * An evidence file, stored in the data directory under its sha256 (`evidence/<sha256>`), so the
 * same file uploaded twice is stored once and a changed file cannot pass for the original.
 */
export const evidenceFiles = pgTable('evidence_files', {
  id: serial('id').primaryKey(),
  /** finding_evidence.id (findings) or a record_history subject's evidence (plan updates). */
  evidenceId: integer('evidence_id'),
  subject: text('subject').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  addedAt: at('added_at').notNull(),
  addedBy: userRef('added_by'),
});

/** RAG (red / amber / green) set by the lead with a progress update; null until first set. */
export const findingRag = pgTable(
  'finding_rag',
  {
    findingId: integer('finding_id')
      .primaryKey()
      .references(() => findings.id),
    rag: text('rag').notNull(),
    setAt: at('set_at').notNull(),
    setBy: userRef('set_by'),
  },
  (t) => [check('finding_rag_known', sql`${t.rag} in ('red', 'amber', 'green')`)],
);

// ---- The Police and Crime Plan and its delivery ----------------------------------------------

export const plans = pgTable('plans', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  /** First and last day the plan covers, e.g. 2021-04-01 … 2025-03-31. */
  startsOn: day('starts_on').notNull(),
  endsOn: day('ends_on').notNull(),
  /** The policing body that issued it (policing_bodies.id). */
  bodyId: integer('body_id'),
  status: text('status').notNull().default('draft'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

export const planObjectives = pgTable('plan_objectives', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plans.id),
  ordinal: integer('ordinal').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
});

export const planPriorities = pgTable('plan_priorities', {
  id: serial('id').primaryKey(),
  objectiveId: integer('objective_id')
    .notNull()
    .references(() => planObjectives.id),
  ordinal: integer('ordinal').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
});

export const planCommitments = pgTable(
  'plan_commitments',
  {
    id: serial('id').primaryKey(),
    priorityId: integer('priority_id')
      .notNull()
      .references(() => planPriorities.id),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    /** Who delivers it: the policing body or the Chief Constable. */
    owner: text('owner').notNull(),
    leadUserId: userRef('lead_user_id'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check('plan_commitments_owner_known', sql`${t.owner} in ('policing_body', 'chief_constable')`),
  ],
);

export const planOutcomes = pgTable('plan_outcomes', {
  id: serial('id').primaryKey(),
  priorityId: integer('priority_id')
    .notNull()
    .references(() => planPriorities.id),
  ordinal: integer('ordinal').notNull(),
  text: text('text').notNull(),
});

/** A catalogue measure that evidences a commitment or an outcome (exactly one of them). */
export const planMeasureLinks = pgTable(
  'plan_measure_links',
  {
    id: serial('id').primaryKey(),
    commitmentId: integer('commitment_id').references(() => planCommitments.id),
    outcomeId: integer('outcome_id').references(() => planOutcomes.id),
    measureId: text('measure_id').notNull(),
  },
  (t) => [
    check(
      'plan_measure_links_one_target',
      sql`(${t.commitmentId} is null) <> (${t.outcomeId} is null)`,
    ),
  ],
);

/** One delivery update per commitment and quarter ("2024-25 Q2"). */
export const deliveryUpdates = pgTable(
  'delivery_updates',
  {
    id: serial('id').primaryKey(),
    commitmentId: integer('commitment_id')
      .notNull()
      .references(() => planCommitments.id),
    quarter: text('quarter').notNull(),
    status: text('status').notNull(),
    narrative: text('narrative').notNull(),
    evidence: text('evidence').notNull().default(''),
    /** Due date of the update (the quarter's reporting deadline), for reminders. */
    dueOn: day('due_on'),
    submittedAt: at('submitted_at').notNull(),
    submittedBy: userRef('submitted_by'),
  },
  (t) => [
    unique('delivery_updates_one_per_quarter').on(t.commitmentId, t.quarter),
    check(
      'delivery_updates_status_known',
      sql`${t.status} in ('complete', 'on_track', 'some_concerns', 'off_track', 'not_started')`,
    ),
  ],
);

/** A response to the plan's consultation, recorded against a priority (or the plan as a whole). */
export const consultationResponses = pgTable('consultation_responses', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id')
    .notNull()
    .references(() => plans.id),
  priorityId: integer('priority_id').references(() => planPriorities.id),
  receivedOn: day('received_on').notNull(),
  channel: text('channel').notNull(),
  respondentType: text('respondent_type').notNull(),
  summary: text('summary').notNull(),
  support: text('support'),
  createdAt: at('created_at').notNull(),
  createdBy: userRef('created_by'),
});

// ---- Holding to account ----------------------------------------------------------------------

export const meetings = pgTable(
  'meetings',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    subject: text('subject').notNull(),
    heldOn: day('held_on').notNull(),
    location: text('location').notNull().default(''),
    attendees: jsonb('attendees').$type<string[]>().notNull().default([]),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    papers: jsonb('papers').$type<{ title: string; link: string | null }[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    /** Set when the notes are published to the public site. */
    notesPublishedOn: day('notes_published_on'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check(
      'meetings_type_known',
      sql`${t.type} in ('assurance_accountability', 'thematic', 'public', 'performance')`,
    ),
  ],
);

export const challenges = pgTable(
  'challenges',
  {
    id: serial('id').primaryKey(),
    question: text('question').notNull(),
    /** Who raised it, as a name or office (the chair, a panel member …). */
    raisedBy: text('raised_by').notNull(),
    raisedByUserId: userRef('raised_by_user_id'),
    raisedOn: day('raised_on').notNull(),
    ownerUserId: userRef('owner_user_id'),
    dueOn: day('due_on'),
    response: text('response'),
    respondedOn: day('responded_on'),
    status: text('status').notNull(),
    meetingId: integer('meeting_id').references(() => meetings.id),
    /** The scorecard exception that prompted it: measure, period, LPA ('' force), signal. */
    measureId: text('measure_id'),
    exception: jsonb('exception').$type<{
      period: string;
      lpa: string;
      signal: string;
    }>(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check(
      'challenges_status_known',
      sql`${t.status} in ('open', 'answered', 'closed', 'withdrawn')`,
    ),
  ],
);

export const meetingActions = pgTable(
  'meeting_actions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    text: text('text').notNull(),
    ownerUserId: userRef('owner_user_id'),
    dueOn: day('due_on'),
    status: text('status').notNull(),
    doneOn: day('done_on'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [check('meeting_actions_status_known', sql`${t.status} in ('open', 'done', 'dropped')`)],
);

// ---- The panel -------------------------------------------------------------------------------

/** A complaint about the policing body's holder, as the panel handles it. */
export const complaints = pgTable(
  'complaints',
  {
    id: serial('id').primaryKey(),
    receivedOn: day('received_on').notNull(),
    recordedOn: day('recorded_on'),
    /** Summary as recorded (never the complainant's identity). */
    summary: text('summary').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    outcome: text('outcome'),
    outcomeOn: day('outcome_on'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check(
      'complaints_status_known',
      sql`${t.status} in ('received', 'recorded', 'not_recorded', 'informal_resolution', 'resolved', 'withdrawn', 'referred_iopc')`,
    ),
  ],
);

export const workProgrammeItems = pgTable('work_programme_items', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  meetingOn: day('meeting_on'),
  papersRequested: jsonb('papers_requested').$type<string[]>().notNull().default([]),
  status: text('status').notNull().default('planned'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

// ---- Reminders and escalation ----------------------------------------------------------------

/** Who a user's updates escalate to when missed (their line), set by an administrator. */
export const userLines = pgTable('user_lines', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  lineUserId: integer('line_user_id')
    .notNull()
    .references(() => users.id),
});

/** One escalation per overdue item and due date, so a digest does not escalate it twice. */
export const escalations = pgTable(
  'escalations',
  {
    id: serial('id').primaryKey(),
    /** e.g. finding:3, challenge:7, commitment:2@2024-25 Q2 */
    subject: text('subject').notNull(),
    dueOn: day('due_on').notNull(),
    ownerUserId: userRef('owner_user_id'),
    escalatedToUserId: userRef('escalated_to_user_id'),
    escalatedAt: at('escalated_at').notNull(),
  },
  (t) => [unique('escalations_once').on(t.subject, t.dueOn)],
);

// ---- Dated areas: forces and LPAs with succession --------------------------------------------

export const datedAreas = pgTable(
  'dated_areas',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => datedAreas.id),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    succeededBy: integer('succeeded_by').references((): AnyPgColumn => datedAreas.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('dated_areas_kind_known', sql`${t.kind} in ('force', 'lpa')`),
    check('dated_areas_dates', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

// ---- One timeline for every item that is not a finding ---------------------------------------

/**
 * Every change to a plan, commitment, delivery update, meeting, challenge, action, complaint or
 * work-programme item: subject (`challenge:7`), who, when, before and after, note. Append-only
 * at the database, like finding_history (trigger in a custom migration).
 */
export const recordHistory = pgTable('record_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  subject: text('subject').notNull(),
  at: at('at').notNull(),
  actorUserId: integer('actor_user_id'),
  via: text('via').notNull(),
  action: text('action').notNull(),
  before: jsonb('before').$type<Record<string, unknown>>().notNull(),
  after: jsonb('after').$type<Record<string, unknown>>().notNull(),
  note: text('note'),
});

// ---- Statutory responses: what the duty asks beyond the items ------------------------------

/**
 * The parts of a statutory response beyond its items (finding_responses, response_items): the
 * day the chief officer was invited to comment, their comments, and the policing body's reply
 * to them — published with the response, as s55 (and s49A for the Victims' Commissioner) asks.
 */
export const responseExtras = pgTable('response_extras', {
  responseId: integer('response_id')
    .primaryKey()
    .references(() => findingResponses.id),
  chiefOfficerInvitedOn: day('chief_officer_invited_on'),
  chiefOfficerComments: text('chief_officer_comments').notNull().default(''),
  bodyReply: text('body_reply').notNull().default(''),
});

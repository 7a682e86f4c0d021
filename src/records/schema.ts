import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The records store's tables (Drizzle). `drizzle-kit generate` turns changes here into SQL in
 * ./migrations; never edit a generated migration, add a new one. Every timestamp comes from the
 * injected clock (never the database's `now()`), so tests and a replayed import agree.
 * The audit log's append-only trigger is a custom migration (0001_audit_append_only.sql).
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Lower-cased on the way in. */
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    lpas: jsonb('lpas').$type<string[]>().notNull().default([]),
    disabled: boolean('disabled').notNull().default(false),
    /** `scrypt$N$r$p$salt$hash` (base64url); see passwords.ts. */
    passwordHash: text('password_hash').notNull(),
    /** Failed sign-ins since `firstFailedAt` (the throttling window). */
    failedCount: integer('failed_count').notNull().default(0),
    firstFailedAt: at('first_failed_at'),
    lockedUntil: at('locked_until'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('users_role_known', sql`${t.role} in ('admin', 'analyst', 'lead', 'oversight', 'panel')`),
  ],
);

export const sessions = pgTable('sessions', {
  /** sha256 (hex) of the cookie's id; the id itself is never stored. */
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: at('created_at').notNull(),
  lastSeenAt: at('last_seen_at').notNull(),
  revokedAt: at('revoked_at'),
});

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  label: text('label').notNull(),
  /** sha256 (hex) of the bearer secret. */
  secretHash: text('secret_hash').notNull().unique(),
  createdAt: at('created_at').notNull(),
  revokedAt: at('revoked_at'),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Append-only at the database: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: at('at').notNull(),
  actorUserId: integer('actor_user_id'),
  via: text('via').notNull(),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull(),
});

export const publications = pgTable('publications', {
  id: serial('id').primaryKey(),
  period: text('period').notNull(),
  edition: text('edition').notNull(),
  format: text('format').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  path: text('path').notNull(),
  publishedAt: at('published_at').notNull(),
  publishedBy: integer('published_by'),
  public: boolean('public').notNull().default(false),
});

/** One entry per period, LPA ('' = the whole force) and key (see src/app/commentary.ts). */
export const commentary = pgTable(
  'commentary',
  {
    period: text('period').notNull(),
    lpa: text('lpa').notNull(),
    key: text('key').notNull(),
    text: text('text').notNull(),
    author: text('author').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.lpa, t.key] })],
);

export const quoteDecisions = pgTable('quote_decisions', {
  quoteId: text('quote_id').primaryKey(),
  status: text('status').notNull(),
  by: text('decided_by').notNull(),
  at: text('decided_at').notNull(),
  reason: text('reason'),
  survey: text('survey').notNull(),
  question: text('question').notNull(),
  month: text('month').notNull(),
  /** The redacted text as approved; null for a rejection (rejected text is not kept). */
  text: text('text'),
});

export const spcRebases = pgTable(
  'spc_rebases',
  {
    measureId: text('measure_id').notNull(),
    month: text('month').notNull(),
    reason: text('reason').notNull(),
    approvedBy: text('approved_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by'),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.month] })],
);

// ---- Accountability (src/records/accountability): bodies, findings, responses ----------------

const day = (name: string) => date(name, { mode: 'string' });

/**
 * The policing body, as dated configuration: a PCC, a police fire and crime commissioner, a
 * mayor or a policing board, from `valid_from` until the day before `valid_to` (null: still
 * in office). A successor starts on its predecessor's `valid_to` and is named by `succeeded_by`,
 * so "the body on a date" is a query and a duty carries across the change.
 */
export const policingBodies = pgTable(
  'policing_bodies',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    roleTitles: jsonb('role_titles').$type<{ holder: string; office: string }>().notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    succeededBy: integer('succeeded_by').references((): AnyPgColumn => policingBodies.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    check('policing_bodies_type_known', sql`${t.type} in ('pcc', 'pfcc', 'mayor', 'board')`),
    check('policing_bodies_dates', sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/** Where findings come from: an HMICFRS report, IOPC learning, a coroner's PFD report… */
export const findingSources = pgTable('finding_sources', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** HMICFRS only: peel | thematic | joint. */
  reportKind: text('report_kind'),
  publishedOn: day('published_on').notNull(),
  url: text('url'),
  /** PEEL grades where the report gives them: area → grade. */
  peelGrades: jsonb('peel_grades').$type<Record<string, string>>(),
  createdAt: at('created_at').notNull(),
});

export const findings = pgTable(
  'findings',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => findingSources.id),
    /** The source's own label, e.g. "Recommendation 2" or "AFI 3". */
    ref: text('ref').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    scope: text('scope').notNull(),
    dueImmediately: boolean('due_immediately').notNull().default(false),
    dueOn: day('due_on'),
    leadUserId: integer('lead_user_id').references(() => users.id),
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check(
      'findings_kind_known',
      sql`${t.kind} in ('recommendation', 'area_for_improvement', 'cause_of_concern')`,
    ),
    check('findings_scope_known', sql`${t.scope} in ('national', 'force')`),
    check(
      'findings_status_known',
      sql`${t.status} in ('awaiting_allocation', 'allocated', 'in_progress', 'evidence_submitted', 'approved_for_closure', 'closed', 'superseded')`,
    ),
    check('findings_due_one_way', sql`not (${t.dueImmediately} and ${t.dueOn} is not null)`),
  ],
);

/** Every change to a finding, before and after, with its note: the item's own timeline. */
export const findingHistory = pgTable('finding_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  findingId: integer('finding_id')
    .notNull()
    .references(() => findings.id),
  at: at('at').notNull(),
  actorUserId: integer('actor_user_id'),
  via: text('via').notNull(),
  action: text('action').notNull(),
  before: jsonb('before').$type<Record<string, string | boolean | null>>().notNull(),
  after: jsonb('after').$type<Record<string, string | boolean | null>>().notNull(),
  note: text('note'),
});

/** Dated progress updates with evidence; `covers_on` is the date the evidence is about. */
export const findingEvidence = pgTable('finding_evidence', {
  id: serial('id').primaryKey(),
  findingId: integer('finding_id')
    .notNull()
    .references(() => findings.id),
  text: text('text').notNull(),
  link: text('link'),
  coversOn: day('covers_on').notNull(),
  addedAt: at('added_at').notNull(),
  addedBy: integer('added_by'),
});

/** The statutory response to one report (s55 for HMICFRS): draft → approved → published. */
export const findingResponses = pgTable(
  'finding_responses',
  {
    id: serial('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .unique()
      .references(() => findingSources.id),
    status: text('status').notNull(),
    dueOn: day('due_on').notNull(),
    intro: text('intro').notNull().default(''),
    publishedOn: day('published_on'),
    copiesTo: jsonb('copies_to').$type<string[]>().notNull().default([]),
    approvedAt: at('approved_at'),
    approvedBy: integer('approved_by'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    check('finding_responses_status_known', sql`${t.status} in ('draft', 'approved', 'published')`),
  ],
);

/** The response's position and planned action on each finding of its report. */
export const responseItems = pgTable(
  'response_items',
  {
    responseId: integer('response_id')
      .notNull()
      .references(() => findingResponses.id),
    findingId: integer('finding_id')
      .notNull()
      .references(() => findings.id),
    position: text('position'),
    plannedAction: text('planned_action').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.findingId] })],
);

// The tables beyond the findings register live beside this file (plan, meetings, panel …).
export * from './schema-oversight.ts';

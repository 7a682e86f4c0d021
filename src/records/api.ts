import type {
  BoardReviewsRepo,
  EvidenceFilesRepo,
  FindingSourcesRepo,
  FindingsRepo,
  PolicingBodiesRepo,
  ResponsesRepo,
} from './accountability/types.ts';
import type { TasksRepo } from './accountability/tasks.ts';
import type { AreasRepo } from './accountability/areas.ts';
import type { ComplaintsRepo, WorkProgrammeRepo } from './accountability/panel-types.ts';
import type { TrackerRepo } from './accountability/tracker-import.ts';
import type { ConsultationRepo, DeliveryRepo, PlanRepo } from './accountability/plan-types.ts';
import type {
  ChallengesRepo,
  MeetingActionsRepo,
  MeetingsRepo,
} from './accountability/meetings-types.ts';

/**
 * The records store's contract: what the web app, the CLI and the report see of the records
 * people author (accounts, sessions, tokens, settings, commentary, quote decisions, SPC
 * rebases, publications) and of the audit log. One implementation serves PGlite (embedded, in
 * the data directory) and a PostgreSQL server (`DATABASE_URL`); see `src/records/CONTEXT.md`.
 *
 * Everything here is plain, serialisable data; dates are `Date`s from the injected clock.
 */

/** The roles of DESIGN.md's table, as stored. */
export const ROLES = ['admin', 'analyst', 'lead', 'oversight', 'panel'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  readonly id: string;
  /** Lower-cased; unique. */
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Local policing areas the user is limited to; empty = the whole force. */
  readonly lpas: readonly string[];
  readonly disabled: boolean;
  readonly createdAt: Date;
}

/** The outcome of a sign-in attempt; failures never say whether the email exists. */
export type SignInResult =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly reason: 'bad_credentials' | 'locked' | 'disabled' };

export interface Session {
  /** The opaque id sent in the cookie (only its hash is stored). */
  readonly id: string;
  readonly user: User;
  /** The synchronizer token every form of this session must carry. */
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly label: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

/** Who did something: a user, or the command line on this machine (`cli`), or the system. */
export interface Actor {
  readonly userId: string | null;
  /** 'web' | 'api' | 'cli' | 'system' */
  readonly via: 'web' | 'api' | 'cli' | 'system';
}

export interface AuditEntry {
  readonly id: number;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly via: Actor['via'];
  /** e.g. 'sign_in', 'sign_in_failed', 'user_added', 'commentary_set', 'quote_approved' */
  readonly action: string;
  /** What was acted on, e.g. 'user:42', 'commentary:2021/22-Q1:oc16_rate'. Never free text. */
  readonly subject: string;
  /** Structured details; never passwords, tokens or free text written by people. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export interface UsersRepo {
  add(
    input: {
      email: string;
      displayName?: string;
      role: Role;
      lpas?: readonly string[];
      password: string;
    },
    actor: Actor,
  ): Promise<User>;
  list(): Promise<User[]>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  setDisabled(email: string, disabled: boolean, actor: Actor): Promise<User>;
  setRole(email: string, role: Role, lpas: readonly string[], actor: Actor): Promise<User>;
  setPassword(email: string, password: string, actor: Actor): Promise<void>;
  /**
   * Checks a password (scrypt), counting failures: after 5 failures in 15 minutes the account is
   * locked for 15 minutes (a correct password is then refused too). Audited either way.
   */
  signIn(email: string, password: string, via: Actor['via']): Promise<SignInResult>;
}

export interface SessionsRepo {
  /** A new session with a fresh id and CSRF token (a new id at every sign-in: no fixation). */
  create(userId: string): Promise<Session>;
  /** The live session for a cookie id, or null if unknown, expired, or its user disabled. */
  get(id: string): Promise<Session | null>;
  /** Extends a live session (sliding expiry). */
  touch(id: string): Promise<void>;
  revoke(id: string): Promise<void>;
  revokeAllFor(userId: string): Promise<void>;
}

export interface TokensRepo {
  /** Returns the secret once; only its hash is stored. */
  create(email: string, label: string, actor: Actor): Promise<{ token: ApiToken; secret: string }>;
  /** The user a bearer secret belongs to, if it is live and the user enabled. */
  verify(secret: string): Promise<User | null>;
  list(email?: string): Promise<ApiToken[]>;
  revoke(id: string, actor: Actor): Promise<void>;
}

export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id' | 'at' | 'actorUserId' | 'via'>, actor: Actor): Promise<void>;
  /** Newest first; `beforeId` pages back from an entry, `subject` keeps one item's (`finding:3`). */
  list(opts?: {
    limit?: number;
    action?: string;
    since?: Date;
    subject?: string;
    beforeId?: number;
  }): Promise<AuditEntry[]>;
}

/** Key–value service settings (force name, policing body, LPA populations, boundaries…). */
export interface SettingsRepo {
  get(): Promise<Readonly<Record<string, unknown>>>;
  set(patch: Readonly<Record<string, unknown>>, actor: Actor): Promise<void>;
}

export interface Publication {
  readonly id: string;
  readonly period: string;
  readonly edition: 'board' | 'annex' | 'public';
  readonly format: 'html' | 'pdf';
  readonly bytes: number;
  readonly sha256: string;
  /** Where the file lives, relative to the data directory. */
  readonly path: string;
  readonly publishedAt: Date;
  readonly publishedBy: string | null;
  /** Public editions only are ever listed on the public site, and only when `public` is true. */
  readonly public: boolean;
}

export interface PublicationsRepo {
  add(
    p: Omit<Publication, 'id' | 'publishedAt' | 'publishedBy'>,
    actor: Actor,
  ): Promise<Publication>;
  list(opts?: { publicOnly?: boolean }): Promise<Publication[]>;
  byId(id: string): Promise<Publication | null>;
}

/** One commentary entry: the text for a key (measure id, `_summary`, `section:<id>:<part>`). */
export interface CommentaryRecord {
  readonly text: string;
  readonly author: string;
  /** ISO date-time, as written. */
  readonly updatedAt: string;
}

/** Commentary by slot: a period and an LPA (null = the whole force). See src/app/commentary.ts. */
export interface CommentaryRepo {
  /** key → entry for one period and LPA. */
  entries(period: string, lpa: string | null): Promise<Record<string, CommentaryRecord>>;
  /** Writes one entry, or with `entry` null removes it. Audited (never the text). */
  set(
    slot: { period: string; lpa: string | null; key: string },
    entry: CommentaryRecord | null,
    actor: Actor,
  ): Promise<void>;
}

/** A decision on a candidate quote (src/app/quotes.ts); rejected text is not kept. */
export interface QuoteDecisionRecord {
  readonly status: 'approved' | 'rejected';
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
  readonly survey: string;
  readonly question: string;
  readonly month: string;
  readonly text?: string;
}

export interface QuotesRepo {
  decisions(): Promise<Record<string, QuoteDecisionRecord>>;
  /** Records a decision; a later one on the same quote replaces it. Audited. */
  decide(quoteId: string, d: QuoteDecisionRecord, actor: Actor): Promise<void>;
}

/** A recorded SPC rebase (src/app/rebases.ts). */
export interface RebaseRecord {
  readonly measureId: string;
  readonly month: string;
  readonly reason: string;
  readonly approvedBy: string;
  readonly recordedAt: string;
  readonly recordedBy?: string;
}

export interface RebasesRepo {
  /** By measure, then month. */
  list(measureId?: string): Promise<RebaseRecord[]>;
  /** Records or replaces (same measure and month); true when one was replaced. Audited. */
  add(r: RebaseRecord, actor: Actor): Promise<boolean>;
  /** False when there was none. Audited. */
  remove(measureId: string, month: string, actor: Actor): Promise<boolean>;
}

/**
 * The records store. `commentary`, `quotes` and `rebases` are the repositories that replace
 * commentary.json, quotes.json and rebases.json (their shapes follow today's src/app modules).
 */
export interface Records {
  readonly kind: 'pglite' | 'postgres';
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly tokens: TokensRepo;
  readonly audit: AuditRepo;
  readonly settings: SettingsRepo;
  readonly publications: PublicationsRepo;
  readonly commentary: CommentaryRepo;
  readonly quotes: QuotesRepo;
  readonly rebases: RebasesRepo;
  /** Accountability (issue 9): the policing body over time, the findings register, responses. */
  readonly policingBodies: PolicingBodiesRepo;
  readonly findingSources: FindingSourcesRepo;
  readonly findings: FindingsRepo;
  readonly boardReviews: BoardReviewsRepo;
  readonly evidenceFiles: EvidenceFilesRepo;
  readonly responses: ResponsesRepo;
  /** The Police and Crime Plan, its delivery updates and consultation (accountability/plan-types.ts). */
  readonly plan: PlanRepo;
  readonly delivery: DeliveryRepo;
  readonly consultation: ConsultationRepo;
  /** Holding to account: meetings, written challenges, actions (accountability/meetings-types.ts). */
  readonly meetings: MeetingsRepo;
  readonly challenges: ChallengesRepo;
  readonly meetingActions: MeetingActionsRepo;
  /** What is due or overdue for whom, escalations and lines (accountability/tasks.ts). */
  readonly tasks: TasksRepo;
  /** Forces and LPAs as dated entities with succession (accountability/areas.ts). */
  readonly areas: AreasRepo;
  /** The panel: complaints about the holder, its work programme (accountability/panel-types.ts). */
  readonly complaints: ComplaintsRepo;
  readonly workProgramme: WorkProgrammeRepo;
  /** The findings tracker as CSV, in and out (accountability/tracker-import.ts). */
  readonly tracker: TrackerRepo;
  close(): Promise<void>;
}

// ---- Accountability: the contract lives in ./accountability (types, lifecycle, clock) ------
export type * from './accountability/types.ts';
export type {
  Task,
  TaskKind,
  TaskState,
  Escalation,
  EscalatedTask,
  FindingSpan,
  UserLine,
  ReminderSettings,
  TasksRepo,
} from './accountability/tasks.ts';
export type * from './accountability/areas.ts';
export type * from './accountability/panel-types.ts';
export type * from './accountability/tracker-import.ts';
export type * from './accountability/plan-types.ts';
export type {
  Challenge,
  ChallengeStatus,
  Meeting,
  MeetingAction,
  MeetingType,
  ActionStatus,
} from './accountability/meetings-types.ts';
export {
  FINDING_STATUSES,
  OPEN_STATUSES,
  TRANSITIONS,
  ACTIONS,
  type FindingStatus,
  type TransitionRule,
} from './accountability/lifecycle.ts';
export { defaultRoleTitles } from './accountability/role-titles.ts';

import { z } from 'zod';
import type { Actor } from '../api.ts';
import type { HistoryEntry } from './history.ts';
import type { FindingStatus } from './lifecycle.ts';

/**
 * The accountability records' contract (re-exported by src/records/api.ts): the policing body
 * as dated configuration, the findings register with its lifecycle, and the statutory
 * responses. Inputs are zod schemas (the API and the CLI validate with the same ones); dates
 * are calendar dates "YYYY-MM-DD", never moments, so no time zone can move them.
 */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');

// ---- The policing body -------------------------------------------------------------------

export const BODY_TYPES = ['pcc', 'pfcc', 'mayor', 'board'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export const PolicingBodyInput = z.object({
  type: z.enum(BODY_TYPES),
  name: z.string().trim().min(1),
  /** What its holder and office are called, e.g. "Police and Crime Commissioner". */
  roleTitles: z.object({ holder: z.string().trim().min(1), office: z.string().trim().min(1) }),
});
export type PolicingBodyInput = z.infer<typeof PolicingBodyInput>;

export interface PolicingBody extends PolicingBodyInput {
  readonly id: string;
  /** First day in office. */
  readonly validFrom: string;
  /** The successor's first day (this body's last day is the day before); null: in office. */
  readonly validTo: string | null;
  readonly succeededBy: string | null;
}

export interface PolicingBodiesRepo {
  /** The first body (or one after a gap); refused while another is in office on `from`. */
  add(input: PolicingBodyInput, from: Date, actor: Actor): Promise<PolicingBody>;
  /** The body in office on a day (London date of `on`), or null. */
  current(on: Date): Promise<PolicingBody | null>;
  /** Ends `oldId` the day before `on` and starts its successor on `on`, in one transaction. */
  succeed(oldId: string, next: PolicingBodyInput, on: Date, actor: Actor): Promise<PolicingBody>;
  /** Corrects the name of a body (the same body: a new one is `succeed`). */
  rename(id: string, name: string, actor: Actor): Promise<PolicingBody>;
  byId(id: string): Promise<PolicingBody | null>;
  /** Every body, earliest first. */
  list(): Promise<PolicingBody[]>;
}

// ---- Sources of findings -------------------------------------------------------------------

export const SOURCE_KINDS = [
  'hmicfrs',
  'iopc_learning',
  'coroner_pfd',
  'victims_commissioner',
  'internal_audit',
] as const;
export const REPORT_KINDS = ['peel', 'thematic', 'joint'] as const;
/** reference/police-reference.json hmicfrs.peelGrades (five tiers since PEEL 2021/22). */
export const PEEL_GRADES = [
  'Outstanding',
  'Good',
  'Adequate',
  'Requires improvement',
  'Inadequate',
] as const;

export const FindingSourceInput = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    title: z.string().trim().min(1),
    reportKind: z.enum(REPORT_KINDS).nullable().default(null),
    publishedOn: IsoDate,
    url: z.url().nullable().default(null),
    peelGrades: z.record(z.string(), z.enum(PEEL_GRADES)).nullable().default(null),
  })
  .refine((s) => (s.kind === 'hmicfrs') === (s.reportKind !== null), {
    message: 'An HMICFRS report says whether it is PEEL, thematic or joint; other sources do not.',
    path: ['reportKind'],
  });
export type FindingSourceInput = z.input<typeof FindingSourceInput>;
export type FindingSource = z.output<typeof FindingSourceInput> & {
  readonly id: string;
  readonly createdAt: Date;
};

export interface FindingSourcesRepo {
  add(input: FindingSourceInput, actor: Actor): Promise<FindingSource>;
  byId(id: string): Promise<FindingSource | null>;
  /** Newest publication first. */
  list(): Promise<FindingSource[]>;
}

// ---- Findings ------------------------------------------------------------------------------

export const FINDING_KINDS = [
  'recommendation',
  'area_for_improvement',
  'cause_of_concern',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** "immediately", a date, or null (none given). */
export const Due = z.union([z.literal('immediately'), IsoDate]).nullable();

export const FindingInput = z.object({
  sourceId: z.string(),
  ref: z.string().trim().min(1),
  kind: z.enum(FINDING_KINDS),
  text: z.string().trim().min(1),
  scope: z.enum(['national', 'force']),
  due: Due.default(null),
  leadUserId: z.string().nullable().default(null),
});
export type FindingInput = z.input<typeof FindingInput>;

export const FindingPatch = z
  .object({
    text: z.string().trim().min(1),
    scope: z.enum(['national', 'force']),
    due: Due,
    leadUserId: z.string().nullable(),
  })
  .partial();
export type FindingPatch = z.input<typeof FindingPatch>;

export interface Finding {
  readonly id: string;
  readonly sourceId: string;
  readonly ref: string;
  readonly kind: FindingKind;
  readonly text: string;
  readonly scope: 'national' | 'force';
  readonly due: 'immediately' | string | null;
  readonly leadUserId: string | null;
  readonly status: FindingStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const EvidenceInput = z.object({
  text: z.string().trim().min(1),
  link: z.string().trim().min(1).nullable().default(null),
  /** The date the evidence is about, separate from the day it was added. */
  coversOn: IsoDate,
});
export type EvidenceInput = z.input<typeof EvidenceInput>;

export interface Evidence {
  readonly id: string;
  readonly findingId: string;
  readonly text: string;
  readonly link: string | null;
  readonly coversOn: string;
  readonly addedAt: Date;
  readonly addedBy: string | null;
}

export type HistoryValue = string | boolean | null;

export interface FindingHistoryEntry {
  readonly id: number;
  readonly findingId: string;
  readonly at: Date;
  readonly actorUserId: string | null;
  readonly via: Actor['via'];
  /** 'added' | 'updated' | 'transition' | 'evidence_added' */
  readonly action: string;
  readonly before: Readonly<Record<string, HistoryValue>>;
  readonly after: Readonly<Record<string, HistoryValue>>;
  readonly note: string | null;
}

export interface FindingsRepo {
  add(input: FindingInput, actor: Actor): Promise<Finding>;
  byId(id: string): Promise<Finding | null>;
  list(filter?: {
    sourceId?: string;
    status?: FindingStatus;
    leadUserId?: string;
    kind?: FindingKind;
  }): Promise<Finding[]>;
  /** Text, scope, due or lead (admin). */
  update(id: string, patch: FindingPatch, actor: Actor, note?: string): Promise<Finding>;
  /** One lifecycle step (lifecycle.ts): INVALID_TRANSITION or NOT_PERMITTED when refused. */
  transition(id: string, to: FindingStatus, actor: Actor, note?: string): Promise<Finding>;
  /** Sets the strategic lead and takes the step to allocated, together. */
  allocate(id: string, leadUserId: string, actor: Actor, note?: string): Promise<Finding>;
  addEvidence(id: string, input: EvidenceInput, actor: Actor): Promise<Evidence>;
  /**
   * A progress update by the finding's lead: a dated evidence row, an optional file (stored by
   * its sha256 in the data directory) and an optional RAG, in one transaction. Refused once the
   * finding is closed or superseded, and for a date covered that is still to come.
   */
  postUpdate(
    id: string,
    input: ProgressUpdateInput,
    actor: Actor,
    file?: EvidenceUpload,
  ): Promise<ProgressUpdate>;
  evidence(id: string): Promise<Evidence[]>;
  /** The RAG last set on a finding, or null when its lead has not set one. */
  rag(id: string): Promise<RagState | null>;
  /** Every finding's RAG that has been set. */
  rags(): Promise<RagState[]>;
  /** Oldest first. */
  history(id: string): Promise<FindingHistoryEntry[]>;
}

// ---- Progress updates: RAG and evidence files ----------------------------------------------

export const RAGS = ['red', 'amber', 'green'] as const;
export type Rag = (typeof RAGS)[number];

export interface RagState {
  readonly findingId: string;
  readonly rag: Rag;
  readonly setAt: Date;
  readonly setBy: string | null;
}

export const ProgressUpdateInput = z.object({
  text: z.string().trim().min(1, 'say what has been done').max(10_000, 'at most 10,000 characters'),
  /** The date the evidence is about (e.g. an audit's month end), not the day it is posted. */
  coversOn: IsoDate,
  rag: z.enum(RAGS).nullable().default(null),
  link: z.string().trim().min(1).max(2000).nullable().default(null),
});
export type ProgressUpdateInput = z.input<typeof ProgressUpdateInput>;

/**
 * The kinds of evidence file taken, by extension, with the media type they are served as (never
 * the type the uploader's browser claimed). Anything else is refused with a message listing these.
 */
export const EVIDENCE_TYPES = {
  pdf: { mediaType: 'application/pdf', name: 'PDF' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'Word (DOCX)',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: 'Excel (XLSX)',
  },
  csv: { mediaType: 'text/csv', name: 'CSV' },
  png: { mediaType: 'image/png', name: 'PNG' },
  jpg: { mediaType: 'image/jpeg', name: 'JPEG' },
  jpeg: { mediaType: 'image/jpeg', name: 'JPEG' },
  txt: { mediaType: 'text/plain', name: 'plain text' },
} as const;
export type EvidenceExtension = keyof typeof EVIDENCE_TYPES;

/** The largest evidence file taken: 20 MB. */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** A file as uploaded: the name the uploader gave and its bytes. */
export interface EvidenceUpload {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface EvidenceFile {
  readonly id: string;
  /** The progress update (finding_evidence row) it belongs to. */
  readonly evidenceId: string | null;
  /** e.g. finding:3 */
  readonly subject: string;
  /** Sanitised: safe in a Content-Disposition header and on any file system. */
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly addedAt: Date;
  readonly addedBy: string | null;
}

export interface ProgressUpdate {
  readonly evidence: Evidence;
  readonly file: EvidenceFile | null;
  readonly rag: RagState | null;
}

export interface EvidenceFilesRepo {
  /** A finding's files, oldest first; none for a panel member, who sees no evidence files. */
  forFinding(findingId: string, actor: Actor): Promise<EvidenceFile[]>;
  /**
   * A file and its bytes (checked against its sha256). UNKNOWN_RECORD for a file that is not
   * there, not the finding's, or asked for by someone who may not see evidence files.
   */
  read(
    findingId: string,
    fileId: string,
    actor: Actor,
  ): Promise<{ file: EvidenceFile; bytes: Buffer }>;
}

// ---- Board reviews ---------------------------------------------------------------------------

export const BOARD_DECISIONS = ['approve_closure', 'decline_closure', 'noted', 'deferred'] as const;
export type BoardDecision = (typeof BOARD_DECISIONS)[number];

export const BoardReviewInput = z.object({
  /** e.g. "Service Improvement Board". */
  board: z.string().trim().min(1, 'name the board').max(120, 'at most 120 characters'),
  heldOn: IsoDate,
  decision: z.enum(BOARD_DECISIONS),
  note: z.string().trim().max(5000, 'at most 5,000 characters').nullable().default(null),
});
export type BoardReviewInput = z.input<typeof BoardReviewInput>;

export interface BoardReview {
  readonly id: string;
  readonly findingId: string;
  readonly board: string;
  readonly heldOn: string;
  readonly decision: BoardDecision;
  readonly note: string | null;
  readonly recordedAt: Date;
  readonly recordedBy: string | null;
}

export interface BoardReviewsRepo {
  /**
   * Records a board's decision on a finding. Approving or declining closure is the lifecycle's
   * step from evidence submitted (to approved for closure, or back to in progress), taken in the
   * same transaction, so only oversight may record one; noted and deferred change no status.
   */
  record(
    findingId: string,
    input: BoardReviewInput,
    actor: Actor,
  ): Promise<{ review: BoardReview; finding: Finding }>;
  /** Oldest meeting first. */
  forFinding(findingId: string): Promise<BoardReview[]>;
}

// ---- Statutory responses -------------------------------------------------------------------

export const POSITIONS = ['accepted', 'partly_accepted', 'not_accepted', 'for_others'] as const;
export type Position = (typeof POSITIONS)[number];

export interface ResponseItem {
  readonly findingId: string;
  readonly ref: string;
  readonly kind: FindingKind;
  readonly text: string;
  readonly position: Position | null;
  readonly plannedAction: string;
}

export const RESPONSE_STATUSES = ['draft', 'approved', 'published'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export interface StatutoryResponse {
  readonly id: string;
  /** The report (finding source) it answers. */
  readonly sourceId: string;
  /** What the report is: its kind sets the duty (clock.ts RESPONSE_DUTIES). */
  readonly source: ResponseSource;
  /** The provision that asks for the response, and the days it allows (counting publication day). */
  readonly statute: string;
  readonly days: number;
  readonly status: ResponseStatus;
  readonly dueOn: string;
  readonly intro: string;
  readonly items: readonly ResponseItem[];
  /** The duty says the chief officer must be invited to comment, and their comments published. */
  readonly chiefOfficerInvitedOn: string | null;
  readonly chiefOfficerComments: string;
  /** The policing body's reply to the chief officer's comments, if any. */
  readonly bodyReply: string;
  readonly publishedOn: string | null;
  readonly copiesTo: readonly string[];
  readonly approvedAt: Date | null;
  readonly approvedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const ResponseItemInput = z.object({
  position: z.enum(POSITIONS),
  plannedAction: z.string().trim().min(1),
});
export type ResponseItemInput = z.input<typeof ResponseItemInput>;

/** A report as a response names it. */
export interface ResponseSource {
  readonly id: string;
  readonly kind: 'hmicfrs' | 'victims_commissioner';
  readonly title: string;
  readonly publishedOn: string;
}

/**
 * One save of a draft: any of its parts. An item may be left without a position while the draft
 * is worked on; approval asks for all of them.
 */
export const ResponseEditInput = z
  .object({
    intro: z.string().trim().max(20_000, 'at most 20,000 characters'),
    chiefOfficerInvitedOn: IsoDate.nullable(),
    chiefOfficerComments: z.string().trim().max(20_000, 'at most 20,000 characters'),
    bodyReply: z.string().trim().max(20_000, 'at most 20,000 characters'),
    items: z.array(
      z.object({
        findingId: z.string(),
        position: z.enum(POSITIONS).nullable(),
        plannedAction: z.string().trim().max(10_000, 'at most 10,000 characters'),
      }),
    ),
  })
  .partial();
export type ResponseEditInput = z.input<typeof ResponseEditInput>;

/** A report that carries a duty to respond, with its clock and its response (if begun). */
export interface ResponseDutyEntry {
  readonly source: ResponseSource;
  readonly statute: string;
  readonly days: number;
  readonly dueOn: string;
  readonly response: StatutoryResponse | null;
}

export const PublishInput = z.object({
  publishedOn: IsoDate,
  copiesTo: z.array(z.string().trim().min(1)).min(1),
});
export type PublishInput = z.input<typeof PublishInput>;

export interface ResponsesRepo {
  /**
   * A draft for a report with a duty (HMICFRS; Victims' Commissioner), one item per finding of
   * it; due on the last day of the duty's period (55 days after publication for s55).
   */
  draft(sourceId: string, actor: Actor): Promise<StatutoryResponse>;
  /** Every report with a duty, with or without a response, soonest due first. */
  duties(): Promise<ResponseDutyEntry[]>;
  /** Saves any parts of a draft, as one change on its timeline. */
  edit(
    id: string,
    input: ResponseEditInput,
    actor: Actor,
    note?: string,
  ): Promise<StatutoryResponse>;
  /** Back from approved to draft, for a correction (oversight or admin); approval is needed again. */
  reopen(id: string, actor: Actor, note?: string): Promise<StatutoryResponse>;
  /** The response's timeline (record_history, subject `response:<id>`), oldest first. */
  history(id: string): Promise<HistoryEntry[]>;
  byId(id: string): Promise<StatutoryResponse | null>;
  forSource(sourceId: string): Promise<StatutoryResponse | null>;
  /** Soonest due first. */
  list(): Promise<StatutoryResponse[]>;
  setIntro(id: string, intro: string, actor: Actor): Promise<StatutoryResponse>;
  setItem(
    id: string,
    findingId: string,
    input: ResponseItemInput,
    actor: Actor,
  ): Promise<StatutoryResponse>;
  /** Oversight; refused while a finding has no position or planned action. */
  approve(id: string, actor: Actor, note?: string): Promise<StatutoryResponse>;
  /** An approved response only: public from then on (admin or oversight). */
  publish(id: string, input: PublishInput, actor: Actor): Promise<StatutoryResponse>;
}

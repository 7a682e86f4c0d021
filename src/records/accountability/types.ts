import { z } from 'zod';
import type { Actor } from '../api.ts';
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
  }): Promise<Finding[]>;
  /** Text, scope, due or lead (admin). */
  update(id: string, patch: FindingPatch, actor: Actor, note?: string): Promise<Finding>;
  /** One lifecycle step (lifecycle.ts): INVALID_TRANSITION or NOT_PERMITTED when refused. */
  transition(id: string, to: FindingStatus, actor: Actor, note?: string): Promise<Finding>;
  /** Sets the strategic lead and takes the step to allocated, together. */
  allocate(id: string, leadUserId: string, actor: Actor, note?: string): Promise<Finding>;
  addEvidence(id: string, input: EvidenceInput, actor: Actor): Promise<Evidence>;
  evidence(id: string): Promise<Evidence[]>;
  /** Oldest first. */
  history(id: string): Promise<FindingHistoryEntry[]>;
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

export interface StatutoryResponse {
  readonly id: string;
  /** The report (finding source) it answers. */
  readonly sourceId: string;
  readonly status: 'draft' | 'approved' | 'published';
  readonly dueOn: string;
  readonly intro: string;
  readonly items: readonly ResponseItem[];
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

export const PublishInput = z.object({
  publishedOn: IsoDate,
  copiesTo: z.array(z.string().trim().min(1)).min(1),
});
export type PublishInput = z.input<typeof PublishInput>;

export interface ResponsesRepo {
  /** A draft for an HMICFRS report, one item per finding of it; due 55 days after publication. */
  draft(sourceId: string, actor: Actor): Promise<StatutoryResponse>;
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
  approve(id: string, actor: Actor): Promise<StatutoryResponse>;
  publish(id: string, input: PublishInput, actor: Actor): Promise<StatutoryResponse>;
}

import { z } from 'zod';
import type { Actor } from '../api.ts';
import type { HistoryEntry } from './history.ts';
import { IsoDate } from './types.ts';

/**
 * The panel's records (re-exported by src/records/api.ts): complaints about the conduct of the
 * policing body's holder, as the panel handles them under the complaints regulations, and the
 * panel's work programme. Concepts are data declared once here; pages, the API and the report
 * read the labels from these tables rather than spelling them again.
 */

// ---- Complaints ------------------------------------------------------------------------------

export const COMPLAINT_STATUSES = [
  'received',
  'recorded',
  'not_recorded',
  'informal_resolution',
  'resolved',
  'withdrawn',
  'referred_iopc',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_STATUS_NAMES: Record<ComplaintStatus, string> = {
  received: 'Received',
  recorded: 'Recorded',
  not_recorded: 'Not recorded',
  informal_resolution: 'Informal resolution',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  referred_iopc: 'Referred to the IOPC',
};

/** What a complaint is about (its conduct, never the holder's policies). */
export const COMPLAINT_CATEGORIES = [
  'behaviour',
  'public_statements',
  'use_of_office',
  'integrity',
  'correspondence',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_CATEGORY_NAMES: Record<ComplaintCategory, string> = {
  behaviour: 'Behaviour towards others',
  public_statements: 'Public statements or social media',
  use_of_office: 'Use of office or resources',
  integrity: 'Honesty and integrity',
  correspondence: 'Handling of correspondence or contact',
  other: 'Other conduct',
};

/**
 * How a complaint ended, and the status each outcome belongs to: the panel chooses one when it
 * resolves or does not record a complaint; withdrawal and referral have one outcome each.
 */
export const COMPLAINT_OUTCOMES = {
  explanation_provided: { status: 'resolved', name: 'Explanation provided' },
  apology_given: { status: 'resolved', name: 'Apology given' },
  action_agreed: { status: 'resolved', name: 'Action agreed' },
  no_further_action: { status: 'resolved', name: 'No further action needed' },
  outside_regulations: {
    status: 'not_recorded',
    name: 'Did not meet the requirements of the regulations',
  },
  not_about_conduct: {
    status: 'not_recorded',
    name: 'About policy or operational policing, not conduct',
  },
  already_dealt_with: {
    status: 'not_recorded',
    name: 'Already dealt with, or subject to criminal proceedings',
  },
  withdrawn: { status: 'withdrawn', name: 'Withdrawn by the complainant' },
  referred_iopc: { status: 'referred_iopc', name: 'Referred to the IOPC' },
} as const satisfies Record<string, { status: ComplaintStatus; name: string }>;
export type ComplaintOutcome = keyof typeof COMPLAINT_OUTCOMES;
export const COMPLAINT_OUTCOME_CODES = Object.keys(COMPLAINT_OUTCOMES) as ComplaintOutcome[];

/** The outcomes that may end a step to `status` (empty: the step sets none). */
export const outcomesFor = (status: ComplaintStatus): ComplaintOutcome[] =>
  COMPLAINT_OUTCOME_CODES.filter((o) => COMPLAINT_OUTCOMES[o].status === status);

export const ComplaintInput = z.object({
  receivedOn: IsoDate,
  /** What the complaint is about, as recorded: never who made it. */
  summary: z.string().trim().min(1).max(2000),
  category: z.enum(COMPLAINT_CATEGORIES),
});
export type ComplaintInput = z.input<typeof ComplaintInput>;

export const ComplaintPatch = ComplaintInput.partial();
export type ComplaintPatch = z.input<typeof ComplaintPatch>;

/** One step of a complaint: where to, on which day (default today), its outcome, a note. */
export const ComplaintStep = z.object({
  to: z.enum(COMPLAINT_STATUSES),
  on: IsoDate.optional(),
  outcome: z.enum(COMPLAINT_OUTCOME_CODES as [ComplaintOutcome, ...ComplaintOutcome[]]).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type ComplaintStep = z.input<typeof ComplaintStep>;

export interface Complaint {
  readonly id: string;
  readonly receivedOn: string;
  /** The day it was recorded under the regulations; null while not (or never) recorded. */
  readonly recordedOn: string | null;
  readonly summary: string;
  readonly category: ComplaintCategory;
  readonly status: ComplaintStatus;
  readonly outcome: ComplaintOutcome | null;
  readonly outcomeOn: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The figures of the panel's annual complaints report for one financial year: the complaints
 * received in it, as they stand on `asAt`. Unsuppressed: a public copy passes them through
 * disclosure control first (src/web/models/panel.ts).
 */
export interface ComplaintsAnnualFigures {
  /** "2024-25" */
  readonly year: string;
  readonly from: string;
  readonly to: string;
  readonly asAt: string;
  readonly received: number;
  readonly recorded: number;
  readonly notRecorded: number;
  /** Received but neither recorded nor refused: awaiting a decision, withdrawn or referred first. */
  readonly noRecordingDecision: number;
  readonly byCategory: readonly { category: ComplaintCategory; count: number }[];
  /** Every outcome, and `open` (no outcome yet); they add up to `received`. */
  readonly byOutcome: readonly { outcome: ComplaintOutcome | 'open'; count: number }[];
  /** Ended by informal resolution (status resolved); equals the resolution outcomes' sum. */
  readonly resolvedInformally: number;
  /** In informal resolution now: part of `open`. */
  readonly inInformalResolution: number;
  /** Days from receipt to resolution of the resolved ones: the median, and how many. */
  readonly daysToResolution: { readonly count: number; readonly median: number | null };
}

export interface ComplaintsRepo {
  add(input: ComplaintInput, actor: Actor): Promise<Complaint>;
  byId(id: string): Promise<Complaint | null>;
  /** Newest received first; `year` is a financial year ("2024-25") of receipt. */
  list(filter?: {
    status?: ComplaintStatus;
    category?: ComplaintCategory;
    year?: string;
  }): Promise<Complaint[]>;
  update(id: string, patch: ComplaintPatch, actor: Actor, note?: string): Promise<Complaint>;
  /** One step of COMPLAINT_TRANSITIONS; anything else is INVALID_TRANSITION. */
  transition(id: string, step: ComplaintStep, actor: Actor): Promise<Complaint>;
  /** Oldest first. */
  history(id: string): Promise<HistoryEntry[]>;
  annualFigures(year: string): Promise<ComplaintsAnnualFigures>;
}

// ---- The work programme ----------------------------------------------------------------------

export const WORK_ITEM_STATUSES = ['planned', 'done', 'deferred'] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];
export const WORK_ITEM_STATUS_NAMES: Record<WorkItemStatus, string> = {
  planned: 'Planned',
  done: 'Done',
  deferred: 'Deferred',
};

const Papers = z.array(z.string().trim().min(1).max(300)).max(30);

export const WorkItemInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  /** The panel meeting it is for; null while not yet given a meeting. */
  meetingOn: IsoDate.nullable().default(null),
  /** Reports the panel has asked the policing body to bring. */
  papersRequested: Papers.default([]),
  status: z.enum(WORK_ITEM_STATUSES).default('planned'),
});
export type WorkItemInput = z.input<typeof WorkItemInput>;

export const WorkItemPatch = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000),
    meetingOn: IsoDate.nullable(),
    papersRequested: Papers,
    status: z.enum(WORK_ITEM_STATUSES),
  })
  .partial();
export type WorkItemPatch = z.input<typeof WorkItemPatch>;

export interface WorkItem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly meetingOn: string | null;
  readonly papersRequested: readonly string[];
  readonly status: WorkItemStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface WorkProgrammeRepo {
  add(input: WorkItemInput, actor: Actor): Promise<WorkItem>;
  byId(id: string): Promise<WorkItem | null>;
  /** By meeting date (undated last), then as added. */
  list(filter?: { status?: WorkItemStatus }): Promise<WorkItem[]>;
  update(id: string, patch: WorkItemPatch, actor: Actor, note?: string): Promise<WorkItem>;
  history(id: string): Promise<HistoryEntry[]>;
}

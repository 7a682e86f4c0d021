import { z } from 'zod';
import type { Actor } from '../api.ts';
import type { HistoryEntry } from './history.ts';
import { isQuarter } from './quarter.ts';

/**
 * The Police and Crime Plan's contract (re-exported by src/records/api.ts): a plan of
 * objectives, each with priorities; a priority's commitments (delivered by the policing body
 * or by the Chief Constable, each with a lead) and outcomes; catalogue measures that evidence a
 * commitment or an outcome; one quarterly delivery update per commitment and quarter; and the
 * responses to the plan's consultation. Inputs are zod schemas, shared by pages, API and CLI.
 */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-02-29');
const Title = z.string().trim().min(1, 'enter some text').max(300, 'at most 300 characters');
const Description = z.string().trim().max(2000, 'at most 2,000 characters').default('');
const Id = z.string().regex(/^\d{1,9}$/, 'an id');

export const PLAN_STATUSES = ['draft', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const COMMITMENT_OWNERS = ['policing_body', 'chief_constable'] as const;
export type CommitmentOwner = (typeof COMMITMENT_OWNERS)[number];

/** The delivery statuses, best first, as the panel's monitoring report uses them. */
export const DELIVERY_STATUSES = [
  'complete',
  'on_track',
  'some_concerns',
  'off_track',
  'not_started',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_STATUS_NAMES: Record<DeliveryStatus, string> = {
  complete: 'Complete',
  on_track: 'On track',
  some_concerns: 'Some concerns',
  off_track: 'Off track',
  not_started: 'Not started',
};

export const Quarter = z
  .string()
  .trim()
  .refine(isQuarter, 'a quarter like 2024-25 Q2 (Q1 is April to June)');

// ---- The plan and its tree -----------------------------------------------------------------

export const PlanInput = z
  .object({
    title: Title,
    startsOn: IsoDate,
    endsOn: IsoDate,
    status: z.enum(PLAN_STATUSES).default('draft'),
  })
  .refine((p) => p.endsOn > p.startsOn, {
    message: 'the plan must end after it starts',
    path: ['endsOn'],
  });
export type PlanInput = z.input<typeof PlanInput>;

export const PlanPatch = z
  .object({ title: Title, status: z.enum(PLAN_STATUSES), startsOn: IsoDate, endsOn: IsoDate })
  .partial();
export type PlanPatch = z.input<typeof PlanPatch>;

export const ObjectiveInput = z.object({ planId: Id, title: Title, description: Description });
export type ObjectiveInput = z.input<typeof ObjectiveInput>;

export const PriorityInput = z.object({ objectiveId: Id, title: Title, description: Description });
export type PriorityInput = z.input<typeof PriorityInput>;

export const CommitmentInput = z.object({
  priorityId: Id,
  text: z.string().trim().min(1, 'enter the commitment').max(1000, 'at most 1,000 characters'),
  owner: z.enum(COMMITMENT_OWNERS),
  leadUserId: Id.nullable().default(null),
});
export type CommitmentInput = z.input<typeof CommitmentInput>;

export const CommitmentPatch = z
  .object({
    text: CommitmentInput.shape.text,
    owner: CommitmentInput.shape.owner,
    leadUserId: Id.nullable(),
  })
  .partial();
export type CommitmentPatch = z.input<typeof CommitmentPatch>;

export const OutcomeInput = z.object({
  priorityId: Id,
  text: z.string().trim().min(1, 'enter the outcome').max(500, 'at most 500 characters'),
});
export type OutcomeInput = z.input<typeof OutcomeInput>;

/** A measure evidencing exactly one commitment or one outcome. */
export const MeasureLinkInput = z
  .object({
    commitmentId: Id.nullable().default(null),
    outcomeId: Id.nullable().default(null),
    measureId: z.string().trim().min(1, 'choose a measure').max(80),
  })
  .refine((l) => (l.commitmentId === null) !== (l.outcomeId === null), {
    message: 'link the measure to a commitment or to an outcome, not both',
    path: ['commitmentId'],
  });
export type MeasureLinkInput = z.input<typeof MeasureLinkInput>;

export interface Plan {
  readonly id: string;
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly bodyId: string | null;
  readonly status: PlanStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PlanObjective {
  readonly id: string;
  readonly planId: string;
  readonly ordinal: number;
  readonly title: string;
  readonly description: string;
}

export interface PlanPriority {
  readonly id: string;
  readonly objectiveId: string;
  readonly ordinal: number;
  readonly title: string;
  readonly description: string;
}

export interface Commitment {
  readonly id: string;
  readonly priorityId: string;
  readonly ordinal: number;
  readonly text: string;
  readonly owner: CommitmentOwner;
  readonly leadUserId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PlanOutcome {
  readonly id: string;
  readonly priorityId: string;
  readonly ordinal: number;
  readonly text: string;
}

export interface MeasureLink {
  readonly id: string;
  readonly commitmentId: string | null;
  readonly outcomeId: string | null;
  readonly measureId: string;
}

/** A commitment with the plan around it, for its own page. */
export interface CommitmentInPlan extends Commitment {
  readonly measureIds: readonly string[];
  /** The same measures as links (to remove one). */
  readonly links: readonly MeasureLink[];
  readonly priority: PlanPriority;
  readonly objective: PlanObjective;
  readonly plan: Plan;
}

export interface PlanTree extends Plan {
  readonly objectives: readonly (PlanObjective & {
    readonly priorities: readonly (PlanPriority & {
      readonly commitments: readonly (Commitment & { readonly measureIds: readonly string[] })[];
      readonly outcomes: readonly (PlanOutcome & { readonly measureIds: readonly string[] })[];
    })[];
  })[];
}

export interface PlanRepo {
  /** Admin or oversight (the command line and the system too). Audited; timeline `plan:N`. */
  add(input: PlanInput, actor: Actor): Promise<Plan>;
  update(id: string, patch: PlanPatch, actor: Actor, note?: string): Promise<Plan>;
  byId(id: string): Promise<Plan | null>;
  /** Latest start first. */
  list(): Promise<Plan[]>;
  /** The plan covering a day (a published one before a draft), else the latest; null if none. */
  current(on: string): Promise<Plan | null>;
  tree(id: string): Promise<PlanTree>;
  addObjective(input: ObjectiveInput, actor: Actor): Promise<PlanObjective>;
  addPriority(input: PriorityInput, actor: Actor): Promise<PlanPriority>;
  /** The lead, when given, must be a user with the lead role (or oversight, for the body's own). */
  addCommitment(input: CommitmentInput, actor: Actor): Promise<Commitment>;
  updateCommitment(
    id: string,
    patch: CommitmentPatch,
    actor: Actor,
    note?: string,
  ): Promise<Commitment>;
  commitment(id: string): Promise<CommitmentInPlan | null>;
  /** Every commitment of a plan, in the plan's order. */
  commitments(planId: string): Promise<Commitment[]>;
  addOutcome(input: OutcomeInput, actor: Actor): Promise<PlanOutcome>;
  /**
   * Links a catalogue measure. Records cannot read the catalogue, so the caller passes the ids
   * it knows (`knownMeasureIds`); any other id is refused, and so is the same link twice.
   */
  linkMeasure(
    input: MeasureLinkInput,
    knownMeasureIds: readonly string[],
    actor: Actor,
  ): Promise<MeasureLink>;
  unlinkMeasure(linkId: string, actor: Actor): Promise<void>;
}

// ---- Delivery updates ----------------------------------------------------------------------

const DeliveryFields = {
  status: z.enum(DELIVERY_STATUSES, {
    error: `choose one of ${DELIVERY_STATUSES.map((s) => DELIVERY_STATUS_NAMES[s]).join(', ')}`,
  }),
  narrative: z
    .string()
    .trim()
    .min(1, 'say what has been done this quarter')
    .max(4000, 'at most 4,000 characters'),
  evidence: z.string().trim().max(4000, 'at most 4,000 characters'),
};

export const DeliveryInput = z.object({
  quarter: Quarter,
  ...DeliveryFields,
  evidence: DeliveryFields.evidence.default(''),
});
export type DeliveryInput = z.input<typeof DeliveryInput>;

/** What a change may set; a field left out keeps its value. */
export const DeliveryPatch = z.object(DeliveryFields).partial();
export type DeliveryPatch = z.input<typeof DeliveryPatch>;

export interface DeliveryUpdate {
  readonly id: string;
  readonly commitmentId: string;
  readonly quarter: string;
  readonly status: DeliveryStatus;
  readonly narrative: string;
  readonly evidence: string;
  /** When the quarter's update was due (the quarter's end + the due days). */
  readonly dueOn: string | null;
  readonly submittedAt: Date;
  readonly submittedBy: string | null;
  /** False once a later quarter's update has been posted: it is then part of the record. */
  readonly editable: boolean;
}

export interface DeliveryRepo {
  /**
   * Posts a commitment's update for a quarter: one per quarter; not a quarter after today's,
   * nor one earlier than the commitment's latest update, nor outside the plan. Only the
   * commitment's lead, or oversight for a commitment the policing body owns, may post.
   */
  post(commitmentId: string, input: DeliveryInput, actor: Actor): Promise<DeliveryUpdate>;
  /** Changes an update until a later quarter's supersedes it (same people as `post`). */
  edit(id: string, patch: DeliveryPatch, actor: Actor, note?: string): Promise<DeliveryUpdate>;
  byId(id: string): Promise<DeliveryUpdate | null>;
  /** A commitment's updates, oldest quarter first. */
  forCommitment(commitmentId: string): Promise<DeliveryUpdate[]>;
  /** Every update of a plan's commitments, oldest quarter first. */
  forPlan(planId: string): Promise<DeliveryUpdate[]>;
  /** The commitment's timeline and its updates' (`commitment:N`, `delivery:N`), oldest first. */
  timeline(commitmentId: string): Promise<HistoryEntry[]>;
}

// ---- Consultation --------------------------------------------------------------------------

export const CONSULTATION_CHANNELS = [
  'online_survey',
  'email',
  'letter',
  'public_meeting',
  'focus_group',
  'social_media',
  'other',
] as const;
export const RESPONDENT_TYPES = [
  'resident',
  'victim_or_survivor',
  'business',
  'partner_organisation',
  'voluntary_sector',
  'elected_member',
  'police_officer_or_staff',
  'other',
] as const;
export const SUPPORT_LEVELS = ['supports', 'partly_supports', 'opposes', 'no_view'] as const;

export const ConsultationInput = z.object({
  planId: Id,
  /** The priority it is about; null for the plan as a whole. */
  priorityId: Id.nullable().default(null),
  receivedOn: IsoDate,
  channel: z.enum(CONSULTATION_CHANNELS, { error: 'choose how the response came in' }),
  respondentType: z.enum(RESPONDENT_TYPES, { error: 'choose who responded' }),
  summary: z.string().trim().min(1, 'summarise the response').max(2000, 'at most 2,000 characters'),
  support: z.enum(SUPPORT_LEVELS).nullable().default(null),
});
export type ConsultationInput = z.input<typeof ConsultationInput>;

export interface ConsultationResponse {
  readonly id: string;
  readonly planId: string;
  readonly priorityId: string | null;
  readonly receivedOn: string;
  readonly channel: (typeof CONSULTATION_CHANNELS)[number];
  readonly respondentType: (typeof RESPONDENT_TYPES)[number];
  readonly summary: string;
  readonly support: (typeof SUPPORT_LEVELS)[number] | null;
  readonly createdAt: Date;
  readonly createdBy: string | null;
}

export interface ConsultationRepo {
  /** Admin or oversight. Timeline `consultation:N`; the audit never holds the summary. */
  add(input: ConsultationInput, actor: Actor): Promise<ConsultationResponse>;
  /** A plan's responses, earliest received first. */
  list(planId: string): Promise<ConsultationResponse[]>;
}

import { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import type { Actor, Role } from '../api.ts';
import { DUE_SOON_DAYS, daysLeft } from './clock.ts';
import type { HistoryEntry } from './history.ts';
import { IsoDate } from './types.ts';

/**
 * Holding to account (re-exported by src/records/api.ts): the meetings at which the policing
 * body holds the chief constable to account (assurance and accountability, thematic, public,
 * performance), the written challenges raised at them or from a scorecard exception, and the
 * actions the meetings agree. Inputs are zod schemas (the web forms and the API validate with
 * the same ones); who may take each step is data here, so pages ask the same table the
 * repositories apply. Dates are calendar dates ("YYYY-MM-DD").
 */

// ---- Meetings ----------------------------------------------------------------------------

export const MEETING_TYPES = [
  'assurance_accountability',
  'thematic',
  'public',
  'performance',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** A link a reader can follow: http(s) only, so no `javascript:` address reaches a page. */
const Link = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), 'a web address starting http:// or https://');

export const Paper = z.object({
  title: z.string().trim().min(1).max(300),
  link: Link.nullable().default(null),
});
export type Paper = z.output<typeof Paper>;

const Line = (max: number) => z.string().trim().min(1).max(max);

const meetingFields = {
  type: z.enum(MEETING_TYPES),
  subject: Line(300),
  heldOn: IsoDate,
  location: z.string().trim().max(300).default(''),
  /** Office titles only ("Chief Constable", "Deputy Police and Crime Commissioner"), never names. */
  attendees: z.array(Line(200)).max(40).default([]),
  agenda: z.array(Line(500)).max(60).default([]),
  papers: z.array(Paper).max(60).default([]),
  notes: z.string().trim().max(50_000).default(''),
};

export const MeetingInput = z.object(meetingFields);
export type MeetingInput = z.input<typeof MeetingInput>;

export const MeetingPatch = z
  .object({
    type: meetingFields.type,
    subject: meetingFields.subject,
    heldOn: meetingFields.heldOn,
    location: z.string().trim().max(300),
    attendees: z.array(Line(200)).max(40),
    agenda: z.array(Line(500)).max(60),
    papers: z.array(Paper).max(60),
    notes: z.string().trim().max(50_000),
  })
  .partial();
export type MeetingPatch = z.input<typeof MeetingPatch>;

export interface Meeting {
  readonly id: string;
  readonly type: MeetingType;
  readonly subject: string;
  readonly heldOn: string;
  readonly location: string;
  readonly attendees: readonly string[];
  readonly agenda: readonly string[];
  readonly papers: readonly Paper[];
  readonly notes: string;
  /** The day the notes were published to the public site; null while they are not. */
  readonly notesPublishedOn: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface MeetingsRepo {
  /** Admin or oversight. */
  add(input: MeetingInput, actor: Actor): Promise<Meeting>;
  byId(id: string): Promise<Meeting | null>;
  /** Latest first; `published` keeps only meetings whose notes are published. */
  list(filter?: { type?: MeetingType; published?: boolean }): Promise<Meeting[]>;
  /** Admin or oversight; notes may be edited after publishing (the timeline keeps each edit). */
  update(id: string, patch: MeetingPatch, actor: Actor, note?: string): Promise<Meeting>;
  /** Publishes the notes today; refused (INVALID_TRANSITION) when empty or already published. */
  publishNotes(id: string, actor: Actor): Promise<Meeting>;
  /** The meeting's timeline, oldest first. */
  history(id: string): Promise<HistoryEntry[]>;
}

// ---- Who may take a step ---------------------------------------------------------------------

/**
 * Who takes a step: a role, or `owner` (the user the item is assigned to, whatever their
 * role). The command line and the system may take any step the table allows.
 */
export type Taker = Role | 'owner';

export interface StepRule<S extends string> {
  readonly from: S;
  readonly to: S;
  readonly by: readonly Taker[];
  /** What the step means, for the timeline and the buttons. */
  readonly label: string;
}

/** Who is acting: a user's role and id, or the command line / system (`role` null). */
export interface Acting {
  readonly role: Role | null;
  readonly userId: string | null;
}

/** Whether `who` is one of `by`, for an item owned by `ownerUserId`. */
export function mayTake(by: readonly Taker[], who: Acting, ownerUserId: string | null): boolean {
  if (who.role === null) return true;
  if (by.includes('owner') && who.userId !== null && who.userId === ownerUserId) return true;
  return by.includes(who.role);
}

/** The roles who manage meetings and raise challenges (the capability manage_meetings). */
export const MEETING_MANAGERS: readonly Role[] = ['admin', 'oversight'];
/** Roles a challenge or an action may be assigned to. */
export const OWNER_ROLES: readonly Role[] = ['lead', 'oversight'];

// ---- Challenges ------------------------------------------------------------------------------

export const CHALLENGE_STATUSES = ['open', 'answered', 'closed', 'withdrawn'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/**
 * A written challenge's lifecycle: the owner answers; the policing body's office closes it,
 * asks for a further answer, or withdraws it. Closed and withdrawn are the end.
 */
export const CHALLENGE_STEPS: readonly StepRule<ChallengeStatus>[] = [
  { from: 'open', to: 'answered', by: ['owner'], label: 'Answered' },
  { from: 'answered', to: 'closed', by: ['oversight'], label: 'Closed: the answer is accepted' },
  { from: 'answered', to: 'open', by: ['oversight'], label: 'Further answer asked for' },
  { from: 'open', to: 'withdrawn', by: ['oversight'], label: 'Withdrawn' },
  { from: 'answered', to: 'withdrawn', by: ['oversight'], label: 'Withdrawn' },
];

/** The measure exception that prompted a challenge, as the scorecard showed it. */
export const MeasureException = z.object({
  measureId: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,79}$/, 'a measure id like oc16_rate'),
  period: Line(40),
  /** The local policing area; '' for the whole force. */
  lpa: z.string().trim().max(120).default(''),
  /** e.g. "special cause of concern: in a run of 7 points below the mean", "target missed". */
  signal: Line(300),
});
export type MeasureException = z.output<typeof MeasureException>;

export const ChallengeInput = z.object({
  question: Line(5000),
  /** Who raised it, as a name or office ("Deputy Police and Crime Commissioner"). */
  raisedBy: Line(200),
  /** The day it was raised; today when not given. */
  raisedOn: IsoDate.optional(),
  ownerUserId: z.string().min(1, 'choose who is to answer'),
  dueOn: IsoDate.nullable().default(null),
  meetingId: z.string().nullable().default(null),
  exception: MeasureException.nullable().default(null),
});
export type ChallengeInput = z.input<typeof ChallengeInput>;

export const ChallengePatch = z
  .object({
    ownerUserId: z.string().min(1),
    dueOn: IsoDate.nullable(),
    meetingId: z.string().nullable(),
  })
  .partial();
export type ChallengePatch = z.input<typeof ChallengePatch>;

export const ChallengeAnswer = z.object({ response: Line(10_000) });

export interface Challenge {
  readonly id: string;
  readonly question: string;
  readonly raisedBy: string;
  readonly raisedByUserId: string | null;
  readonly raisedOn: string;
  readonly ownerUserId: string | null;
  readonly dueOn: string | null;
  readonly response: string | null;
  readonly respondedOn: string | null;
  readonly status: ChallengeStatus;
  readonly meetingId: string | null;
  readonly exception: MeasureException | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ChallengesRepo {
  /** Admin or oversight; the owner must be a lead or oversight user. */
  raise(input: ChallengeInput, actor: Actor): Promise<Challenge>;
  byId(id: string): Promise<Challenge | null>;
  /** Soonest due first (no due date last), then newest. */
  list(filter?: {
    status?: ChallengeStatus;
    ownerUserId?: string;
    meetingId?: string;
    measureId?: string;
  }): Promise<Challenge[]>;
  /** Only the owner, while open: the response and today's date; the status becomes answered. */
  answer(id: string, response: string, actor: Actor): Promise<Challenge>;
  /** Close, withdraw or reopen (CHALLENGE_STEPS); INVALID_TRANSITION or NOT_PERMITTED. */
  transition(id: string, to: ChallengeStatus, actor: Actor, note?: string): Promise<Challenge>;
  /** Owner, due date or meeting (admin or oversight), while not finished. */
  update(id: string, patch: ChallengePatch, actor: Actor, note?: string): Promise<Challenge>;
  history(id: string): Promise<HistoryEntry[]>;
}

// ---- Actions from meetings -------------------------------------------------------------------

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Done by its owner (or the office recording it); dropped by the meeting's managers. */
export const ACTION_STEPS: readonly StepRule<ActionStatus>[] = [
  { from: 'open', to: 'done', by: ['owner', 'oversight'], label: 'Done' },
  { from: 'open', to: 'dropped', by: ['oversight', 'admin'], label: 'Dropped' },
];

export const ActionInput = z.object({
  meetingId: z.string().min(1),
  text: Line(2000),
  ownerUserId: z.string().min(1, 'choose who owns the action'),
  dueOn: IsoDate.nullable().default(null),
});
export type ActionInput = z.input<typeof ActionInput>;

export interface MeetingAction {
  readonly id: string;
  readonly meetingId: string;
  readonly text: string;
  readonly ownerUserId: string | null;
  readonly dueOn: string | null;
  readonly status: ActionStatus;
  readonly doneOn: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface MeetingActionsRepo {
  /** Admin or oversight; the owner must be a lead or oversight user. */
  add(input: ActionInput, actor: Actor): Promise<MeetingAction>;
  byId(id: string): Promise<MeetingAction | null>;
  /** Soonest due first (no due date last). */
  list(filter?: {
    meetingId?: string;
    ownerUserId?: string;
    status?: ActionStatus;
  }): Promise<MeetingAction[]>;
  transition(id: string, to: ActionStatus, actor: Actor, note?: string): Promise<MeetingAction>;
  history(id: string): Promise<HistoryEntry[]>;
}

// ---- The due clock ---------------------------------------------------------------------------

export type DueState = 'finished' | 'no_date' | 'overdue' | 'due_soon' | 'on_time';

/**
 * Where a challenge or action stands on its due date: finished once answered, closed,
 * withdrawn, done or dropped (an answered challenge is not overdue even if answered late);
 * overdue once the due date has passed; due soon within DUE_SOON_DAYS (the day itself included).
 */
export function dueState(
  item: { readonly status: ChallengeStatus | ActionStatus; readonly dueOn: string | null },
  today: string,
): DueState {
  if (item.status !== 'open') return 'finished';
  if (item.dueOn === null) return 'no_date';
  const left = daysLeft(item.dueOn, today);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'on_time';
}

export const isOverdue = (
  item: { readonly status: ChallengeStatus | ActionStatus; readonly dueOn: string | null },
  today: string,
): boolean => dueState(item, today) === 'overdue';

/** The steps `who` may take from `status` now. */
export function stepsFor<S extends string>(
  table: readonly StepRule<S>[],
  status: S,
  who: Acting,
  ownerUserId: string | null,
): StepRule<S>[] {
  return table.filter((t) => t.from === status && mayTake(t.by, who, ownerUserId));
}

/**
 * The rule for a step, or a coded refusal: INVALID_TRANSITION (the table has no such step) or
 * NOT_PERMITTED (it has, but not for `who`). `noun` names the item in the messages.
 */
export function checkStep<S extends string>(
  table: readonly StepRule<S>[],
  item: { readonly status: S; readonly ownerUserId: string | null },
  to: S,
  who: Acting,
  noun: string,
): StepRule<S> {
  const rule = table.find((t) => t.from === item.status && t.to === to);
  if (!rule) {
    const next = table.filter((t) => t.from === item.status).map((t) => t.to);
    throw new BluelampError(
      'INVALID_TRANSITION',
      `${noun.replace(/^./, (c) => c.toUpperCase())} that is ${item.status} cannot become ${to}.`,
      {
        hint: next.length
          ? `From ${item.status} it can become: ${next.join(', ')}.`
          : `${noun.replace(/^./, (c) => c.toUpperCase())} that is ${item.status} is finished.`,
      },
    );
  }
  if (!mayTake(rule.by, who, item.ownerUserId)) {
    const roles = rule.by.filter((b) => b !== 'owner');
    throw new BluelampError(
      'NOT_PERMITTED',
      `You cannot make this ${noun.replace(/^an? /, '')} ${to}.`,
      {
        hint: rule.by.includes('owner')
          ? `Only the person it is assigned to${roles.length ? ` or a user with the ${roles.join(' or ')} role` : ''} can.`
          : `Only a user with the ${roles.join(' or ')} role can.`,
      },
    );
  }
  return rule;
}

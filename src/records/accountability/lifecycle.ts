import { BluelampError } from '../../lib/errors.ts';
import type { Role } from '../api.ts';

/**
 * The lifecycle of a finding (a recommendation, area for improvement or cause of concern), as
 * data: which step may follow which, and who may take it. Pure, so every allowed and refused
 * step is tested from this one table (test/records/accountability*.test.ts) and pages can ask
 * "what may this user do next?" without repeating the rule.
 */
export const FINDING_STATUSES = [
  'awaiting_allocation',
  'allocated',
  'in_progress',
  'evidence_submitted',
  'approved_for_closure',
  'closed',
  'superseded',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Closed and superseded are the end: nothing follows them. */
export const OPEN_STATUSES: readonly FindingStatus[] = FINDING_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'superseded',
);

/**
 * Who takes a step: a role, or `owner` (a lead who is the finding's strategic lead; a lead who
 * is not cannot move someone else's finding). The command line and the system (the demo
 * loader, a tracker import) may take any step the table allows.
 */
export type Taker = Exclude<Role, 'lead'> | 'owner';

export interface TransitionRule {
  readonly from: FindingStatus;
  readonly to: FindingStatus;
  readonly by: readonly Taker[];
  /** What the step means, for the timeline. */
  readonly label: string;
}

const step = (
  from: FindingStatus,
  to: FindingStatus,
  by: readonly Taker[],
  label: string,
): TransitionRule => ({ from, to, by, label });

export const TRANSITIONS: readonly TransitionRule[] = [
  step('awaiting_allocation', 'allocated', ['admin'], 'Allocated to a strategic lead'),
  step('allocated', 'in_progress', ['owner'], 'Work started'),
  step('in_progress', 'evidence_submitted', ['owner'], 'Evidence submitted for closure'),
  step('evidence_submitted', 'in_progress', ['oversight'], 'Closure declined: more work needed'),
  step('evidence_submitted', 'approved_for_closure', ['oversight'], 'Closure approved'),
  step('approved_for_closure', 'closed', ['oversight', 'admin'], 'Closed'),
  // Later work (a new inspection, a national change) can replace any finding still open.
  ...OPEN_STATUSES.map((from) =>
    step(from, 'superseded', ['oversight', 'admin'], 'Superseded by later work'),
  ),
];

/** Who may change the other things kept on a finding. */
export const ACTIONS = {
  /** Record a new finding of a report (the policing body's office enters them too). */
  add: ['admin', 'oversight'],
  /** Its text, due date, scope or strategic lead. */
  update: ['admin'],
  /** A dated progress update with evidence. */
  add_evidence: ['owner'],
} as const satisfies Record<string, readonly Taker[]>;
export type FindingAction = keyof typeof ACTIONS;

/** Who is acting: a user's role and id, or the command line / system (`role` null). */
export interface ActingAs {
  readonly role: Role | null;
  readonly userId: string | null;
}

const words = (s: FindingStatus) => s.replaceAll('_', ' ');

export function ruleFor(from: FindingStatus, to: FindingStatus): TransitionRule | null {
  return TRANSITIONS.find((t) => t.from === from && t.to === to) ?? null;
}

/** Whether `who` is one of `by`, for a finding led by `leadUserId`. */
export function takes(by: readonly Taker[], who: ActingAs, leadUserId: string | null): boolean {
  if (who.role === null) return true;
  if (who.role === 'lead') return by.includes('owner') && leadUserId === who.userId;
  return by.includes(who.role);
}

/** The steps `who` may take from `status` now. */
export function nextSteps(
  status: FindingStatus,
  who: ActingAs,
  leadUserId: string | null,
): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === status && takes(t.by, who, leadUserId));
}

/** The rule for a step, or a coded refusal: INVALID_TRANSITION, or NOT_PERMITTED by role. */
export function checkTransition(
  item: { readonly status: FindingStatus; readonly leadUserId: string | null },
  to: FindingStatus,
  who: ActingAs,
): TransitionRule {
  const rule = ruleFor(item.status, to);
  if (!rule) {
    const allowed = TRANSITIONS.filter((t) => t.from === item.status).map((t) => words(t.to));
    throw new BluelampError(
      'INVALID_TRANSITION',
      `A finding that is ${words(item.status)} cannot become ${words(to)}.`,
      {
        hint: allowed.length
          ? `From ${words(item.status)} it can become: ${allowed.join(', ')}.`
          : `A finding that is ${words(item.status)} is finished.`,
      },
    );
  }
  if (!takes(rule.by, who, item.leadUserId))
    throw notPermitted(rule.by, `You cannot move this finding to ${words(to)}.`);
  return rule;
}

export function checkAction(action: FindingAction, who: ActingAs, leadUserId: string | null): void {
  if (!takes(ACTIONS[action], who, leadUserId))
    throw notPermitted(ACTIONS[action], ACTION_REFUSED[action]);
}

const ACTION_REFUSED: Record<FindingAction, string> = {
  add: 'You cannot record a finding.',
  update: 'You cannot change this finding.',
  add_evidence: 'You cannot add evidence to this finding.',
};

function notPermitted(by: readonly Taker[], message: string): BluelampError {
  const names = by.map((b) =>
    b === 'owner' ? "the finding's strategic lead" : `a user with the ${b} role`,
  );
  return new BluelampError('NOT_PERMITTED', message, {
    hint: `Only ${names.join(' or ')} can.`,
  });
}

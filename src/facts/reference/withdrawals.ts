/**
 * Why and when victims withdraw their support for a case: the vocabulary of the
 * `victim_withdrawals` table. The joint inspection of the response to rape (seed 002,
 * recommendation 3) asked forces to record the stages when, and the reasons why, a victim may
 * withdraw support, so that outcome 16 ("victim does not support further action") can be acted
 * on. The lists are reference data: a force's own reason codes are mapped onto these on export.
 */

/** The stage of the case the victim withdrew at, in the order a case passes through them. */
export const WITHDRAWAL_STAGES = [
  {
    stage: 'report',
    label: 'At report',
    description: 'When reporting, or before any investigation',
  },
  {
    stage: 'investigation',
    label: 'During the investigation',
    description: 'While the police investigated, before a file went for a charging decision',
  },
  {
    stage: 'pre_charge',
    label: 'Before charge',
    description: 'While a charging decision was awaited (police or CPS)',
  },
  {
    stage: 'post_charge',
    label: 'After charge',
    description: 'After the suspect was charged, before or at trial',
  },
] as const;

export type WithdrawalStage = (typeof WITHDRAWAL_STAGES)[number]['stage'];

/** Why the victim withdrew, as the victim gave it (or `not_recorded`). */
export const WITHDRAWAL_REASONS = [
  {
    reason: 'fear_of_reprisal',
    label: 'Fear of reprisal',
    description: 'Afraid of what the suspect or others would do',
  },
  {
    reason: 'relationship_with_suspect',
    label: 'Relationship with the suspect',
    description: 'Reconciled with, or depends on, the suspect (partner, family, carer)',
  },
  {
    reason: 'lack_of_confidence',
    label: 'Lack of confidence in the process',
    description: 'Does not believe the police or the courts will help',
  },
  {
    reason: 'process_too_long',
    label: 'The process is taking too long',
    description: 'Delays in the investigation, the charging decision or the trial',
  },
  {
    reason: 'wants_to_move_on',
    label: 'Wants to move on',
    description: 'Wants to put it behind them',
  },
  {
    reason: 'pressure_from_others',
    label: 'Pressure from others',
    description: 'Pressed by family, friends or the community to withdraw',
  },
  { reason: 'other', label: 'Another reason', description: 'A reason not listed here' },
  {
    reason: 'not_recorded',
    label: 'Reason not recorded',
    description: 'The withdrawal is recorded but not why',
  },
] as const;

export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number]['reason'];

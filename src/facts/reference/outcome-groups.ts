import reference from './police-reference.json' with { type: 'json' };

/**
 * Home Office outcome types from the reference vocabulary, with the report grouping
 * MEASURES.md's outcome table uses. Type 0 ("not yet assigned") is a statistical row in
 * published tables, not an outcome a force assigns, so it is not accepted on import.
 */
export type OutcomeReportGroup =
  'action_taken' | 'evidential_victim_supports' | 'evidential_victim_does_not_support' | 'other';

/** MEASURES.md action_taken_rate: outcomes 1, 1A, 2, 2A, 3, 3A, 4, 6, 7, 8. */
export const ACTION_TAKEN_TYPES = ['1', '1A', '2', '2A', '3', '3A', '4', '6', '7', '8'] as const;

/**
 * The Home Office outcome type codes a force assigns (the reference vocabulary without type 0), as
 * literal types so a measure's filter on `outcome_type` is checked when it compiles. A test holds
 * this list equal to the reference data's.
 */
export const OUTCOME_TYPE_CODES = [
  '1',
  '1A',
  '2',
  '2A',
  '3',
  '3A',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
] as const;
export type OutcomeTypeCode = (typeof OUTCOME_TYPE_CODES)[number];

export interface OutcomeType {
  readonly outcomeType: string;
  readonly shortName: string;
  readonly outcomeGroup: string;
  readonly reportGroup: OutcomeReportGroup;
  readonly actionTaken: boolean;
}

function reportGroupOf(type: string): OutcomeReportGroup {
  if ((ACTION_TAKEN_TYPES as readonly string[]).includes(type)) return 'action_taken';
  if (type === '15') return 'evidential_victim_supports';
  if (type === '14' || type === '16') return 'evidential_victim_does_not_support';
  return 'other';
}

export const OUTCOME_TYPES: readonly OutcomeType[] = reference.homeOffice.outcomeTypes
  .filter((o) => o.type !== '0')
  .map((o) => ({
    outcomeType: o.type,
    shortName: o.shortName,
    outcomeGroup: o.outcomeGroup ?? 'Not in force outcome groups',
    reportGroup: reportGroupOf(o.type),
    actionTaken: reportGroupOf(o.type) === 'action_taken',
  }));

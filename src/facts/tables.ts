/**
 * The import format: one typed object per fact table. Everything else — the DuckDB
 * schema, the validation SQL, the exporters, docs/data-format.md and the demo writer —
 * is derived from these declarations, so a column exists in exactly one place.
 */

import { OFFENCE_SUBGROUPS } from './reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from './reference/outcome-groups.ts';
import { WITHDRAWAL_REASONS, WITHDRAWAL_STAGES } from './reference/withdrawals.ts';

export type ColumnType =
  | 'id' // non-empty text identifier (pseudonymous)
  | 'text'
  | 'integer'
  | 'decimal'
  | 'boolean' // true|false|yes|no|1|0|y|n, any case
  | 'date' // YYYY-MM-DD
  | 'timestamp' // ISO 8601 to the millisecond; Europe/London wall time when no offset; stored as London local time
  | 'month' // YYYY-MM
  | 'enum';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** Allowed values for `enum` (compared exactly, after trimming). */
  readonly values?: readonly string[];
  /** Allowed values come from a reference table column (`ref_table.column`). */
  readonly refValues?: string;
  /** What the allowed values are, for the message ("must be <hint>"); default: the list. */
  readonly valuesHint?: string;
  /** Must exist in another fact table (checked against the store at import). */
  readonly references?: { readonly table: string; readonly column: string };
  readonly min?: number;
  readonly max?: number;
  /** Text pattern (a DuckDB regular expression, full match). */
  readonly pattern?: string;
  readonly patternHint?: string;
  /** Further rules over the column's text as given (named by the column), TRUE when broken. */
  readonly checks?: readonly ColumnCheck[];
  /**
   * An optional column added after files of its table were first written: a file may leave it
   * out of its header (its rows then hold nothing in it), so files made before it still import,
   * and a store made before it gains it when opened. Never for a required column.
   */
  readonly optionalInHeader?: boolean;
  readonly description: string;
  readonly example: string;
}

export interface ColumnCheck {
  readonly rule: string;
  readonly brokenWhen: string;
}

/** A rule over several columns of one row, written as a SQL condition that is TRUE when the row breaks it. */
export interface RowRule {
  readonly column: string;
  readonly rule: string;
  readonly brokenWhen: string;
}

export interface TableSpec {
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
  /** Columns that identify a row; duplicates within the store (other batches) or the batch are errors. */
  readonly key: readonly string[];
  /** The column that dates a row, for status and freshness. */
  readonly dateColumn: string;
  readonly rowRules?: readonly RowRule[];
}

const YES_NO_NA = ['yes', 'no', 'n/a'] as const;
/** A calendar month 01–12 after a four-digit year (a regular expression). */
const MONTH = '\\d{4}-(0[1-9]|1[0-2])';
export const SEX = ['male', 'female', 'other', 'not_stated'] as const;
export const AGE_BANDS = [
  '0-17',
  '18-24',
  '25-34',
  '35-44',
  '45-54',
  '55-64',
  '65+',
  'not_stated',
] as const;
export const ETHNICITY = ['white', 'mixed', 'asian', 'black', 'other', 'not_stated'] as const;
export const DISABILITY = ['yes', 'no', 'not_stated'] as const;
/**
 * Where a Victims' Code audit found a support need: referred within 2 days, referred but later
 * (`late`), not referred at all, or not applicable — seed 002 reports "not referred" (15%) apart
 * from "referred late" (7%), which `referred_within_2_days` alone cannot tell apart.
 */
export const REFERRAL_OUTCOMES = ['within_2_days', 'late', 'not_referred', 'na'] as const;

/**
 * SQL for a person's age in whole years on a day (a birthday not yet reached that year is not
 * counted; someone born on 29 February is a year older on 1 March in other years), and its band
 * of AGE_BANDS: the Victims' Code audit's age band from a date of birth (src/victims).
 */
export const ageInYearsSql = (dob: string, on: string): string =>
  `(year(${on}) - year(${dob}) - CASE WHEN strftime(${on}, '%m-%d') < strftime(${dob}, '%m-%d') THEN 1 ELSE 0 END)`;
export const ageBandSql = (age: string): string =>
  `CASE ${AGE_BANDS.filter((b) => b !== 'not_stated' && b !== '65+')
    .map((b) => `WHEN ${age} <= ${b.split('-')[1]} THEN '${b}'`)
    .join(' ')} ELSE '65+' END`;
/** A Victims' Code audit's age band: as given, else from the date of birth at the audit date. */
export const auditAgeBandSql = (alias: string): string =>
  `coalesce(${alias}.victim_age_band, CASE WHEN ${alias}.victim_date_of_birth <= ${alias}.audited_at THEN ${ageBandSql(ageInYearsSql(`${alias}.victim_date_of_birth`, `${alias}.audited_at`))} END)`;
export const SURVEYS = [
  'burglary',
  'violent',
  'hate',
  'domestic_abuse',
  'rtc',
  'perception',
  'sms',
] as const;
export const CRIME_FLAGS = [
  'domestic_abuse',
  'hate',
  'cse',
  'vulnerable_adult',
  'child_at_risk',
  'cyber_enabled',
  'alcohol_related',
  'non_recent',
  'course_of_conduct',
] as const;

// Generic in the name so column names stay literal types (the measure filters are typed by them).
const flag = <const N extends string>(name: N, what: string) =>
  ({
    name,
    type: 'boolean',
    required: true,
    description: `Crime carries the ${what} marker`,
    example: 'false',
  }) as const;

const crimeRef = (required: boolean, description: string) =>
  ({
    name: 'crime_id',
    type: 'id',
    required,
    references: { table: 'crimes', column: 'crime_id' },
    description,
    example: 'CR-000123',
  }) as const;

const personRef = {
  name: 'person_id',
  type: 'id',
  required: true,
  references: { table: 'people', column: 'person_id' },
  description: 'Pseudonymous person id; must be in `people`',
  example: 'P-004512',
} as const;

const lpa = (required: boolean) =>
  ({
    name: 'lpa',
    type: 'text',
    required,
    description: 'Local policing area name',
    example: 'North',
  }) as const;

const yesNoNa = <const N extends string>(name: N, description: string) =>
  ({ name, type: 'enum', required: true, values: YES_NO_NA, description, example: 'yes' }) as const;

export const TABLES = {
  crimes: {
    description:
      'Notifiable crimes and crimed incidents as recorded, one row per crime, with Home Office offence subgroup and markers.',
    key: ['crime_id'],
    dateColumn: 'recorded_at',
    columns: [
      {
        name: 'crime_id',
        type: 'id',
        required: true,
        description: 'Pseudonymous crime reference',
        example: 'CR-000123',
      },
      {
        name: 'recorded_at',
        type: 'timestamp',
        required: true,
        description: 'When the crime was recorded',
        example: '2021-04-03T14:20:00',
      },
      {
        name: 'offence_code',
        type: 'text',
        required: true,
        description: 'Home Office offence classification code',
        example: '8N',
      },
      {
        name: 'offence_description',
        type: 'text',
        description: 'Offence title',
        example: 'Assault without injury',
      },
      {
        name: 'offence_subgroup',
        type: 'enum',
        required: true,
        values: OFFENCE_SUBGROUPS.map((s) => s.subgroup),
        description: 'Home Office offence subgroup (see the list below)',
        example: 'Violence without injury',
      },
      lpa(true),
      {
        name: 'neighbourhood',
        type: 'text',
        description: 'Safer neighbourhood area',
        example: 'North 03',
      },
      {
        name: 'victim_based',
        type: 'boolean',
        required: true,
        description: 'In a Home Office victim-based offence group',
        example: 'true',
      },
      flag('domestic_abuse', 'domestic abuse'),
      flag('hate', 'hate crime'),
      flag('cse', 'child sexual exploitation'),
      flag('vulnerable_adult', 'vulnerable adult'),
      flag('child_at_risk', 'child at risk'),
      flag('cyber_enabled', 'cyber-enabled'),
      flag('alcohol_related', 'alcohol-related'),
      flag('non_recent', 'non-recent'),
      flag('course_of_conduct', 'course of conduct'),
      {
        name: 'crimed_incident',
        type: 'boolean',
        required: true,
        description:
          'A crimed incident (crime marker, not a notifiable crime): counted only where a measure says "crimes and crimed incidents"',
        example: 'false',
      },
    ],
    rowRules: [
      {
        column: 'victim_based',
        rule: "must agree with the offence subgroup's Home Office offence group",
        brokenWhen: `victim_based <> (offence_subgroup IN (${OFFENCE_SUBGROUPS.filter(
          (s) => s.victimBased,
        )
          .map((s) => `'${s.subgroup}'`)
          .join(', ')}))`,
      },
    ],
  },
  people: {
    description:
      'People linked to crimes as victims or suspects. Ids are pseudonymous; empty characteristics mean "not recorded".',
    key: ['person_id'],
    dateColumn: '',
    columns: [
      {
        name: 'person_id',
        type: 'id',
        required: true,
        description: 'Pseudonymous person id',
        example: 'P-004512',
      },
      {
        name: 'sex',
        type: 'enum',
        values: SEX,
        description: 'Sex; empty = not recorded',
        example: 'female',
      },
      {
        name: 'age_band',
        type: 'enum',
        values: AGE_BANDS,
        description: 'Age band at first contact; empty = not recorded',
        example: '25-34',
      },
      {
        name: 'date_of_birth',
        type: 'date',
        description: 'Date of birth; empty = not recorded',
        example: '1990-05-17',
      },
      {
        name: 'ethnicity',
        type: 'enum',
        values: ETHNICITY,
        description: 'ONS 5-group ethnicity or not_stated; empty = not recorded',
        example: 'white',
      },
      {
        name: 'disability',
        type: 'enum',
        values: DISABILITY,
        description: 'Disability; empty = not recorded',
        example: 'no',
      },
    ],
  },
  crime_victims: {
    description: 'Which people are victims of which crimes.',
    key: ['crime_id', 'person_id'],
    dateColumn: '',
    columns: [crimeRef(true, 'Crime; must be in `crimes`'), personRef],
  },
  crime_suspects: {
    description: 'Which people are suspects for which crimes.',
    key: ['crime_id', 'person_id'],
    dateColumn: '',
    columns: [crimeRef(true, 'Crime; must be in `crimes`'), personRef],
  },
  outcomes: {
    description:
      'The Home Office outcome assigned to a crime (one per crime), dated when it was assigned.',
    key: ['crime_id'],
    dateColumn: 'outcome_at',
    columns: [
      crimeRef(true, 'Crime; must be in `crimes`'),
      {
        name: 'outcome_type',
        type: 'enum',
        required: true,
        values: OUTCOME_TYPES.map((o) => o.outcomeType),
        description: 'Home Office outcome type: 1, 1A, 2, 2A, 3, 3A, 4–22',
        example: '16',
      },
      {
        name: 'outcome_at',
        type: 'timestamp',
        required: true,
        description: 'When the outcome was assigned',
        example: '2021-05-10T09:00:00',
      },
    ],
  },
  arrests: {
    description: 'Arrests, linked to a person and (where known) a crime.',
    key: ['arrest_id'],
    dateColumn: 'arrested_at',
    columns: [
      {
        name: 'arrest_id',
        type: 'id',
        required: true,
        description: 'Arrest id',
        example: 'A-1001',
      },
      personRef,
      crimeRef(false, 'Crime the arrest was for; empty when not linked'),
      {
        name: 'arrested_at',
        type: 'timestamp',
        required: true,
        description: 'Time of arrest',
        example: '2021-04-05T22:10:00',
      },
      {
        name: 'domestic_abuse',
        type: 'boolean',
        required: true,
        description: 'Arrest for a domestic abuse matter',
        example: 'true',
      },
    ],
  },
  incidents: {
    description: 'Incidents logged by the control room, with when a resource was assigned.',
    key: ['incident_id'],
    dateColumn: 'opened_at',
    columns: [
      {
        name: 'incident_id',
        type: 'id',
        required: true,
        description: 'Incident log id',
        example: 'I-20210401-0001',
      },
      {
        name: 'opened_at',
        type: 'timestamp',
        required: true,
        description: 'When the incident was opened',
        example: '2021-04-01T05:40:00',
      },
      {
        name: 'resourced_at',
        type: 'timestamp',
        description: 'When a resource was assigned; empty if never',
        example: '2021-04-01T07:15:00',
      },
      {
        name: 'closed_at',
        type: 'timestamp',
        description: 'When the incident was closed; empty if open',
        example: '2021-04-01T09:00:00',
      },
      lpa(true),
      {
        name: 'category',
        type: 'text',
        required: true,
        description: 'Opening category',
        example: 'Concern for safety',
      },
      {
        name: 'grade',
        type: 'enum',
        required: true,
        values: ['immediate', 'priority', 'scheduled', 'no_deployment'],
        description: 'Response grade',
        example: 'priority',
      },
      {
        name: 'anti_social_behaviour',
        type: 'boolean',
        required: true,
        description: 'Closed as anti-social behaviour',
        example: 'false',
      },
    ],
    rowRules: [
      {
        column: 'resourced_at',
        rule: 'must not be before opened_at',
        brokenWhen: 'resourced_at < opened_at',
      },
      {
        column: 'closed_at',
        rule: 'must not be before opened_at',
        brokenWhen: 'closed_at < opened_at',
      },
    ],
  },
  calls: {
    description: 'Calls offered to the 999 and 101 lines.',
    key: ['call_id'],
    dateColumn: 'offered_at',
    columns: [
      { name: 'call_id', type: 'id', required: true, description: 'Call id', example: 'C-88121' },
      {
        name: 'line',
        type: 'enum',
        required: true,
        values: ['999', '101'],
        description: 'Emergency (999) or non-emergency (101)',
        example: '999',
      },
      {
        name: 'offered_at',
        type: 'timestamp',
        required: true,
        description: 'When the call was presented to the control room',
        example: '2021-06-01T18:03:11',
      },
      {
        name: 'answered_after_seconds',
        type: 'integer',
        min: 0,
        max: 86400,
        description: 'Seconds from offer to answer; empty = abandoned',
        example: '6',
      },
    ],
  },
  survey_responses: {
    description:
      "Victim satisfaction, perception and SMS survey answers in long format: one row per answer, so new questions need no schema change. Free text uses the same shape. Reserved questions: `send_id` (the answer is the `survey_sends` send this response answers; how response rates are counted), and the respondent's own `respondent_sex`, `respondent_age_band`, `respondent_ethnicity`, `respondent_disability` (answers from the `people` vocabularies; a respondent who gives none has not given demographics).",
    key: ['response_id', 'question'],
    dateColumn: 'interviewed_at',
    columns: [
      {
        name: 'response_id',
        type: 'id',
        required: true,
        description: 'One survey interview',
        example: 'S-5521',
      },
      {
        name: 'survey',
        type: 'enum',
        required: true,
        values: SURVEYS,
        description: 'Which survey',
        example: 'burglary',
      },
      crimeRef(false, 'Crime the victim survey is about; empty for perception surveys'),
      lpa(false),
      {
        name: 'neighbourhood',
        type: 'text',
        description: 'Safer neighbourhood area',
        example: 'North 03',
      },
      {
        name: 'interviewed_at',
        type: 'timestamp',
        required: true,
        description: 'Interview date and time',
        example: '2021-05-20T11:00:00',
      },
      {
        name: 'question',
        type: 'text',
        required: true,
        pattern: '[a-z0-9_]+',
        patternHint: 'snake_case question id',
        description: 'Question id, e.g. whole_experience, stage_initial_report, went_well',
        example: 'whole_experience',
      },
      {
        name: 'answer',
        type: 'text',
        description: 'The answer as given (a scale label, or free text)',
        example: 'Very satisfied',
      },
    ],
  },
  survey_sends: {
    description:
      'Surveys sent: one row per SMS sent after a contact, or per victim invited to interview, answered or not. A response names its send in the `send_id` question of `survey_responses`; sends with no response are what response rates are counted against. Team and staff id are for the team and individual views (analysts and administrators only).',
    key: ['send_id'],
    dateColumn: 'sent_at',
    columns: [
      {
        name: 'send_id',
        type: 'id',
        required: true,
        description: 'One survey sent (pseudonymous)',
        example: 'SMS-0004521',
      },
      {
        name: 'survey',
        type: 'enum',
        required: true,
        values: SURVEYS,
        description: 'Which survey',
        example: 'sms',
      },
      {
        name: 'sent_at',
        type: 'timestamp',
        required: true,
        description:
          'When it was sent; the SMS survey goes within hours of the contact, so its day and hour are those of the contact',
        example: '2021-05-20T14:05:00',
      },
      lpa(false),
      {
        name: 'neighbourhood',
        type: 'text',
        description: 'Safer neighbourhood area',
        example: 'North 03',
      },
      crimeRef(false, 'Crime the contact or the victim survey is about; empty if none'),
      {
        name: 'incident_id',
        type: 'id',
        description:
          'Control-room incident log the contact was about; empty if none (not checked against `incidents`, which may hold other logs)',
        example: 'I-20210520-0142',
      },
      {
        name: 'incident_type',
        type: 'text',
        description:
          "What the contact was about, as the survey platform holds it (e.g. the incident's opening category); empty = the crime's offence subgroup, when a crime is given",
        example: 'Concern for safety',
      },
      {
        name: 'team',
        type: 'text',
        description: 'Team that dealt with the contact',
        example: 'Contact Team 3',
      },
      {
        name: 'staff_id',
        type: 'id',
        description:
          'Pseudonymous id of the officer or member of staff who dealt with the contact; never a name',
        example: 'ST-0147',
      },
    ],
  },
  referrals: {
    description: 'Referrals of victims to support services.',
    key: ['crime_id', 'service', 'referred_at'],
    dateColumn: 'referred_at',
    columns: [
      crimeRef(true, 'Crime the victim was referred for'),
      {
        name: 'service',
        type: 'text',
        required: true,
        description: 'Service referred to',
        example: 'Victim Advice Line',
      },
      {
        name: 'referred_at',
        type: 'timestamp',
        required: true,
        description: 'When the referral was made',
        example: '2021-04-02T10:00:00',
      },
    ],
  },
  victims_code_audits: {
    description:
      "Audited cases against the Victims' Code of Practice, one row per case (seed 002's self-assessment audit). `referral` and `victim_date_of_birth` came later: files without them still import.",
    key: ['case_id'],
    dateColumn: 'audited_at',
    columns: [
      {
        name: 'case_id',
        type: 'id',
        required: true,
        description: 'Audit case id',
        example: 'VC-101',
      },
      crimeRef(false, 'Crime audited'),
      {
        name: 'audited_at',
        type: 'date',
        required: true,
        description: 'Audit date',
        example: '2021-06-14',
      },
      lpa(true),
      yesNoNa('acknowledgement', 'Victim acknowledged'),
      yesNoNa('updates_timely', 'Updates given in time'),
      yesNoNa('vps_offered', 'Victim Personal Statement offered'),
      yesNoNa('need_identified', 'A support need was identified'),
      yesNoNa(
        'referred_within_2_days',
        'Referred within 2 days of the need (`no` = late or not referred; `referral` tells which)',
      ),
      {
        name: 'referral',
        type: 'enum',
        values: REFERRAL_OUTCOMES,
        optionalInHeader: true,
        description:
          'Where a need was identified: referred `within_2_days`, referred `late`, `not_referred` at all, or `na`; empty (or no column, as in files made before it) = not told apart',
        example: 'within_2_days',
      },
      yesNoNa('informed_code', "Told about the Victims' Code"),
      yesNoNa('informed_end_of_journey', 'Told of the end of the criminal justice journey'),
      {
        name: 'victim_sex',
        type: 'enum',
        values: SEX,
        description: 'Victim sex',
        example: 'female',
      },
      {
        name: 'victim_date_of_birth',
        type: 'date',
        optionalInHeader: true,
        description:
          "Victim's date of birth, for the age band at the audit date when `victim_age_band` is empty. Personal data: only the band is ever shown",
        example: '1984-02-11',
      },
      {
        name: 'victim_age_band',
        type: 'enum',
        values: AGE_BANDS,
        description: 'Victim age band; empty = from `victim_date_of_birth`, if given',
        example: '35-44',
      },
      {
        name: 'victim_ethnicity',
        type: 'enum',
        values: ETHNICITY,
        description: 'Victim ethnicity, ONS 5 groups or `not_stated`',
        example: 'white',
      },
    ],
    rowRules: [
      {
        column: 'referral',
        rule: 'must agree with referred_within_2_days (within_2_days = yes; late or not_referred = no; na = n/a)',
        brokenWhen: `referral IS NOT NULL AND NOT ((referral = 'within_2_days' AND referred_within_2_days = 'yes') OR (referral IN ('late', 'not_referred') AND referred_within_2_days = 'no') OR (referral = 'na' AND referred_within_2_days = 'n/a'))`,
      },
      {
        column: 'victim_date_of_birth',
        rule: 'must not be after audited_at',
        brokenWhen: 'victim_date_of_birth > audited_at',
      },
      {
        column: 'victim_age_band',
        rule: "must agree with victim_date_of_birth (the victim's age on audited_at)",
        brokenWhen: `victim_age_band IS NOT NULL AND victim_date_of_birth IS NOT NULL AND victim_date_of_birth <= audited_at AND victim_age_band <> (${ageBandSql(ageInYearsSql('victim_date_of_birth', 'audited_at'))})`,
      },
    ],
  },
  victim_withdrawals: {
    description:
      'Victims withdrawing their support for a case: when, at which stage and why (seed 002: the joint inspection of the response to rape asked forces to record the stages when, and reasons why, victims withdraw, beside outcome 16). One row per withdrawal; reasons and stages are listed below.',
    key: ['withdrawal_id'],
    dateColumn: 'withdrew_at',
    columns: [
      {
        name: 'withdrawal_id',
        type: 'id',
        required: true,
        description: 'Withdrawal record id',
        example: 'W-000101',
      },
      crimeRef(true, 'Crime the victim withdrew support for; must be in `crimes`'),
      {
        name: 'withdrew_at',
        type: 'date',
        required: true,
        description: 'When the victim withdrew support',
        example: '2021-05-02',
      },
      {
        name: 'stage',
        type: 'enum',
        required: true,
        values: WITHDRAWAL_STAGES.map((s) => s.stage),
        description: 'Stage of the case at withdrawal (see the list below)',
        example: 'investigation',
      },
      {
        name: 'reason',
        type: 'enum',
        required: true,
        values: WITHDRAWAL_REASONS.map((r) => r.reason),
        description: 'Why, from the list below; `not_recorded` when no reason was recorded',
        example: 'fear_of_reprisal',
      },
    ],
  },
  cdi_audits: {
    description:
      'Crime data integrity audits: crimes that should have been recorded vs were recorded.',
    key: ['audit_id'],
    dateColumn: 'audited_at',
    columns: [
      { name: 'audit_id', type: 'id', required: true, description: 'Audit id', example: 'CDI-07' },
      {
        name: 'audited_at',
        type: 'date',
        required: true,
        description: 'Audit date',
        example: '2020-11-30',
      },
      {
        name: 'crime_group',
        type: 'text',
        required: true,
        description: 'Crime group audited',
        example: 'Violence against the person',
      },
      {
        name: 'crimes_expected',
        type: 'integer',
        required: true,
        min: 0,
        description: 'Crimes that should have been recorded',
        example: '120',
      },
      {
        name: 'crimes_recorded',
        type: 'integer',
        required: true,
        min: 0,
        description: 'Of those, crimes recorded',
        example: '101',
      },
    ],
    rowRules: [
      {
        column: 'crimes_recorded',
        rule: 'must not exceed crimes_expected',
        brokenWhen: 'crimes_recorded > crimes_expected',
      },
    ],
  },
  casualties: {
    description: 'Road casualties (STATS19 severity).',
    key: ['casualty_id'],
    dateColumn: 'collision_at',
    columns: [
      {
        name: 'casualty_id',
        type: 'id',
        required: true,
        description: 'Casualty id',
        example: 'RTC-9-1',
      },
      {
        name: 'collision_at',
        type: 'timestamp',
        required: true,
        description: 'Collision time',
        example: '2021-05-02T17:45:00',
      },
      lpa(true),
      {
        name: 'severity',
        type: 'enum',
        required: true,
        values: ['fatal', 'serious', 'slight'],
        description: 'STATS19 casualty severity',
        example: 'serious',
      },
      {
        name: 'road_user',
        type: 'text',
        description: 'Pedestrian, cyclist, driver …',
        example: 'pedestrian',
      },
    ],
  },
  returns: {
    description:
      'Manual returns: measures not computable from records (workforce, organised crime disruptions …), signed by who submitted them.',
    key: ['measure_id', 'period', 'lpa'],
    dateColumn: '',
    columns: [
      {
        name: 'measure_id',
        type: 'enum',
        required: true,
        refValues: 'ref_return_measures.measure_id',
        valuesHint: 'a measure id from the catalogue',
        description: 'Measure id: one of the measures that take returns (listed below)',
        example: 'female_officers_pct',
      },
      {
        name: 'period',
        type: 'text',
        required: true,
        pattern: `${MONTH}|\\d{4}/\\d{2}(-Q[1-4])?|([1-9]|[12][0-9]|3[0-6])m-to-${MONTH}|ytd-to-${MONTH}`,
        patternHint: 'YYYY-MM, YYYY/YY, YYYY/YY-Qn, Nm-to-YYYY-MM or ytd-to-YYYY-MM',
        checks: [
          {
            rule: 'must name consecutive years, e.g. 2021/22',
            brokenWhen: `regexp_full_match(period, '\\d{4}/\\d{2}(-Q[1-4])?') AND (TRY_CAST(period[1:4] AS INTEGER) + 1) % 100 <> TRY_CAST(period[6:7] AS INTEGER)`,
          },
        ],
        description:
          'Period the value is for, as the scorecard names it: month, financial year or quarter, rolling months (1–36) or year to date',
        example: '2021/22-Q1',
      },
      {
        name: 'lpa',
        type: 'text',
        description: 'Local policing area; empty = whole force',
        example: '',
      },
      {
        name: 'value',
        type: 'decimal',
        required: true,
        description: 'The value (percentages as fractions 0–1: 33.3% is 0.333)',
        example: '0.333',
      },
      { name: 'numerator', type: 'decimal', description: 'Numerator where known', example: '763' },
      {
        name: 'denominator',
        type: 'decimal',
        description: 'Denominator where known',
        example: '2290',
      },
      {
        name: 'source',
        type: 'text',
        required: true,
        description: 'Where the figure comes from',
        example: 'HR system, workforce return',
      },
      {
        name: 'submitted_by',
        type: 'text',
        required: true,
        description: 'Who submitted it (role or name)',
        example: 'Head of HR',
      },
      {
        name: 'submitted_at',
        type: 'timestamp',
        description: 'When it was submitted; empty = time of import',
        example: '2021-07-05T12:00:00',
      },
    ],
    rowRules: [
      {
        column: 'value',
        rule: 'must be a fraction between 0 and 1 for a percentage measure (33.3% is 0.333)',
        brokenWhen:
          'measure_id IN (SELECT measure_id FROM ref_return_measures WHERE fraction) AND (value < 0 OR value > 1)',
      },
    ],
  },
  staff_names: {
    description:
      'The force\'s own officers and staff by name, the gazetteer of the redaction of free text (src/voice): a survey comment that names one of them without a rank ("Jo Bloggs came round") is still redacted as [officer]. Personal data: read by the redaction only, never shown on a page or in a report, never logged. Two people of the same name are told apart by their collar numbers.',
    key: ['given_name', 'family_name', 'collar'],
    dateColumn: '',
    columns: [
      {
        name: 'given_name',
        type: 'text',
        required: true,
        description: 'Given name as people know them (Jo rather than Joanne, if so)',
        example: 'Jo',
      },
      {
        name: 'family_name',
        type: 'text',
        required: true,
        description: 'Family name',
        example: 'Bloggs',
      },
      {
        name: 'rank',
        type: 'text',
        description: 'Rank or role (PC, PCSO, Sergeant, call handler …); empty = none recorded',
        example: 'Sergeant',
      },
      {
        name: 'collar',
        type: 'text',
        pattern: '[A-Za-z]{0,3}[0-9]{2,7}',
        patternHint: 'up to three letters then 2 to 7 digits, e.g. 2231 or NE2231',
        description: 'Collar (shoulder) or warrant number; empty = none',
        example: '2231',
      },
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type ProjectTableName = keyof typeof TABLES;

export const PROJECT_TABLE_NAMES = Object.keys(TABLES) as ProjectTableName[];

export function isProjectTable(name: string): name is ProjectTableName {
  return Object.hasOwn(TABLES, name);
}

export function tableSpec(name: ProjectTableName): TableSpec {
  return TABLES[name];
}

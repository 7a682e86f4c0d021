import type { SURVEYS } from '../../facts/tables.ts';
import { measure, type MeasureEntry, type MeasureInput } from '../definition.ts';
import { equals, oneOf, type ColumnWithValues } from '../vocabulary.ts';

type Survey = (typeof SURVEYS)[number];

/**
 * 1. Delivering a high quality, consistent service to the public (seed 003 §1, seed 002):
 * victim satisfaction, Victims' Code and referrals, public confidence.
 */
const SATISFIED = ['Completely satisfied', 'Very satisfied'];
const AGREE = ['Strongly agree', 'Tend to agree'];
const DONT_KNOW = ["Don't know"];
const OWNER = 'ACC Local Policing';
/** How survey bases are formed, said in every survey measure's definition. */
const NO_ANSWER = 'Respondents who did not answer the question are left out of the base.';
const DONT_KNOW_LEFT_OUT =
  '"Don\'t know" answers are left out of the base (they give no view either way), as are respondents who did not answer.';

const satisfaction = <const I extends string>(
  id: I,
  survey: Survey,
  title: string,
  months: number,
  target: number | null,
  surveyTarget?: number,
): MeasureEntry<I> => ({
  id,
  title,
  family: 'satisfaction',
  phrase: { subject: title },
  tier: 'gold',
  area: 'service',
  unit: 'percent',
  polarity: 'higher_is_better',
  definition: `Percentage of surveyed ${title.toLowerCase().replace(' victim satisfaction', '')} victims who were completely or very satisfied with the whole experience, over the ${months} months to the end of the period (its own window, whatever kind of period is asked for). Every answer on the seven-point satisfaction scale is in the base. ${NO_ANSWER}`,
  compute: { kind: 'survey', surveys: [survey], question: 'whole_experience', positive: SATISFIED },
  window: { kind: 'rolling', months },
  target:
    target === null
      ? null
      : {
          description: `${Math.round(target * 100)}% or more completely or very satisfied`,
          direction: 'at_least',
          value: target,
        },
  minimumBase: 50,
  ...(surveyTarget ? { surveyTarget } : {}),
  nationalFramework: 'Victim satisfaction',
  owner: OWNER,
  seed: '003',
});

const STAGES = [
  ['initial_report', 'initial report'],
  ['police_actions', 'police actions'],
  ['treatment', 'treatment'],
  ['follow_up', 'follow-up'],
] as const;

const stageMeasures = <const S extends Survey>(
  survey: S,
  label: string,
): MeasureEntry<`sat_stage_${S}_${(typeof STAGES)[number][0]}`>[] =>
  STAGES.map(([q, stage]) => ({
    id: `sat_stage_${survey}_${q}` as const,
    title: `${label} victims: satisfied with ${stage}`,
    family: 'satisfaction_stage',
    tier: 'silver',
    area: 'service',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition: `Percentage of surveyed ${label.toLowerCase()} victims completely or very satisfied with the ${stage} stage, in the period. ${NO_ANSWER}`,
    compute: { kind: 'survey', surveys: [survey], question: `stage_${q}`, positive: SATISFIED },
    owner: OWNER,
    seed: '003',
  }));

const daService = <const I extends string>(
  id: I,
  question: string,
  title: string,
): MeasureEntry<I> => ({
  id,
  title,
  family: 'domestic_abuse_service',
  tier: 'silver',
  area: 'service',
  unit: 'percent',
  polarity: 'higher_is_better',
  definition: `Percentage of surveyed domestic abuse victims answering "Yes, fully": ${title.toLowerCase()}, in the period. ${DONT_KNOW_LEFT_OUT}`,
  compute: {
    kind: 'survey',
    surveys: ['domestic_abuse'],
    question,
    positive: ['Yes, fully'],
    excluded: DONT_KNOW,
  },
  owner: OWNER,
  seed: '003',
});

const perception = <const I extends string>(
  id: I,
  question: string,
  title: string,
  positive: string[],
): MeasureEntry<I> => ({
  id,
  title,
  family: 'perception',
  tier: 'gold',
  area: 'service',
  unit: 'percent',
  polarity: 'higher_is_better',
  definition: `Percentage of perception-survey respondents: ${title.toLowerCase()}, in the period. ${DONT_KNOW_LEFT_OUT}`,
  compute: { kind: 'survey', surveys: ['perception'], question, positive, excluded: DONT_KNOW },
  breakdowns: ['lpa', 'respondent'],
  owner: 'ACC Local Policing',
  seed: '003',
});

const VC_OWNER = 'Head of Victim Services';
const vcFailure = <const I extends string>(
  id: I,
  column: ColumnWithValues<'yes' | 'no'>,
  title: string,
  definition: string,
  failWhen: 'yes' | 'no' = 'no',
): MeasureEntry<I> => ({
  id,
  title,
  family: 'victims_code',
  tier: 'silver',
  area: 'service',
  unit: 'percent',
  polarity: 'lower_is_better',
  definition,
  compute: {
    kind: 'ratio',
    numerator: { source: 'victims_code_audits', where: equals(column, failWhen) },
    denominator: { source: 'victims_code_audits', where: oneOf(column, ['yes', 'no']) },
  },
  breakdowns: ['lpa', 'victim'],
  owner: VC_OWNER,
  seed: '002',
});

export const SERVICE_MEASURES = [
  satisfaction('sat_burglary', 'burglary', 'Burglary victim satisfaction', 6, 0.8),
  satisfaction('sat_violent', 'violent', 'Violent crime victim satisfaction', 6, 0.7),
  satisfaction('sat_hate', 'hate', 'Hate crime victim satisfaction', 12, 0.7),
  satisfaction(
    'sat_domestic_abuse',
    'domestic_abuse',
    'Domestic abuse victim satisfaction',
    6,
    0.8,
    168,
  ),
  {
    ...satisfaction('sat_rtc', 'rtc', 'Road traffic collision victim satisfaction', 12, null),
    tier: 'gold',
  },
  ...stageMeasures('burglary', 'Burglary'),
  ...stageMeasures('violent', 'Violent crime'),
  ...stageMeasures('hate', 'Hate crime'),
  ...stageMeasures('domestic_abuse', 'Domestic abuse'),
  daService('da_felt_safer', 'da_felt_safer', 'Felt safer as a result of police involvement'),
  daService('da_police_cared', 'da_police_cared', 'Felt the police cared'),
  daService(
    'da_confident_again',
    'da_confident_again',
    'Would be confident to contact the police again',
  ),
  daService(
    'da_would_recommend',
    'da_would_recommend',
    'Would recommend others to contact the police',
  ),
  measure({
    id: 'survey_interviews',
    phrase: {
      subject: 'Victim survey interviews completed',
      plural: true,
      noun: ['interview', 'interviews'],
    },
    title: 'Victim survey interviews completed',
    tier: 'gold',
    area: 'service',
    unit: 'count',
    polarity: 'neutral',
    definition:
      "Interviews completed per victim survey in the quarter, against each survey's quarterly target; a survey below target carries a validity warning on every satisfaction figure.",
    compute: { kind: 'special', name: 'survey_interviews' },
    spc: null,
    breakdowns: [],
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'val_referral_rate',
    phrase: {
      subject: 'The Victim Advice Line referral rate',
      base: ['victim-based crime', 'victim-based crimes'],
    },
    title: 'Victim Advice Line referral rate',
    tier: 'gold',
    area: 'service',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      'Referrals to the Victim Advice Line made in the period ÷ victim-based crimes recorded in the period.',
    compute: {
      kind: 'ratio',
      numerator: { source: 'referrals', where: { col: 'service', eq: 'Victim Advice Line' } },
      denominator: {
        source: 'crimes',
        where: {
          all: [
            { col: 'victim_based', eq: true },
            { col: 'crimed_incident', eq: false },
          ],
        },
      },
    },
    target: {
      description: '25% (good 20–30%; 15–20% amber; under 15% red)',
      direction: 'within',
      value: 0.25,
      band: [0.2, 0.3],
      nearBand: [0.15, 0.2],
    },
    owner: VC_OWNER,
    seed: '003',
  }),
  measure({
    id: 'victims_code_compliance',
    phrase: { subject: "Victims' Code compliance", base: ['audited case', 'audited cases'] },
    title: "Victims' Code compliance",
    tier: 'gold',
    area: 'service',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      "Audited cases compliant with the Victims' Code: acknowledgement yes or n/a; updates timely yes; VPS offered yes or n/a; where a need was identified, referred within 2 days yes or n/a; told of the end of the criminal justice journey yes or n/a. Being told about the Code is reported beside it, not counted.",
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'victims_code_audits',
        where: {
          all: [
            { col: 'acknowledgement', in: ['yes', 'n/a'] },
            { col: 'updates_timely', eq: 'yes' },
            { col: 'vps_offered', in: ['yes', 'n/a'] },
            {
              any: [
                { col: 'need_identified', notIn: ['yes'] },
                { col: 'referred_within_2_days', in: ['yes', 'n/a'] },
              ],
            },
            { col: 'informed_end_of_journey', in: ['yes', 'n/a'] },
          ],
        },
      },
      denominator: { source: 'victims_code_audits' },
    },
    breakdowns: ['lpa', 'victim'],
    owner: VC_OWNER,
    seed: '002',
  }),
  vcFailure(
    'victims_code_vps_not_offered',
    'vps_offered',
    'VPS not offered',
    'Audited cases where a Victim Personal Statement was not offered ÷ cases where it applied.',
  ),
  vcFailure(
    'victims_code_not_informed_end',
    'informed_end_of_journey',
    'Not told of the end of the CJS journey',
    'Audited cases where the victim was not told of the end of the criminal justice journey ÷ cases where it applied.',
  ),
  {
    ...vcFailure(
      'victims_code_need_not_referred',
      'referred_within_2_days',
      'Need identified, not referred in 2 days',
      'Audited cases where a need was identified and the victim was not referred within 2 days ÷ cases with a need identified.',
    ),
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'victims_code_audits',
        where: {
          all: [
            { col: 'need_identified', eq: 'yes' },
            { col: 'referred_within_2_days', eq: 'no' },
          ],
        },
      },
      denominator: { source: 'victims_code_audits', where: { col: 'need_identified', eq: 'yes' } },
    },
  },
  vcFailure(
    'victims_code_not_informed_code',
    'informed_code',
    "Not told about the Victims' Code",
    "Audited cases where the victim was not told about the Victims' Code ÷ cases where it applied (reported beside compliance, not part of it).",
  ),
  {
    ...perception('confidence', 'confidence', 'Have confidence in the force', AGREE),
    phrase: { subject: 'Public confidence' },
    definition: `Percentage of perception-survey respondents who have confidence in the force (strongly or tend to agree), over the 12 months to the end of the period (its own window, whatever kind of period is asked for). ${DONT_KNOW_LEFT_OUT}`,
    window: { kind: 'rolling', months: 12 },
    target: { description: '88% or more agree', direction: 'at_least', value: 0.88 },
  },
  perception(
    'understands_issues',
    'understands_issues',
    'Agree the police understand local issues',
    AGREE,
  ),
  perception(
    'access_emergency',
    'access_emergency',
    'Could contact the police in an emergency',
    AGREE,
  ),
  perception(
    'access_non_emergency',
    'access_non_emergency',
    'Could contact the police in a non-emergency',
    AGREE,
  ),
  perception(
    'sees_officer_weekly',
    'sees_officer_weekly',
    'See an officer or PCSO at least weekly',
    ['Yes'],
  ),
  perception(
    'satisfied_local_policing',
    'satisfied_local_policing',
    'Satisfied with local policing',
    ['Very satisfied', 'Fairly satisfied'],
  ),
] satisfies MeasureInput[];

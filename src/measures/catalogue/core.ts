import type { OutcomeTypeCode } from '../../facts/reference/outcome-groups.ts';
import {
  measure,
  type Filter,
  type MeasureEntry,
  type MeasureInput,
  type PhraseDef,
} from '../definition.ts';

/** 4.1 Delivering effective core practices (seed 003 §4.1). */
const OWNER = 'ACC Crime and Vulnerability';
const OUTCOMES: [string, string] = ['outcome assigned', 'outcomes assigned'];

const outcomeRate = <const I extends string>(
  id: I,
  title: string,
  types: OutcomeTypeCode[],
  polarity: MeasureInput['polarity'],
  definition: string,
  phrase: PhraseDef,
): MeasureEntry<I> => ({
  id,
  title,
  family: 'outcome_rate',
  phrase,
  tier: 'gold',
  area: 'core',
  unit: 'percent',
  polarity,
  definition,
  compute: {
    kind: 'ratio',
    numerator: { source: 'outcomes', where: { col: 'outcome_type', in: types } },
    denominator: { source: 'outcomes' },
  },
  owner: OWNER,
  seed: '003',
});

const victimLinked = <const T extends '14' | '16'>(
  type: T,
): MeasureEntry<`victim_linked_oc${T}`> => ({
  id: `victim_linked_oc${type}`,
  title: `Outcome ${type} crimes with a victim linked`,
  family: 'victim_linked',
  phrase: { subject: `The share of outcome ${type} crimes with a victim linked` },
  tier: 'gold',
  area: 'core',
  unit: 'percent',
  polarity: 'higher_is_better',
  definition: `Crimes given outcome ${type} in the period that have a victim linked to them ÷ all crimes given outcome ${type} in the period.`,
  compute: {
    kind: 'ratio',
    numerator: {
      source: 'outcomes',
      where: {
        all: [
          { col: 'outcome_type', eq: type },
          { col: 'has_victim', eq: true },
        ],
      },
    },
    denominator: { source: 'outcomes', where: { col: 'outcome_type', eq: type } },
  },
  target: {
    description: '100% of these crimes have a victim linked',
    direction: 'at_least',
    value: 1,
  },
  owner: OWNER,
  seed: '003',
});

const CALLS_OWNER = 'Head of Operational Communications';

/** The three call-handling measures of a line: answered in time (of answered calls), abandoned, offered. */
const callMeasures = <const L extends '999' | '101', const S extends 10 | 30>(
  line: L,
  seconds: S,
  target: number,
): [
  MeasureEntry<`calls_${L}_${S}s`>,
  MeasureEntry<`calls_${L}_abandoned`>,
  MeasureEntry<`calls_${L}_volume`>,
] => {
  const offered: Filter = { col: 'line', eq: line };
  // Calls are handled force-wide: no LPA in the data, no LPA breakdown.
  const common = {
    area: 'core',
    scope: 'force' as const,
    breakdowns: [] as MeasureInput['breakdowns'],
    family: 'calls' as const,
    owner: CALLS_OWNER,
    seed: '003',
  };
  return [
    {
      ...common,
      id: `calls_${line}_${seconds}s`,
      title: `${line} calls answered within ${seconds} seconds`,
      tier: 'gold',
      phrase: {
        subject: `${line} calls answered within ${seconds} seconds`,
        plural: true,
        base: ['call offered', 'calls offered'],
        baseStyle: 'of-the',
      },
      unit: 'percent',
      polarity: 'higher_is_better',
      // Over calls answered, not offered: an answer time exists only for an answered call, and
      // counting abandoned calls as late would mix two failures; the abandonment rate (÷ calls
      // offered) reports the other one beside it.
      definition: `${line} calls answered within ${seconds} seconds ÷ ${line} calls answered, not calls offered: a call abandoned before it was answered has no answer time and is left out of the base, and is counted in the abandonment rate (÷ calls offered) instead. Counted for the whole force.`,
      compute: {
        kind: 'ratio',
        numerator: {
          source: 'calls',
          where: { all: [offered, { col: `answered_within_${seconds}s` as const, eq: true }] },
        },
        denominator: {
          source: 'calls',
          where: { all: [offered, { col: 'answered_after_seconds', isNull: false }] },
        },
      },
      target: {
        description: `${Math.round(target * 100)}% answered within ${seconds} seconds`,
        direction: 'at_least',
        value: target,
      },
    },
    {
      ...common,
      id: `calls_${line}_abandoned`,
      title: `${line} calls abandoned`,
      tier: 'silver',
      unit: 'percent',
      polarity: 'lower_is_better',
      definition: `${line} calls abandoned before answer ÷ ${line} calls offered.`,
      compute: {
        kind: 'ratio',
        numerator: {
          source: 'calls',
          where: { all: [offered, { col: 'answered_after_seconds', isNull: true }] },
        },
        denominator: { source: 'calls', where: offered },
      },
    },
    {
      ...common,
      id: `calls_${line}_volume`,
      title: `${line} calls offered`,
      tier: 'silver',
      unit: 'count',
      polarity: 'neutral',
      definition: `${line} calls offered in the period.`,
      compute: { kind: 'count', count: { source: 'calls', where: offered } },
    },
  ];
};

export const CORE_MEASURES = [
  measure({
    id: 'national_measures',
    title: 'National Crime and Policing Measures',
    tier: 'gold',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'One row per National Crime and Policing Measure: the 12 months to the end of the period against the same 12 months of 2019/20, with the direction of change from SPC on the monthly series. Counted for the whole force.',
    compute: { kind: 'special', name: 'national_measures' },
    scope: 'force',
    breakdowns: [],
    spc: null,
    comparisons: [],
    owner: 'Chief Constable',
    seed: '003',
  }),
  ...callMeasures('999', 10, 0.9),
  ...callMeasures('101', 30, 0.8),
  measure({
    id: 'unresourced_incidents',
    phrase: { subject: 'The mean number of incidents awaiting a resource at 06:00' },
    title: 'Unresourced incidents',
    tier: 'gold',
    area: 'core',
    unit: 'mean',
    polarity: 'lower_is_better',
    definition:
      'Mean number of incidents open and awaiting a resource, counted daily at 06:00. Incidents graded no deployment are left out: they are never to be resourced, so they are not waiting for one. An incident waits from when it is opened until it is resourced or closed.',
    compute: { kind: 'special', name: 'unresourced_incidents' },
    target: { description: 'Between 150 and 200 at 06:00', direction: 'within', band: [150, 200] },
    owner: 'Head of Operational Communications',
    seed: '003',
  }),
  measure({
    id: 'open_investigations',
    phrase: {
      subject: 'Open investigations',
      plural: true,
      noun: ['investigation', 'investigations'],
    },
    title: 'Open investigations',
    tier: 'gold',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'Crimes without an outcome at the end of the period, with their age profile (under 4 weeks, 4–8 weeks, 8–12 weeks, 12 weeks–6 months, 6 months–1 year, over 1 year) and the share that is violence or stalking and harassment. Age is counted in calendar-day boundaries: the number of midnights between the recording time and the end of the period, so a crime recorded at 23:30 is one day old half an hour later; 4 weeks is 28 days, 6 months 182 days and 1 year 365 days.',
    compute: { kind: 'special', name: 'open_investigations' },
    window: { kind: 'point_in_time' },
    target: {
      description: 'Between 8,000 and 10,000 (a working band, not published)',
      direction: 'within',
      band: [8000, 10000],
    },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'outcomes_table',
    phrase: { subject: 'Outcomes assigned', plural: true, noun: ['outcome', 'outcomes'] },
    title: 'Outcomes assigned',
    tier: 'gold',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'Every Home Office outcome assigned in the period, whenever the crime was recorded: count and share per outcome type, grouped, against the same period two years earlier.',
    compute: { kind: 'special', name: 'outcomes_table_all' },
    owner: OWNER,
    seed: '003',
  }),
  outcomeRate(
    'action_taken_rate',
    'Action taken rate',
    ['1', '1A', '2', '2A', '3', '3A', '4', '6', '7', '8'],
    'higher_is_better',
    'Outcomes 1, 1A, 2, 2A, 3, 3A, 4, 6, 7 and 8 (charge or summons, cautions, taken into consideration, penalty notices, cannabis or khat warnings, community resolutions) ÷ all outcomes assigned in the period.',
    { subject: 'Action-taken outcomes', plural: true, base: OUTCOMES, baseStyle: 'of-the' },
  ),
  {
    ...outcomeRate(
      'oc16_rate',
      'Outcome 16 rate',
      ['16'],
      'lower_is_better',
      'Outcome 16 (evidential difficulties: suspect identified, victim does not support action) ÷ all outcomes assigned in the period.',
      { subject: 'Outcome 16', base: OUTCOMES, baseStyle: 'of-the' },
    ),
    target: { description: 'Lower is better', direction: 'none' },
  },
  victimLinked('14'),
  victimLinked('16'),
  measure({
    id: 'da_arrest_rate',
    phrase: {
      subject: 'The domestic abuse arrest rate',
      base: ['domestic abuse crime', 'domestic abuse crimes'],
    },
    title: 'Domestic abuse arrest rate',
    tier: 'gold',
    area: 'core',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      'Arrests for domestic abuse in the period ÷ domestic-abuse-flagged crimes recorded in the period. An arrest is placed in the local policing area of the crime it was for; an arrest not linked to a crime counts in the force figure only.',
    compute: {
      kind: 'ratio',
      numerator: { source: 'arrests', where: { col: 'domestic_abuse', eq: true } },
      denominator: {
        source: 'crimes',
        where: {
          all: [
            { col: 'domestic_abuse', eq: true },
            { col: 'crimed_incident', eq: false },
          ],
        },
      },
    },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'da_outcomes_table',
    phrase: {
      subject: 'Outcomes assigned to domestic abuse crimes',
      plural: true,
      noun: ['outcome', 'outcomes'],
    },
    title: 'Outcomes assigned: domestic abuse',
    tier: 'silver',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition: 'The outcomes table restricted to domestic-abuse-flagged crimes.',
    compute: { kind: 'special', name: 'outcomes_table_da' },
    owner: OWNER,
    seed: '003',
  }),
] satisfies MeasureInput[];

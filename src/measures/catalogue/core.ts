import type { MeasureInput } from '../definition.ts';

/** 4.1 Delivering effective core practices (seed 003 §4.1). */
const OWNER = 'ACC Crime and Vulnerability';

const outcomeRate = (
  id: string,
  title: string,
  types: string[],
  polarity: MeasureInput['polarity'],
  definition: string,
): MeasureInput => ({
  id,
  title,
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

const victimLinked = (type: string): MeasureInput => ({
  id: `victim_linked_oc${type}`,
  title: `Outcome ${type} crimes with a victim linked`,
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

export const CORE_MEASURES = [
  {
    id: 'national_measures',
    title: 'National Crime and Policing Measures',
    tier: 'gold',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'One row per National Crime and Policing Measure: the 12 months to the end of the period against the same 12 months of 2019/20, with the direction of change from SPC on the monthly series.',
    compute: { kind: 'special', name: 'national_measures' },
    breakdowns: [],
    spc: null,
    comparisons: [],
    owner: 'Chief Constable',
    seed: '003',
  },
  {
    id: 'calls_999_10s',
    title: '999 calls answered within 10 seconds',
    tier: 'gold',
    area: 'core',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      '999 calls answered within 10 seconds ÷ 999 calls offered (abandoned calls count as not answered in time).',
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '999' },
            { col: 'answered_within_10s', eq: true },
          ],
        },
      },
      denominator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '999' },
            { col: 'answered_after_seconds', isNull: false },
          ],
        },
      },
    },
    target: { description: '90% answered within 10 seconds', direction: 'at_least', value: 0.9 },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'calls_999_abandoned',
    title: '999 calls abandoned',
    tier: 'silver',
    area: 'core',
    unit: 'percent',
    polarity: 'lower_is_better',
    definition: '999 calls abandoned before answer ÷ 999 calls offered.',
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '999' },
            { col: 'answered_after_seconds', isNull: true },
          ],
        },
      },
      denominator: { source: 'calls', where: { col: 'line', eq: '999' } },
    },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'calls_999_volume',
    title: '999 calls offered',
    tier: 'silver',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition: '999 calls offered in the period.',
    compute: { kind: 'count', count: { source: 'calls', where: { col: 'line', eq: '999' } } },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'calls_101_30s',
    title: '101 calls answered within 30 seconds',
    tier: 'gold',
    area: 'core',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      '101 calls answered within 30 seconds ÷ 101 calls offered (abandoned calls count as not answered in time).',
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '101' },
            { col: 'answered_within_30s', eq: true },
          ],
        },
      },
      denominator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '101' },
            { col: 'answered_after_seconds', isNull: false },
          ],
        },
      },
    },
    target: { description: '80% answered within 30 seconds', direction: 'at_least', value: 0.8 },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'calls_101_abandoned',
    title: '101 calls abandoned',
    tier: 'silver',
    area: 'core',
    unit: 'percent',
    polarity: 'lower_is_better',
    definition: '101 calls abandoned before answer ÷ 101 calls offered.',
    compute: {
      kind: 'ratio',
      numerator: {
        source: 'calls',
        where: {
          all: [
            { col: 'line', eq: '101' },
            { col: 'answered_after_seconds', isNull: true },
          ],
        },
      },
      denominator: { source: 'calls', where: { col: 'line', eq: '101' } },
    },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'calls_101_volume',
    title: '101 calls offered',
    tier: 'silver',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition: '101 calls offered in the period.',
    compute: { kind: 'count', count: { source: 'calls', where: { col: 'line', eq: '101' } } },
    breakdowns: [],
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'unresourced_incidents',
    title: 'Unresourced incidents',
    tier: 'gold',
    area: 'core',
    unit: 'mean',
    polarity: 'lower_is_better',
    definition: 'Mean number of incidents open and awaiting a resource, counted daily at 06:00.',
    compute: { kind: 'special', name: 'unresourced_incidents' },
    target: { description: 'Between 150 and 200 at 06:00', direction: 'within', band: [150, 200] },
    owner: 'Head of Operational Communications',
    seed: '003',
  },
  {
    id: 'open_investigations',
    title: 'Open investigations',
    tier: 'gold',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'Crimes without an outcome at the end of the period, with their age profile (under 4 weeks, 4–8 weeks, 8–12 weeks, 12 weeks–6 months, 6 months–1 year, over 1 year) and the share that is violence or stalking and harassment.',
    compute: { kind: 'special', name: 'open_investigations' },
    window: { kind: 'point_in_time' },
    target: {
      description: 'Between 8,000 and 10,000 (a working band, not published)',
      direction: 'within',
      band: [8000, 10000],
    },
    owner: OWNER,
    seed: '003',
  },
  {
    id: 'outcomes_table',
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
  },
  outcomeRate(
    'action_taken_rate',
    'Action taken rate',
    ['1', '1A', '2', '2A', '3', '3A', '4', '6', '7', '8'],
    'higher_is_better',
    'Outcomes 1, 1A, 2, 2A, 3, 3A, 4, 6, 7 and 8 (charge or summons, cautions, taken into consideration, penalty notices, cannabis or khat warnings, community resolutions) ÷ all outcomes assigned in the period.',
  ),
  {
    ...outcomeRate(
      'oc16_rate',
      'Outcome 16 rate',
      ['16'],
      'lower_is_better',
      'Outcome 16 (evidential difficulties: suspect identified, victim does not support action) ÷ all outcomes assigned in the period.',
    ),
    target: { description: 'Lower is better', direction: 'none' },
  },
  victimLinked('14'),
  victimLinked('16'),
  {
    id: 'da_arrest_rate',
    title: 'Domestic abuse arrest rate',
    tier: 'gold',
    area: 'core',
    unit: 'percent',
    polarity: 'higher_is_better',
    definition:
      'Arrests for domestic abuse in the period ÷ domestic-abuse-flagged crimes recorded in the period.',
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
    breakdowns: [],
    owner: OWNER,
    seed: '003',
  },
  {
    id: 'da_outcomes_table',
    title: 'Outcomes assigned: domestic abuse',
    tier: 'silver',
    area: 'core',
    unit: 'count',
    polarity: 'neutral',
    definition: 'The outcomes table restricted to domestic-abuse-flagged crimes.',
    compute: { kind: 'special', name: 'outcomes_table_da' },
    owner: OWNER,
    seed: '003',
  },
] satisfies MeasureInput[];

import {
  SCORECARD_CRIME_GROUPS,
  type ScorecardCrimeGroup,
} from '../../facts/reference/offence-subgroups.ts';
import type { CRIME_FLAGS } from '../../facts/tables.ts';
import { measure, type Filter, type MeasureEntry, type MeasureInput } from '../definition.ts';

/** 4.2 Managing demand – policing priorities (seed 003 §4.2, seed 002). */
const OWNER = 'ACC Local Policing';
const NOTIFIABLE: Filter = { col: 'crimed_incident', eq: false };
const CRIMES: [string, string] = ['crime', 'crimes'];
const CRIMES_AND_INCIDENTS: [string, string] = [
  'crime or crimed incident',
  'crimes and crimed incidents',
];

const GROUP_TITLES: Record<ScorecardCrimeGroup, string> = {
  violence_with_injury: 'Violence with injury',
  violence_without_injury: 'Violence without injury (incl. stalking and harassment)',
  rape: 'Rape',
  other_sexual_offences: 'Other sexual offences',
  personal_robbery: 'Personal robbery',
  business_robbery: 'Business robbery',
  residential_burglary: 'Residential burglary',
  business_burglary: 'Business and community burglary',
  vehicle_offences: 'Vehicle offences',
  theft_from_person: 'Theft from the person',
  bicycle_theft: 'Bicycle theft',
  shoplifting: 'Shoplifting',
  all_other_theft: 'All other theft',
  criminal_damage_arson: 'Criminal damage and arson',
  drug_offences: 'Drug offences',
  possession_of_weapons: 'Possession of weapons',
  public_order: 'Public order',
  misc_crimes_against_society: 'Miscellaneous crimes against society',
};

/** What a group holds that an analyst might not assume. */
const GROUP_NOTES: Partial<Record<ScorecardCrimeGroup, string>> = {
  violence_with_injury:
    'Includes homicide and death or serious injury caused by unlawful driving, as the Home Office offence subgroups place them in violence with injury.',
};

/** Crime rows are charted with the force's legacy limits during transition (SPC.md), method named on the chart. */
const crimeCount = <const I extends string>(
  id: I,
  title: string,
  where: Filter,
  extra: Partial<Omit<MeasureInput, 'id'>> = {},
): MeasureEntry<I> => ({
  id,
  title,
  family: 'recorded_crime',
  phrase: { noun: CRIMES },
  tier: 'silver',
  area: 'demand',
  unit: 'count',
  polarity: 'neutral',
  definition: `${title}: crimes recorded in the period.`,
  compute: { kind: 'count', count: { source: 'crimes', where } },
  spc: { method: 'legacy_2sd', baselineYear: '2019/20', sd: 'sample', months: 36 },
  owner: OWNER,
  seed: '003',
  ...extra,
});

/** Titles vary in number ("Hate crime", "Crimes against …"), so the verb follows the title. */
const PRIORITY_PHRASE = { noun: CRIMES_AND_INCIDENTS, plural: 'as_title' } as const;

const priority = <const I extends string>(
  id: I,
  flag: (typeof CRIME_FLAGS)[number],
  title: string,
  extra: Partial<Omit<MeasureInput, 'id'>> = {},
): MeasureEntry<I> => ({
  id,
  title,
  family: 'priority',
  phrase: PRIORITY_PHRASE,
  tier: 'gold',
  area: 'demand',
  unit: 'count',
  polarity: 'increased_reporting_is_good',
  definition: `Crimes and crimed incidents recorded in the period with the ${title.toLowerCase()} marker.`,
  compute: { kind: 'count', count: { source: 'crimes', where: { col: flag, eq: true } } },
  target: { description: 'Increased reporting is good', direction: 'none' },
  owner: OWNER,
  seed: '003',
  ...extra,
});

/** The rows of the crime table: total recorded crime, each group, and the other counts beside them. */
const RECORDED_CRIME = [
  crimeCount('crime_total', 'Total recorded crime', NOTIFIABLE, { tier: 'gold' }),
  ...SCORECARD_CRIME_GROUPS.map((g) =>
    crimeCount(
      `crime_${g}`,
      GROUP_TITLES[g],
      { all: [NOTIFIABLE, { col: 'scorecard_group', eq: g }] },
      {
        crimeGroup: g,
        ...(GROUP_NOTES[g]
          ? { definition: `${GROUP_TITLES[g]}: crimes recorded in the period. ${GROUP_NOTES[g]}` }
          : {}),
      },
    ),
  ),
  crimeCount('crime_cyber_enabled', 'Cyber-enabled crime', {
    all: [NOTIFIABLE, { col: 'cyber_enabled', eq: true }],
  }),
  crimeCount('crime_alcohol_related', 'Alcohol-related crime', {
    all: [NOTIFIABLE, { col: 'alcohol_related', eq: true }],
  }),
  measure({
    id: 'crime_incidents',
    family: 'recorded_crime',
    phrase: { noun: CRIMES },
    title: 'Incidents',
    tier: 'silver',
    area: 'demand',
    unit: 'count',
    polarity: 'neutral',
    definition: 'Incidents opened in the period.',
    compute: { kind: 'count', count: { source: 'incidents' } },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'crime_asb',
    family: 'recorded_crime',
    phrase: { noun: CRIMES },
    title: 'Anti-social behaviour',
    tier: 'silver',
    area: 'demand',
    unit: 'count',
    polarity: 'neutral',
    definition: 'Incidents opened in the period and closed as anti-social behaviour.',
    compute: {
      kind: 'count',
      count: { source: 'incidents', where: { col: 'anti_social_behaviour', eq: true } },
    },
    owner: OWNER,
    seed: '003',
  }),
] satisfies MeasureInput[];

export const DEMAND_MEASURES = [
  ...RECORDED_CRIME,
  measure({
    id: 'crime_table',
    phrase: { subject: 'Total recorded crime', noun: CRIMES },
    dependsOn: RECORDED_CRIME.map((m) => m.id),
    title: 'Recorded crime by group',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'neutral',
    definition:
      'One row per crime group: crimes recorded in the period and the same period two years earlier, year-to-date change, control limits, and the outcomes assigned in the period with their action-taken and outcome 16 rates.',
    compute: { kind: 'special', name: 'crime_table' },
    spc: null,
    breakdowns: [],
    owner: OWNER,
    seed: '003',
  }),
  priority('priority_hate', 'hate', 'Hate crime'),
  priority('priority_vulnerable_adult', 'vulnerable_adult', 'Vulnerable adult'),
  priority('priority_child_at_risk', 'child_at_risk', 'Child at risk'),
  priority('priority_cse', 'cse', 'Child sexual exploitation'),
  priority('priority_domestic_abuse', 'domestic_abuse', 'Domestic abuse', {
    target: { description: 'Increased reporting is good; fewer repeat victims', direction: 'none' },
  }),
  measure({
    id: 'priority_residential_burglary',
    family: 'priority',
    phrase: PRIORITY_PHRASE,
    title: 'Residential burglary',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'lower_is_better',
    definition:
      'Residential burglaries recorded in the period, against the same months of 2019/20.',
    compute: {
      kind: 'count',
      count: {
        source: 'crimes',
        where: { all: [NOTIFIABLE, { col: 'scorecard_group', eq: 'residential_burglary' }] },
      },
    },
    target: {
      description: '25% reduction on 2019/20',
      direction: 'reduce_by',
      value: 0.25,
      baselineYear: '2019/20',
    },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'ksi',
    phrase: {
      subject: 'Killed or seriously injured casualties',
      plural: true,
      noun: ['casualty', 'casualties'],
    },
    title: 'Killed or seriously injured on the roads',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'lower_is_better',
    definition:
      'Road casualties killed or seriously injured (STATS19 fatal + serious) in collisions in the period.',
    compute: {
      kind: 'count',
      count: { source: 'casualties', where: { col: 'severity', in: ['fatal', 'serious'] } },
    },
    target: {
      description: 'Sustained 20% reduction on 2019/20',
      direction: 'reduce_by',
      value: 0.2,
      baselineYear: '2019/20',
    },
    owner: 'Head of Roads Policing',
    seed: '003',
  }),
  measure({
    id: 'ksi_fatal',
    title: 'Killed on the roads',
    tier: 'silver',
    area: 'demand',
    unit: 'count',
    polarity: 'lower_is_better',
    definition: 'Road casualties killed (STATS19 fatal) in collisions in the period.',
    compute: {
      kind: 'count',
      count: { source: 'casualties', where: { col: 'severity', eq: 'fatal' } },
    },
    owner: 'Head of Roads Policing',
    seed: '003',
  }),
  measure({
    id: 'repeat_victim_rate_trc',
    phrase: { subject: 'The repeat victim rate (all crime)', base: ['victim', 'victims'] },
    title: 'Repeat victims: all crime',
    tier: 'gold',
    area: 'demand',
    unit: 'percent',
    polarity: 'lower_is_better',
    definition:
      'Victims recorded in the month who were the victim of at least one other offence in the preceding 12 months ÷ victims recorded in the month. Each month counts distinct people at the level shown: a person who was a victim in two local policing areas in a month is one victim of the force. For a quarter or longer, victim-months are added up (a person who was a victim in two months of the quarter counts in each), as the monthly figures are, so a quarter is comparable with its months.',
    compute: { kind: 'special', name: 'repeat_victims_all' },
    target: { description: 'A decrease', direction: 'none' },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'repeat_victim_rate_da',
    phrase: { subject: 'The domestic abuse repeat victim rate', base: ['victim', 'victims'] },
    title: 'Repeat victims: domestic abuse',
    tier: 'gold',
    area: 'demand',
    unit: 'percent',
    polarity: 'lower_is_better',
    definition:
      'Victims of domestic-abuse-flagged crime recorded in the month who were the victim of at least one other domestic abuse offence in the preceding 12 months ÷ those victims. Each month counts distinct people at the level shown (a person who was a victim in two local policing areas in a month is one victim of the force); for a quarter or longer, victim-months are added up.',
    compute: { kind: 'special', name: 'repeat_victims_da' },
    target: { description: 'A decrease', direction: 'none' },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'high_harm_repeat_nominals',
    phrase: { subject: 'High-harm repeat nominals', plural: true, noun: ['person', 'people'] },
    title: 'High-harm repeat nominals',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'lower_is_better',
    definition:
      'People linked as victim or suspect to 3 or more high-harm offences (violence against the person including stalking, harassment and malicious communications, and sexual offences) recorded in the 3 months to the end of the period; split victim only, suspect only and both, by number of offences, and the share linked to domestic abuse.',
    compute: { kind: 'special', name: 'high_harm_nominals' },
    window: { kind: 'point_in_time' },
    // People, not places: a nominal's offences may fall in several areas.
    scope: 'force',
    breakdowns: [],
    target: { description: 'A decrease', direction: 'none' },
    owner: OWNER,
    seed: '003',
  }),
  measure({
    id: 'vawg_oc16',
    title: 'Violence against women and girls: outcome 16',
    tier: 'gold',
    area: 'demand',
    unit: 'percent',
    polarity: 'lower_is_better',
    definition:
      'For rape, other sexual offences, stalking and harassment and domestic-abuse-flagged crime: crimes recorded, outcome 16 assigned and its share of outcomes, over the 12 months to the end of the period.',
    compute: { kind: 'special', name: 'vawg_oc16' },
    window: { kind: 'rolling', months: 12 },
    breakdowns: [],
    spc: null,
    owner: 'ACC Crime and Vulnerability',
    seed: '002',
  }),
  measure({
    id: 'soc_disruptions',
    phrase: {
      subject: 'Organised crime group disruptions',
      plural: true,
      noun: ['disruption', 'disruptions'],
    },
    title: 'Organised crime disruptions',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'higher_is_better',
    definition: 'Organised crime group disruptions recorded in the quarter (manual return).',
    compute: { kind: 'return' },
    scope: 'force',
    breakdowns: [],
    spc: null,
    owner: 'Head of Serious and Organised Crime',
    seed: '003',
  }),
  measure({
    id: 'rape_cps_overdue',
    phrase: {
      subject: 'Rape files with the CPS beyond 28 days',
      plural: true,
      noun: ['file', 'files'],
    },
    title: 'Rape files with the CPS beyond 28 days',
    tier: 'gold',
    area: 'demand',
    unit: 'count',
    polarity: 'lower_is_better',
    definition:
      'Rape files with the Crown Prosecution Service beyond the 28-day allocation agreement at the end of the period (manual return).',
    compute: { kind: 'return' },
    window: { kind: 'point_in_time' },
    target: { description: 'None overdue', direction: 'at_most', value: 0 },
    scope: 'force',
    breakdowns: [],
    spc: null,
    owner: 'Head of Public Protection',
    seed: '003',
  }),
] satisfies MeasureInput[];

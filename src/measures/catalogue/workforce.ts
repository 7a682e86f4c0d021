import { measure, type MeasureEntry, type MeasureInput } from '../definition.ts';

/** 4.3 Innovating and improving, and 5. Workforce (manual returns; seed 003). */
const workforce = <const I extends string>(
  id: I,
  title: string,
  polarity: MeasureInput['polarity'],
  definition: string,
  subject: string,
  target?: MeasureInput['target'],
): MeasureEntry<I> => ({
  id,
  title,
  family: 'workforce',
  phrase: { subject },
  tier: 'gold',
  area: 'workforce',
  unit: 'percent',
  polarity,
  definition,
  compute: { kind: 'return' },
  scope: 'force',
  breakdowns: [],
  spc: null,
  ...(target ? { target } : {}),
  owner: 'Director of People',
  seed: '003',
});

export const INNOVATING_MEASURES = [
  measure({
    id: 'recommendations_open',
    phrase: {
      subject: 'Open inspection recommendations',
      plural: true,
      noun: ['recommendation', 'recommendations'],
    },
    title: 'Open inspection recommendations',
    tier: 'gold',
    area: 'innovating',
    unit: 'count',
    polarity: 'lower_is_better',
    definition:
      'Open inspection recommendations, areas for improvement and causes of concern at the end of the period, by age band.',
    compute: { kind: 'records', name: 'open_recommendations' },
    window: { kind: 'point_in_time' },
    scope: 'force',
    breakdowns: [],
    spc: null,
    owner: 'Head of Corporate Services',
    seed: '003',
  }),
] satisfies MeasureInput[];

export const WORKFORCE_MEASURES = [
  workforce(
    'female_officers_pct',
    'Female officers',
    'higher_is_better',
    'Police officers who are female ÷ all officers (national average 31%).',
    'The share of officers who are women',
  ),
  workforce(
    'ethnic_minority_officers_pct',
    'Ethnic minority officers',
    'higher_is_better',
    'Police officers from ethnic minority groups ÷ all officers (national 7.3%; local population 3.8%).',
    'The share of officers from ethnic minority groups',
  ),
  workforce(
    'attrition_officers',
    'Officer attrition',
    'lower_is_better',
    'Officers leaving in the 12 months ÷ average officer headcount (national 5.8%).',
    'Police officer attrition',
    { description: 'Under the national average of 5.8%', direction: 'at_most', value: 0.058 },
  ),
  workforce(
    'attrition_staff',
    'Staff attrition',
    'lower_is_better',
    'Police staff leaving in the 12 months ÷ average staff headcount (national 10.5%).',
    'Police staff attrition',
    { description: 'Under the national average of 10.5%', direction: 'at_most', value: 0.105 },
  ),
  workforce(
    'attrition_pcso',
    'PCSO attrition',
    'lower_is_better',
    'PCSOs leaving in the 12 months ÷ average PCSO headcount (national 16.9%).',
    'PCSO attrition',
    { description: 'Under 10%', direction: 'at_most', value: 0.1 },
  ),
  workforce(
    'officers_under_2_years',
    'Officers with under 2 years service',
    'neutral',
    'Police officers with under 2 years of service ÷ all officers.',
    "The share of officers with under 2 years' service",
  ),
] satisfies MeasureInput[];

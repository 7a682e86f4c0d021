import type { CountSide, Filter } from '../definition.ts';
import { surveySides } from '../compile.ts';

/**
 * The National Crime and Policing Measures (seed 003 §4.1): one row each in the
 * `national_measures` table, with the series behind it and its lead.
 */
export interface NationalMeasure {
  readonly id: string;
  readonly title: string;
  readonly lead: string;
  readonly side: CountSide;
  /** For a proportion: the denominator. */
  readonly den?: CountSide;
  readonly unit: 'count' | 'percent';
}

const notifiable = (where: Filter): CountSide => ({
  source: 'crimes',
  where: { all: [{ col: 'crimed_incident', eq: false }, where] },
});

const satisfaction = surveySides(
  ['burglary', 'violent', 'hate', 'domestic_abuse'],
  'whole_experience',
  ['Completely satisfied', 'Very satisfied'],
  [],
);

export const NATIONAL_MEASURES: readonly NationalMeasure[] = [
  {
    id: 'homicide',
    title: 'Reduce murder and other homicide',
    lead: 'ACC Crime',
    side: notifiable({ col: 'offence_subgroup', eq: 'Homicide' }),
    unit: 'count',
  },
  {
    id: 'serious_violence',
    title: 'Reduce serious violence',
    lead: 'ACC Crime',
    side: notifiable({ col: 'offence_subgroup', in: ['Homicide', 'Violence with injury'] }),
    unit: 'count',
  },
  {
    id: 'drug_supply',
    title: 'Disrupt drugs supply and county lines',
    lead: 'ACC Crime',
    side: notifiable({ col: 'offence_subgroup', eq: 'Trafficking of drugs' }),
    unit: 'count',
  },
  {
    id: 'neighbourhood_crime',
    title: 'Reduce neighbourhood crime',
    lead: 'ACC Local Policing',
    side: notifiable({
      col: 'offence_subgroup',
      in: [
        'Residential burglary',
        'Robbery of personal property',
        'Theft from the person',
        'Vehicle offences',
      ],
    }),
    unit: 'count',
  },
  {
    id: 'cyber_crime',
    title: 'Tackle cyber crime',
    lead: 'ACC Crime',
    side: notifiable({ col: 'cyber_enabled', eq: true }),
    unit: 'count',
  },
  {
    id: 'victim_satisfaction',
    title: 'Improve satisfaction among victims',
    lead: 'ACC Local Policing',
    side: satisfaction.numerator,
    den: satisfaction.denominator,
    unit: 'percent',
  },
];

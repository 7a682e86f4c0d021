/**
 * Home Office offence subgroups as they appear in police recorded crime tables, with the
 * offence group each belongs to and the scorecard crime group (seed 003's crime table,
 * where the rows add up to total recorded crime) it is reported under.
 */
export const SCORECARD_CRIME_GROUPS = [
  'violence_with_injury',
  'violence_without_injury',
  'rape',
  'other_sexual_offences',
  'personal_robbery',
  'business_robbery',
  'residential_burglary',
  'business_burglary',
  'vehicle_offences',
  'theft_from_person',
  'bicycle_theft',
  'shoplifting',
  'all_other_theft',
  'criminal_damage_arson',
  'drug_offences',
  'possession_of_weapons',
  'public_order',
  'misc_crimes_against_society',
] as const;
export type ScorecardCrimeGroup = (typeof SCORECARD_CRIME_GROUPS)[number];

export interface OffenceSubgroup {
  readonly subgroup: string;
  readonly offenceGroup: string;
  readonly scorecardGroup: ScorecardCrimeGroup;
  /** Home Office victim-based offence groups: VAP, sexual, robbery, theft, criminal damage and arson. */
  readonly victimBased: boolean;
  /** MEASURES.md high-harm offences: violence against the person (incl. homicide, stalking and harassment, malicious communications) and sexual offences. */
  readonly highHarm: boolean;
  /** VAWG table row (seed 002): rape, other sexual offences, stalking and harassment. */
  readonly vawg: boolean;
}

const VAP = 'Violence against the person';
const SEX = 'Sexual offences';
const ROB = 'Robbery';
const THEFT = 'Theft offences';
const CDA = 'Criminal damage and arson';

export const OFFENCE_SUBGROUPS = [
  {
    subgroup: 'Homicide',
    offenceGroup: VAP,
    scorecardGroup: 'violence_with_injury',
    victimBased: true,
    highHarm: true,
    vawg: false,
  },
  {
    subgroup: 'Death or serious injury caused by unlawful driving',
    offenceGroup: VAP,
    scorecardGroup: 'violence_with_injury',
    victimBased: true,
    highHarm: true,
    vawg: false,
  },
  {
    subgroup: 'Violence with injury',
    offenceGroup: VAP,
    scorecardGroup: 'violence_with_injury',
    victimBased: true,
    highHarm: true,
    vawg: false,
  },
  {
    subgroup: 'Violence without injury',
    offenceGroup: VAP,
    scorecardGroup: 'violence_without_injury',
    victimBased: true,
    highHarm: true,
    vawg: false,
  },
  {
    subgroup: 'Stalking and harassment',
    offenceGroup: VAP,
    scorecardGroup: 'violence_without_injury',
    victimBased: true,
    highHarm: true,
    vawg: true,
  },
  {
    subgroup: 'Rape',
    offenceGroup: SEX,
    scorecardGroup: 'rape',
    victimBased: true,
    highHarm: true,
    vawg: true,
  },
  {
    subgroup: 'Other sexual offences',
    offenceGroup: SEX,
    scorecardGroup: 'other_sexual_offences',
    victimBased: true,
    highHarm: true,
    vawg: true,
  },
  {
    subgroup: 'Robbery of personal property',
    offenceGroup: ROB,
    scorecardGroup: 'personal_robbery',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Robbery of business property',
    offenceGroup: ROB,
    scorecardGroup: 'business_robbery',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Residential burglary',
    offenceGroup: THEFT,
    scorecardGroup: 'residential_burglary',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Non-residential burglary',
    offenceGroup: THEFT,
    scorecardGroup: 'business_burglary',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Vehicle offences',
    offenceGroup: THEFT,
    scorecardGroup: 'vehicle_offences',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Theft from the person',
    offenceGroup: THEFT,
    scorecardGroup: 'theft_from_person',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Bicycle theft',
    offenceGroup: THEFT,
    scorecardGroup: 'bicycle_theft',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Shoplifting',
    offenceGroup: THEFT,
    scorecardGroup: 'shoplifting',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'All other theft offences',
    offenceGroup: THEFT,
    scorecardGroup: 'all_other_theft',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Criminal damage',
    offenceGroup: CDA,
    scorecardGroup: 'criminal_damage_arson',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Arson',
    offenceGroup: CDA,
    scorecardGroup: 'criminal_damage_arson',
    victimBased: true,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Trafficking of drugs',
    offenceGroup: 'Drug offences',
    scorecardGroup: 'drug_offences',
    victimBased: false,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Possession of drugs',
    offenceGroup: 'Drug offences',
    scorecardGroup: 'drug_offences',
    victimBased: false,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Possession of weapons offences',
    offenceGroup: 'Possession of weapons offences',
    scorecardGroup: 'possession_of_weapons',
    victimBased: false,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Public order offences',
    offenceGroup: 'Public order offences',
    scorecardGroup: 'public_order',
    victimBased: false,
    highHarm: false,
    vawg: false,
  },
  {
    subgroup: 'Miscellaneous crimes against society',
    offenceGroup: 'Miscellaneous crimes against society',
    scorecardGroup: 'misc_crimes_against_society',
    victimBased: false,
    highHarm: false,
    vawg: false,
  },
] as const satisfies readonly OffenceSubgroup[];

export type OffenceSubgroupName = (typeof OFFENCE_SUBGROUPS)[number]['subgroup'];

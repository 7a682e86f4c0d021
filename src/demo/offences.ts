/**
 * Offences for the demo: for every Home Office subgroup (src/facts/reference/offence-subgroups.ts)
 * its share of its scorecard group, offence codes and titles (Home Office classification
 * codes as commonly published; illustrative, not an authoritative code list), how readily
 * each marker attaches, and the seasonal and COVID-19 shape of the scorecard group.
 */
import {
  OFFENCE_SUBGROUPS,
  SCORECARD_CRIME_GROUPS,
  type ScorecardCrimeGroup,
} from '../facts/reference/offence-subgroups.ts';

export const FLAG = {
  domestic_abuse: 0,
  hate: 1,
  cse: 2,
  vulnerable_adult: 3,
  child_at_risk: 4,
  cyber_enabled: 5,
  alcohol_related: 6,
  non_recent: 7,
  course_of_conduct: 8,
} as const;
export const FLAG_COUNT = 9;
export const bit = (flag: number): number => 1 << flag;

export interface OffenceCode {
  readonly code: string;
  readonly description: string;
  readonly weight: number;
  /** Racially or religiously aggravated: only on hate crimes. */
  readonly aggravated?: boolean;
  /** Only on domestic abuse (controlling or coercive behaviour). */
  readonly daOnly?: boolean;
  /** Weight multiplier when the crime is DA-flagged. */
  readonly daBoost?: number;
  /** Weight multiplier when the crime is CSE-flagged. */
  readonly cseBoost?: number;
  /** The victim is a child (age under 13 or under 16). */
  readonly childVictim?: boolean;
}

/** Marker propensities; the calibrated scale factors turn these into probabilities. */
export interface FlagWeights {
  readonly domestic_abuse: number;
  readonly hate: number;
  readonly cse: number;
  readonly vulnerable_adult: number;
  readonly child_at_risk: number;
  readonly cyber_enabled: number;
  readonly alcohol_related: number;
  /** Fixed probabilities (not calibrated). */
  readonly non_recent: number;
  readonly course_of_conduct: number;
}

export interface SubgroupDef {
  readonly subgroup: string;
  /** Share of the scorecard group's crimes. */
  readonly share: number;
  readonly codes: readonly OffenceCode[];
  readonly flags: FlagWeights;
  /** Sexual offence (victims mostly female, more child victims). */
  readonly sexual?: boolean;
  /** Usually a business or organisation is the victim (staff member linked as the person). */
  readonly business?: boolean;
}

const fw = (w: Partial<FlagWeights>): FlagWeights => ({
  domestic_abuse: 0,
  hate: 0,
  cse: 0,
  vulnerable_adult: 0,
  child_at_risk: 0,
  cyber_enabled: 0,
  alcohol_related: 0,
  non_recent: 0.005,
  course_of_conduct: 0,
  ...w,
});

const c = (
  code: string,
  description: string,
  weight: number,
  extra: Omit<OffenceCode, 'code' | 'description' | 'weight'> = {},
): OffenceCode => ({ code, description, weight, ...extra });

export const SUBGROUP_DEFS: Readonly<Record<string, SubgroupDef>> = {
  Homicide: {
    subgroup: 'Homicide',
    share: 0.0015,
    codes: [c('1', 'Murder', 0.8), c('4.1', 'Manslaughter', 0.2)],
    flags: fw({
      domestic_abuse: 0.25,
      vulnerable_adult: 0.2,
      child_at_risk: 0.1,
      alcohol_related: 0.3,
    }),
  },
  'Death or serious injury caused by unlawful driving': {
    subgroup: 'Death or serious injury caused by unlawful driving',
    share: 0.004,
    codes: [
      c('4.4', 'Causing death or serious injury by dangerous driving', 0.5),
      c('4.8', 'Causing death by careless or inconsiderate driving', 0.3),
      c('37.1', 'Causing death by aggravated vehicle taking', 0.2),
    ],
    flags: fw({ alcohol_related: 0.2 }),
  },
  'Violence with injury': {
    subgroup: 'Violence with injury',
    share: 0.9945,
    codes: [
      c('8N', 'Assault with injury', 0.8),
      c('8S', 'Assault with injury on a constable', 0.03, { daBoost: 0 }),
      c('5D', 'Assault with intent to cause serious harm', 0.09),
      c('5E', 'Endangering life', 0.02),
      c('2', 'Attempted murder', 0.004),
      c('8P', 'Racially or religiously aggravated assault with injury', 0.02, { aggravated: true }),
    ],
    flags: fw({
      domestic_abuse: 0.38,
      hate: 0.03,
      vulnerable_adult: 0.2,
      child_at_risk: 0.2,
      alcohol_related: 0.2,
      non_recent: 0.01,
    }),
  },
  'Violence without injury': {
    subgroup: 'Violence without injury',
    share: 0.56,
    codes: [
      c('105A', 'Assault without injury', 0.72),
      c('104', 'Assault without injury on a constable', 0.06, { daBoost: 0 }),
      c('105B', 'Racially or religiously aggravated assault without injury', 0.03, {
        aggravated: true,
      }),
      c('3B', 'Threats to kill', 0.08),
      c('11A', 'Cruelty to children/young persons', 0.05, { childVictim: true }),
      c('36', 'Kidnapping', 0.01),
      c('106', 'Modern slavery', 0.005, { daBoost: 0 }),
    ],
    flags: fw({
      domestic_abuse: 0.38,
      hate: 0.06,
      cse: 0.001,
      vulnerable_adult: 0.18,
      child_at_risk: 0.22,
      cyber_enabled: 0.03,
      alcohol_related: 0.1,
      non_recent: 0.02,
      course_of_conduct: 0.01,
    }),
  },
  'Stalking and harassment': {
    subgroup: 'Stalking and harassment',
    share: 0.44,
    codes: [
      c('8L', 'Harassment', 0.3),
      c('8M', 'Racially or religiously aggravated harassment', 0.04, { aggravated: true }),
      c('8Q', 'Stalking', 0.1, { daBoost: 1.5 }),
      c('8R', 'Controlling or coercive behaviour', 0.3, { daOnly: true }),
      c('8U', 'Malicious communications', 0.4),
    ],
    flags: fw({
      domestic_abuse: 0.5,
      hate: 0.05,
      cse: 0.003,
      vulnerable_adult: 0.2,
      child_at_risk: 0.2,
      cyber_enabled: 0.45,
      alcohol_related: 0.01,
      non_recent: 0.02,
      course_of_conduct: 0.55,
    }),
  },
  Rape: {
    subgroup: 'Rape',
    share: 1,
    sexual: true,
    codes: [
      c('19C', 'Rape of a female aged 16 and over', 0.62, { daBoost: 1.4 }),
      c('19D', 'Rape of a female child under 16', 0.12, {
        childVictim: true,
        daBoost: 0.3,
        cseBoost: 4,
      }),
      c('19E', 'Rape of a female child under 13', 0.1, {
        childVictim: true,
        daBoost: 0.2,
        cseBoost: 3,
      }),
      c('19F', 'Rape of a male aged 16 and over', 0.06),
      c('19G', 'Rape of a male child under 16', 0.04, {
        childVictim: true,
        daBoost: 0.2,
        cseBoost: 3,
      }),
      c('19H', 'Rape of a male child under 13', 0.06, {
        childVictim: true,
        daBoost: 0.2,
        cseBoost: 2,
      }),
    ],
    flags: fw({
      domestic_abuse: 0.35,
      cse: 0.05,
      vulnerable_adult: 0.35,
      child_at_risk: 0.5,
      cyber_enabled: 0.03,
      alcohol_related: 0.1,
      non_recent: 0.32,
    }),
  },
  'Other sexual offences': {
    subgroup: 'Other sexual offences',
    share: 1,
    sexual: true,
    codes: [
      c('20A', 'Sexual assault on a female aged 13 and over', 0.35, { daBoost: 1.5 }),
      c('20B', 'Sexual assault on a female child under 13', 0.07, {
        childVictim: true,
        daBoost: 0.3,
      }),
      c('17A', 'Sexual assault on a male aged 13 and over', 0.06),
      c('17B', 'Sexual assault on a male child under 13', 0.03, {
        childVictim: true,
        daBoost: 0.3,
      }),
      c('21', 'Sexual activity involving a child under 13', 0.06, {
        childVictim: true,
        daBoost: 0.3,
      }),
      c('22B', 'Sexual activity involving a child under 16', 0.1, {
        childVictim: true,
        cseBoost: 3,
      }),
      c('88E', 'Exposure and voyeurism', 0.15),
      c('71', 'Abuse of children through sexual exploitation', 0.03, {
        childVictim: true,
        cseBoost: 12,
      }),
      c('88A', 'Sexual grooming', 0.04, { childVictim: true, cseBoost: 5 }),
      c('23', 'Incest or familial sexual offences', 0.02, { childVictim: true, daBoost: 3 }),
      c('86', 'Obscene publications etc and protected sexual images', 0.09),
    ],
    flags: fw({
      domestic_abuse: 0.12,
      cse: 0.1,
      vulnerable_adult: 0.3,
      child_at_risk: 0.55,
      cyber_enabled: 0.25,
      alcohol_related: 0.05,
      non_recent: 0.25,
    }),
  },
  'Robbery of personal property': {
    subgroup: 'Robbery of personal property',
    share: 1,
    codes: [c('34B', 'Robbery of personal property', 1)],
    flags: fw({
      domestic_abuse: 0.02,
      hate: 0.01,
      vulnerable_adult: 0.15,
      child_at_risk: 0.1,
      alcohol_related: 0.05,
    }),
  },
  'Robbery of business property': {
    subgroup: 'Robbery of business property',
    share: 1,
    business: true,
    codes: [c('34A', 'Robbery of business property', 1)],
    flags: fw({ alcohol_related: 0.02 }),
  },
  'Residential burglary': {
    subgroup: 'Residential burglary',
    share: 1,
    codes: [
      c('28E', 'Burglary - residential', 0.8),
      c('28F', 'Attempted burglary - residential', 0.17),
      c('28G', 'Distraction burglary - residential', 0.03),
    ],
    flags: fw({ domestic_abuse: 0.05, hate: 0.002, vulnerable_adult: 0.15, child_at_risk: 0.02 }),
  },
  'Non-residential burglary': {
    subgroup: 'Non-residential burglary',
    share: 1,
    business: true,
    codes: [
      c('30C', 'Burglary - business and community', 0.85),
      c('30D', 'Attempted burglary - business and community', 0.15),
    ],
    flags: fw({ vulnerable_adult: 0.02 }),
  },
  'Vehicle offences': {
    subgroup: 'Vehicle offences',
    share: 1,
    codes: [
      c('45', 'Theft from a vehicle', 0.52),
      c('48', 'Theft or unauthorised taking of a motor vehicle', 0.28),
      c('126', 'Interfering with a motor vehicle', 0.15),
      c('37.2', 'Aggravated vehicle taking', 0.05),
    ],
    flags: fw({ domestic_abuse: 0.03, vulnerable_adult: 0.03 }),
  },
  'Theft from the person': {
    subgroup: 'Theft from the person',
    share: 1,
    codes: [c('39', 'Theft from the person', 1)],
    flags: fw({
      domestic_abuse: 0.02,
      hate: 0.002,
      vulnerable_adult: 0.2,
      child_at_risk: 0.03,
      alcohol_related: 0.03,
    }),
  },
  'Bicycle theft': {
    subgroup: 'Bicycle theft',
    share: 1,
    codes: [c('44', 'Theft of a pedal cycle', 1)],
    flags: fw({ domestic_abuse: 0.01, vulnerable_adult: 0.03, child_at_risk: 0.03 }),
  },
  Shoplifting: {
    subgroup: 'Shoplifting',
    share: 1,
    business: true,
    codes: [c('46', 'Shoplifting', 1)],
    flags: fw({ vulnerable_adult: 0.01, child_at_risk: 0.02 }),
  },
  'All other theft offences': {
    subgroup: 'All other theft offences',
    share: 1,
    codes: [
      c('49', 'Other theft', 0.72),
      c('40', 'Theft in a dwelling other than from an automatic machine or meter', 0.14, {
        daBoost: 3,
      }),
      c('41', 'Theft by an employee', 0.04, { daBoost: 0 }),
      c('42', 'Theft of mail', 0.02),
      c('43', 'Dishonest use of electricity', 0.01, { daBoost: 0 }),
      c('47', 'Theft from an automatic machine or meter', 0.02, { daBoost: 0 }),
      c('54', 'Handling stolen goods', 0.05, { daBoost: 0 }),
    ],
    flags: fw({
      domestic_abuse: 0.05,
      hate: 0.002,
      vulnerable_adult: 0.12,
      child_at_risk: 0.05,
      cyber_enabled: 0.08,
    }),
  },
  'Criminal damage': {
    subgroup: 'Criminal damage',
    share: 0.95,
    codes: [
      c('58A', 'Criminal damage to a dwelling', 0.3, { daBoost: 2 }),
      c('58B', 'Criminal damage to a building other than a dwelling', 0.18, { daBoost: 0.2 }),
      c('58C', 'Criminal damage to a vehicle', 0.35),
      c('58D', 'Other criminal damage', 0.14),
      c('58E', 'Racially or religiously aggravated criminal damage', 0.02, { aggravated: true }),
      c('59', 'Threat or possession with intent to commit criminal damage', 0.03),
    ],
    flags: fw({
      domestic_abuse: 0.14,
      hate: 0.03,
      vulnerable_adult: 0.08,
      child_at_risk: 0.1,
      alcohol_related: 0.05,
    }),
  },
  Arson: {
    subgroup: 'Arson',
    share: 0.05,
    codes: [c('56A', 'Arson endangering life', 0.15), c('56B', 'Arson not endangering life', 0.85)],
    flags: fw({ domestic_abuse: 0.1, hate: 0.01, vulnerable_adult: 0.05, child_at_risk: 0.05 }),
  },
  'Trafficking of drugs': {
    subgroup: 'Trafficking of drugs',
    share: 0.22,
    codes: [c('92A', 'Trafficking in controlled drugs', 0.9), c('92C', 'Other drug offences', 0.1)],
    flags: fw({ vulnerable_adult: 0.02, child_at_risk: 0.04, cse: 0.002 }),
  },
  'Possession of drugs': {
    subgroup: 'Possession of drugs',
    share: 0.78,
    codes: [
      c('92D', 'Possession of controlled drugs (excluding cannabis)', 0.3),
      c('92E', 'Possession of controlled drugs (cannabis)', 0.7),
    ],
    flags: fw({ domestic_abuse: 0.005, child_at_risk: 0.02 }),
  },
  'Possession of weapons offences': {
    subgroup: 'Possession of weapons offences',
    share: 1,
    codes: [
      c('10A', 'Possession of firearms with intent', 0.03),
      c('10C', 'Possession of other weapons', 0.2),
      c('10D', 'Possession of article with blade or point', 0.65),
      c('81', 'Other firearms offences', 0.12),
    ],
    flags: fw({
      domestic_abuse: 0.03,
      child_at_risk: 0.05,
      vulnerable_adult: 0.02,
      alcohol_related: 0.05,
    }),
  },
  'Public order offences': {
    subgroup: 'Public order offences',
    share: 1,
    codes: [
      c('9A', 'Public fear, alarm or distress', 0.84),
      c('9B', 'Racially or religiously aggravated public fear, alarm or distress', 0.06, {
        aggravated: true,
      }),
      c('62A', 'Violent disorder', 0.02, { daBoost: 0 }),
      c('66', 'Other offences against the State or public order', 0.08),
    ],
    flags: fw({
      domestic_abuse: 0.06,
      hate: 0.2,
      vulnerable_adult: 0.05,
      child_at_risk: 0.08,
      cyber_enabled: 0.05,
      alcohol_related: 0.15,
    }),
  },
  'Miscellaneous crimes against society': {
    subgroup: 'Miscellaneous crimes against society',
    share: 1,
    codes: [
      c('802', 'Dangerous driving', 0.12, { daBoost: 0 }),
      c('33', 'Going equipped for stealing, etc.', 0.08, { daBoost: 0 }),
      c('35', 'Blackmail', 0.1),
      c('38', 'Profiting from or concealing knowledge of the proceeds of crime', 0.1, {
        daBoost: 0,
      }),
      c('99', 'Other indictable or triable-either-way offences', 0.3),
      c('95', 'Disclosure, obstruction, false or misleading statements etc', 0.1),
      c('24', 'Exploitation of prostitution', 0.03, { cseBoost: 10 }),
      c('814', 'Fraud, forgery etc associated with vehicle or driver records', 0.07, {
        daBoost: 0,
      }),
      c('26', 'Aiding suicide', 0.01),
      c('60', 'Perverting the course of justice', 0.09),
    ],
    flags: fw({
      domestic_abuse: 0.04,
      cse: 0.01,
      vulnerable_adult: 0.1,
      child_at_risk: 0.1,
      cyber_enabled: 0.15,
      alcohol_related: 0.02,
    }),
  },
};

export const SUBGROUP_COUNT = OFFENCE_SUBGROUPS.length;
export const GROUP_COUNT = SCORECARD_CRIME_GROUPS.length;

export const GROUP_INDEX: Readonly<Record<ScorecardCrimeGroup, number>> = Object.fromEntries(
  SCORECARD_CRIME_GROUPS.map((g, i) => [g, i]),
) as Record<ScorecardCrimeGroup, number>;

/** Per subgroup index: its definition and the index of its scorecard group. */
export const SUBGROUPS = OFFENCE_SUBGROUPS.map((s, i) => {
  const def = SUBGROUP_DEFS[s.subgroup];
  if (!def) throw new Error(`demo: no offence definition for subgroup ${s.subgroup}`);
  return { index: i, ...s, def, group: GROUP_INDEX[s.scorecardGroup] };
});

/** Subgroup indexes of each scorecard group, with their shares. */
export const GROUP_SUBGROUPS: readonly {
  readonly subs: readonly number[];
  readonly shares: readonly number[];
}[] = SCORECARD_CRIME_GROUPS.map((g) => {
  const subs = SUBGROUPS.filter((s) => s.scorecardGroup === g);
  return { subs: subs.map((s) => s.index), shares: subs.map((s) => s.def.share) };
});

export type SeasonProfile = 'summer' | 'winter' | 'flat' | 'shoplifting' | 'bicycle';
export type CovidProfile =
  | 'acquisitive'
  | 'theftPerson'
  | 'violence'
  | 'vwoi'
  | 'sexual'
  | 'damage'
  | 'drugs'
  | 'weapons'
  | 'publicOrder'
  | 'misc'
  | 'bicycle';

/** Seasonal factors by financial-year month (April first). */
export const SEASON: Readonly<Record<SeasonProfile, readonly number[]>> = {
  summer: [0.97, 1.04, 1.06, 1.08, 1.04, 1.0, 0.98, 0.95, 0.97, 0.92, 0.9, 0.97],
  winter: [0.9, 0.88, 0.86, 0.9, 0.93, 0.97, 1.06, 1.14, 1.12, 1.1, 1.02, 0.98],
  flat: [0.98, 1.0, 1.0, 1.02, 1.0, 1.0, 1.0, 1.0, 1.03, 0.98, 0.97, 1.02],
  shoplifting: [0.97, 0.98, 0.97, 1.0, 0.99, 0.98, 1.02, 1.05, 1.12, 0.97, 0.95, 1.0],
  bicycle: [0.95, 1.1, 1.2, 1.25, 1.2, 1.1, 1.0, 0.85, 0.7, 0.65, 0.7, 0.85],
};

/**
 * COVID-19 factors for 2020/21 (April 2020 … March 2021): lockdowns in April–May 2020,
 * November 2020 and January–March 2021; acquisitive crime falls most. 1 in other years.
 */
export const COVID: Readonly<Record<CovidProfile, readonly number[]>> = {
  acquisitive: [0.55, 0.62, 0.76, 0.86, 0.9, 0.91, 0.88, 0.72, 0.82, 0.62, 0.64, 0.76],
  theftPerson: [0.3, 0.35, 0.5, 0.6, 0.65, 0.7, 0.65, 0.45, 0.55, 0.35, 0.38, 0.5],
  violence: [0.78, 0.86, 0.93, 0.98, 0.99, 0.98, 0.96, 0.88, 0.9, 0.82, 0.83, 0.9],
  vwoi: [0.93, 0.97, 1.0, 1.02, 1.02, 1.02, 1.0, 0.96, 0.98, 0.93, 0.94, 0.98],
  sexual: [0.72, 0.8, 0.9, 0.95, 0.97, 0.98, 0.97, 0.9, 0.92, 0.85, 0.87, 0.95],
  damage: [0.82, 0.88, 0.95, 0.98, 0.98, 0.98, 0.97, 0.9, 0.92, 0.86, 0.87, 0.93],
  drugs: [1.35, 1.4, 1.2, 1.08, 1.05, 1.05, 1.1, 1.3, 1.15, 1.3, 1.25, 1.12],
  weapons: [0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.95, 0.9, 0.9, 0.95],
  publicOrder: [1.0, 1.1, 1.08, 1.05, 1.04, 1.03, 1.03, 1.02, 1.0, 0.98, 0.98, 1.0],
  misc: [0.95, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.97, 1.0],
  bicycle: [0.8, 1.05, 1.15, 1.1, 1.05, 1.0, 0.95, 0.8, 0.85, 0.75, 0.8, 0.9],
};

export interface GroupProfile {
  readonly season: SeasonProfile;
  readonly covid: CovidProfile;
  /** Exponent on an LPA's urban index when spreading crime across LPAs. */
  readonly urbanK: number;
  /** Investigation length multiplier (outcome lags). */
  readonly lagFactor: number;
  /** Probability that a victim (person) is linked when the outcome is not 14 or 16. */
  readonly victimLinked: number;
}

export const GROUP_PROFILES: Readonly<Record<ScorecardCrimeGroup, GroupProfile>> = {
  violence_with_injury: {
    season: 'summer',
    covid: 'violence',
    urbanK: 0.4,
    lagFactor: 0.7,
    victimLinked: 0.975,
  },
  violence_without_injury: {
    season: 'summer',
    covid: 'vwoi',
    urbanK: 0.2,
    lagFactor: 0.65,
    victimLinked: 0.975,
  },
  rape: { season: 'flat', covid: 'sexual', urbanK: 0.2, lagFactor: 3.2, victimLinked: 0.98 },
  other_sexual_offences: {
    season: 'flat',
    covid: 'sexual',
    urbanK: 0.2,
    lagFactor: 2.2,
    victimLinked: 0.97,
  },
  personal_robbery: {
    season: 'winter',
    covid: 'acquisitive',
    urbanK: 1.5,
    lagFactor: 1.3,
    victimLinked: 0.97,
  },
  business_robbery: {
    season: 'winter',
    covid: 'acquisitive',
    urbanK: 1.5,
    lagFactor: 1.3,
    victimLinked: 0.9,
  },
  residential_burglary: {
    season: 'winter',
    covid: 'acquisitive',
    urbanK: 0.3,
    lagFactor: 1.15,
    victimLinked: 0.97,
  },
  business_burglary: {
    season: 'winter',
    covid: 'acquisitive',
    urbanK: 0.5,
    lagFactor: 1.1,
    victimLinked: 0.9,
  },
  vehicle_offences: {
    season: 'winter',
    covid: 'acquisitive',
    urbanK: 0.5,
    lagFactor: 1.1,
    victimLinked: 0.97,
  },
  theft_from_person: {
    season: 'winter',
    covid: 'theftPerson',
    urbanK: 2.0,
    lagFactor: 1.1,
    victimLinked: 0.97,
  },
  bicycle_theft: {
    season: 'bicycle',
    covid: 'bicycle',
    urbanK: 1.3,
    lagFactor: 1.0,
    victimLinked: 0.97,
  },
  shoplifting: {
    season: 'shoplifting',
    covid: 'acquisitive',
    urbanK: 1.5,
    lagFactor: 1.1,
    victimLinked: 0.9,
  },
  all_other_theft: {
    season: 'flat',
    covid: 'acquisitive',
    urbanK: 0.6,
    lagFactor: 1.2,
    victimLinked: 0.96,
  },
  criminal_damage_arson: {
    season: 'summer',
    covid: 'damage',
    urbanK: 0.3,
    lagFactor: 1.0,
    victimLinked: 0.96,
  },
  drug_offences: { season: 'flat', covid: 'drugs', urbanK: 1.2, lagFactor: 1.8, victimLinked: 0 },
  possession_of_weapons: {
    season: 'summer',
    covid: 'weapons',
    urbanK: 1.0,
    lagFactor: 1.6,
    victimLinked: 0,
  },
  public_order: {
    season: 'summer',
    covid: 'publicOrder',
    urbanK: 1.0,
    lagFactor: 0.7,
    victimLinked: 0.55,
  },
  misc_crimes_against_society: {
    season: 'flat',
    covid: 'misc',
    urbanK: 0.5,
    lagFactor: 1.5,
    victimLinked: 0.25,
  },
};

/** Subgroups crimed incidents are recorded under (they carry a marker but are not notifiable crimes). */
export const CRIMED_INCIDENT_SUBGROUPS: readonly [string, number][] = [
  ['Violence without injury', 0.35],
  ['Stalking and harassment', 0.3],
  ['Public order offences', 0.15],
  ['Criminal damage', 0.1],
  ['Violence with injury', 0.07],
  ['Other sexual offences', 0.03],
];

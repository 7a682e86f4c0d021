/**
 * Words for the codes the engine passes through to readers: survey names, equality
 * categories, crime markers, outcome report groups and scorecard crime groups. The codes are
 * the import format's vocabularies (src/facts/tables.ts); where the reference data names a
 * code (offence subgroups, outcome types), its name is used, so a label is written once.
 */
import { AGE_BANDS, CRIME_FLAGS, DISABILITY, ETHNICITY, SEX, SURVEYS } from '../facts/tables.ts';
import { OFFENCE_SUBGROUPS, SCORECARD_CRIME_GROUPS } from '../facts/reference/offence-subgroups.ts';
import { OUTCOME_TYPES } from '../facts/reference/outcome-groups.ts';

type Labels<K extends string> = Readonly<Record<K, string>>;

const SURVEY_LABELS: Labels<(typeof SURVEYS)[number]> = {
  burglary: 'Burglary',
  violent: 'Violent crime',
  hate: 'Hate crime',
  domestic_abuse: 'Domestic abuse',
  rtc: 'Road traffic collision',
  perception: 'Public perception survey',
  sms: 'SMS contact survey',
};

const NOT_STATED = 'Not stated';

const ETHNICITY_LABELS: Labels<(typeof ETHNICITY)[number]> = {
  white: 'White',
  mixed: 'Mixed or multiple ethnic groups',
  asian: 'Asian',
  black: 'Black',
  other: 'Other ethnic group',
  not_stated: NOT_STATED,
};

const SEX_LABELS: Labels<(typeof SEX)[number]> = {
  male: 'Male',
  female: 'Female',
  other: 'Other',
  not_stated: NOT_STATED,
};

const DISABILITY_LABELS: Labels<(typeof DISABILITY)[number]> = {
  yes: 'Disabled',
  no: 'Not disabled',
  not_stated: NOT_STATED,
};

const CRIME_FLAG_LABELS: Labels<(typeof CRIME_FLAGS)[number]> = {
  domestic_abuse: 'Domestic abuse',
  hate: 'Hate crime',
  cse: 'Child sexual exploitation',
  vulnerable_adult: 'Vulnerable adult',
  child_at_risk: 'Child at risk',
  cyber_enabled: 'Cyber-enabled',
  alcohol_related: 'Alcohol-related',
  non_recent: 'Non-recent',
  course_of_conduct: 'Course of conduct',
};

/** Outcome report groups (src/facts/reference/outcome-groups.ts). */
const OUTCOME_GROUP_LABELS: Readonly<Record<string, string>> = {
  action_taken: 'Action taken',
  evidential_victim_supports: 'Evidential difficulties: victim supports action',
  evidential_victim_does_not_support: 'Evidential difficulties: victim does not support action',
  other: 'Other outcomes',
};

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** Scorecard crime groups, named after the offence subgroup of the same name where there is one. */
const SCORECARD_GROUP_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  SCORECARD_CRIME_GROUPS.map((g) => {
    const same = OFFENCE_SUBGROUPS.find((s) => slugOf(s.subgroup) === g);
    const fallback: Readonly<Record<string, string>> = {
      personal_robbery: 'Robbery of personal property',
      business_robbery: 'Robbery of business property',
      business_burglary: 'Non-residential burglary',
      theft_from_person: 'Theft from the person',
      all_other_theft: 'All other theft offences',
      criminal_damage_arson: 'Criminal damage and arson',
      drug_offences: 'Drug offences',
      possession_of_weapons: 'Possession of weapons offences',
      public_order: 'Public order offences',
      misc_crimes_against_society: 'Miscellaneous crimes against society',
    };
    return [g, same?.subgroup ?? fallback[g] ?? g];
  }),
);

const AGE_BAND_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  AGE_BANDS.map((b) => [b, b === 'not_stated' ? NOT_STATED : b.replace('-', '–')]),
);

/** Home Office outcome types by code ("16" → the reference's short name). */
const OUTCOME_TYPE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  OUTCOME_TYPES.map((o) => [o.outcomeType, o.shortName]),
);

/** The vocabularies `label()` knows. */
export const VOCABULARIES = {
  survey: SURVEY_LABELS,
  ethnicity: ETHNICITY_LABELS,
  sex: SEX_LABELS,
  disability: DISABILITY_LABELS,
  age_band: AGE_BAND_LABELS,
  crime_flag: CRIME_FLAG_LABELS,
  outcome_group: OUTCOME_GROUP_LABELS,
  outcome_type: OUTCOME_TYPE_LABELS,
  scorecard_group: SCORECARD_GROUP_LABELS,
} as const satisfies Record<string, Readonly<Record<string, string>>>;

export type Vocabulary = keyof typeof VOCABULARIES;

/**
 * The vocabularies tried, in order, when a code comes without one. Outcome types are left out
 * (bare numbers are not codes), and where two vocabularies share a code the more specific
 * reading comes first: a bare "other" is an outcome group's "Other outcomes" only when asked.
 */
export const GUESS_ORDER: readonly Vocabulary[] = [
  'survey',
  'crime_flag',
  'scorecard_group',
  'ethnicity',
  'sex',
  'age_band',
];

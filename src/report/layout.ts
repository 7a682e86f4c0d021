/**
 * Where each measure goes in the quarterly report: sections and subsections in the order of the
 * force's Gold scorecard (MEASURES.md; seed 003). Fixed ids are listed with a title so a measure
 * missing from the results still gets a "not available" line; id families (`sat_stage_*`,
 * `victims_code_*`, `crime_*`, `priority_*`) are matched by prefix and appear only when present.
 */

export type Tier = 'gold' | 'silver' | 'bronze';

export interface LayoutMeasure {
  readonly id: string;
  /** Used when the result is missing; a present result shows its own title. */
  readonly title: string;
  readonly tier: Tier;
}

export type SubsectionKind =
  /** One block per measure. */
  | 'measures'
  /** A crime table (one row per `crime_*` result) plus blocks for the total and any group outside its limits. */
  | 'crime-table'
  /** A priorities table (one row per `priority_*` result) plus a block for each. */
  | 'priority-table'
  /** Inspection findings, or a note that none are loaded. */
  | 'inspections';

export interface LayoutSubsection {
  readonly id: string;
  readonly title: string;
  readonly kind: SubsectionKind;
  readonly measures: readonly LayoutMeasure[];
  /** Id prefixes whose results also belong here (after the fixed ids), in result order. */
  readonly prefixes?: readonly string[];
  /** Ids matched by a prefix that belong elsewhere. */
  readonly exclude?: readonly string[];
  /** Tier of prefix-matched results when the result does not say (it always does). */
  readonly prefixTier?: Tier;
}

export interface LayoutSection {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly subsections: readonly LayoutSubsection[];
}

const g = (id: string, title: string): LayoutMeasure => ({ id, title, tier: 'gold' });
const s = (id: string, title: string): LayoutMeasure => ({ id, title, tier: 'silver' });

export const REPORT_LAYOUT: readonly LayoutSection[] = [
  {
    id: 'service',
    number: 1,
    title: 'A high quality, consistent service to the public',
    subsections: [
      {
        id: 'satisfaction',
        title: 'Victim satisfaction',
        kind: 'measures',
        measures: [
          g('survey_interviews', 'Survey interviews completed against target'),
          g('sat_burglary', 'Burglary victim satisfaction'),
          g('sat_violent', 'Violent crime victim satisfaction'),
          g('sat_hate', 'Hate crime victim satisfaction'),
          g('sat_domestic_abuse', 'Domestic abuse victim satisfaction'),
          g('sat_rtc', 'Road traffic collision victim satisfaction'),
          s('da_felt_safer', 'Domestic abuse victims who felt safer'),
          s('da_police_cared', 'Domestic abuse victims who felt the police cared'),
          s('da_confident_again', 'Domestic abuse victims confident to contact the police again'),
          s(
            'da_would_recommend',
            'Domestic abuse victims who would recommend contacting the police',
          ),
        ],
        prefixes: ['sat_stage_'],
        prefixTier: 'silver',
      },
      {
        id: 'victims-code',
        title: "Victims' Code and referrals",
        kind: 'measures',
        measures: [
          g('val_referral_rate', 'Victim Advice Line referral rate'),
          g('victims_code_compliance', "Victims' Code compliance"),
        ],
        prefixes: ['victims_code_'],
        prefixTier: 'silver',
      },
      {
        id: 'confidence',
        title: 'Public confidence',
        kind: 'measures',
        measures: [
          g('confidence', 'Public confidence'),
          g('understands_issues', 'The police understand local issues'),
          g('access_emergency', 'Could access the police in an emergency'),
          g('access_non_emergency', 'Could access the police in a non-emergency'),
          g('sees_officer_weekly', 'Sees an officer or PCSO at least weekly'),
          g('satisfied_local_policing', 'Satisfied with local policing'),
        ],
      },
    ],
  },
  {
    id: 'ethical',
    number: 2,
    title: 'An ethical service',
    subsections: [
      {
        id: 'cdi',
        title: 'Crime data integrity',
        kind: 'measures',
        measures: [g('cdi_compliance', 'Crime data integrity compliance')],
      },
      {
        id: 'protected-characteristics',
        title: 'Protected characteristics of victims',
        kind: 'measures',
        measures: [
          g('recorded_ethnicity', 'Victims with ethnicity recorded'),
          g('recorded_sex', 'Victims with sex recorded'),
          g('recorded_dob', 'Victims with date of birth recorded'),
        ],
      },
    ],
  },
  {
    id: 'core-practices',
    number: 3,
    title: 'Effective core practices',
    subsections: [
      {
        id: 'national-measures',
        title: 'National Crime and Policing Measures',
        kind: 'measures',
        measures: [g('national_measures', 'National Crime and Policing Measures')],
      },
      {
        id: 'calls',
        title: 'Calls for service',
        kind: 'measures',
        measures: [
          g('calls_999_10s', '999 calls answered within 10 seconds'),
          g('calls_101_30s', '101 calls answered within 30 seconds'),
          g('unresourced_incidents', 'Unresourced incidents'),
        ],
      },
      {
        id: 'investigations',
        title: 'Open investigations',
        kind: 'measures',
        measures: [g('open_investigations', 'Open investigations')],
      },
      {
        id: 'outcomes',
        title: 'Outcomes',
        kind: 'measures',
        measures: [
          g('outcomes_table', 'Outcomes assigned'),
          g('action_taken_rate', 'Action-taken outcome rate'),
          g('oc16_rate', 'Outcome 16 rate'),
          g('victim_linked_oc14', 'Outcome 14 crimes with a victim linked'),
          g('victim_linked_oc16', 'Outcome 16 crimes with a victim linked'),
        ],
      },
    ],
  },
  {
    id: 'demand',
    number: 4,
    title: 'Managing demand: policing priorities',
    subsections: [
      {
        id: 'crime',
        title: 'Recorded crime',
        kind: 'crime-table',
        measures: [
          g('crime_table', 'Recorded crime by group'),
          g('crime_total', 'Total recorded crime'),
        ],
        prefixes: ['crime_'],
        prefixTier: 'silver',
      },
      {
        id: 'priorities',
        title: 'Policing priorities',
        kind: 'priority-table',
        measures: [
          g('priority_hate', 'Hate crimes and crimed incidents'),
          g('priority_vulnerable_adult', 'Vulnerable adult crimes and crimed incidents'),
          g('priority_child_at_risk', 'Child at risk crimes and crimed incidents'),
          g('priority_cse', 'Child sexual exploitation crimes and crimed incidents'),
          g('priority_residential_burglary', 'Residential burglary'),
        ],
        prefixes: ['priority_'],
        exclude: ['priority_domestic_abuse'],
        prefixTier: 'gold',
      },
      {
        id: 'domestic-abuse',
        title: 'Domestic abuse',
        kind: 'measures',
        measures: [
          g('priority_domestic_abuse', 'Domestic abuse crimes and crimed incidents'),
          g('da_arrest_rate', 'Domestic abuse arrest rate'),
          g('da_outcomes_table', 'Domestic abuse outcomes assigned'),
        ],
      },
      {
        id: 'repeat',
        title: 'Repeat victims and high-harm repeat nominals',
        kind: 'measures',
        measures: [
          g('repeat_victim_rate_trc', 'Repeat victim rate (all crime)'),
          g('repeat_victim_rate_da', 'Repeat victim rate (domestic abuse)'),
          g('high_harm_repeat_nominals', 'High-harm repeat nominals'),
        ],
      },
      {
        id: 'roads',
        title: 'Safer roads',
        kind: 'measures',
        measures: [g('ksi', 'Killed or seriously injured casualties')],
      },
      {
        id: 'vawg',
        title: 'Violence against women and girls',
        kind: 'measures',
        measures: [
          g('vawg_oc16', 'Outcome 16 for violence against women and girls'),
          g('rape_cps_overdue', 'Rape files with the CPS beyond 28 days'),
        ],
      },
      {
        id: 'soc',
        title: 'Serious and organised crime',
        kind: 'measures',
        measures: [g('soc_disruptions', 'Organised crime group disruptions')],
      },
    ],
  },
  {
    id: 'innovating',
    number: 5,
    title: 'Innovating and improving',
    subsections: [
      {
        id: 'inspections',
        title: 'Inspection findings',
        kind: 'inspections',
        measures: [g('recommendations_open', 'Open inspection recommendations')],
      },
    ],
  },
  {
    id: 'workforce',
    number: 6,
    title: 'Workforce',
    subsections: [
      {
        id: 'workforce-returns',
        title: 'Workforce returns',
        kind: 'measures',
        measures: [
          g('female_officers_pct', 'Female police officers'),
          g('ethnic_minority_officers_pct', 'Ethnic minority police officers'),
          g('attrition_officers', 'Police officer attrition'),
          g('attrition_staff', 'Police staff attrition'),
          g('attrition_pcso', 'PCSO attrition'),
          g('officers_under_2_years', "Officers with under 2 years' service"),
        ],
      },
    ],
  },
];

/** Every id the layout names or matches, in report order, for the given result ids. */
export function layoutOrder(
  resultIds: readonly string[],
): { id: string; subsection: LayoutSubsection }[] {
  const out: { id: string; subsection: LayoutSubsection }[] = [];
  const seen = new Set<string>();
  for (const section of REPORT_LAYOUT) {
    for (const sub of section.subsections) {
      for (const id of subsectionIds(sub, resultIds)) {
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ id, subsection: sub });
      }
    }
  }
  return out;
}

/** The ids a subsection shows: its fixed ids, then prefix matches among the results. */
export function subsectionIds(sub: LayoutSubsection, resultIds: readonly string[]): string[] {
  const fixed = sub.measures.map((m) => m.id);
  const fixedEverywhere = new Set(
    REPORT_LAYOUT.flatMap((sec) => sec.subsections.flatMap((x) => x.measures.map((m) => m.id))),
  );
  const byPrefix = resultIds.filter(
    (id) =>
      (sub.prefixes ?? []).some((p) => id.startsWith(p)) &&
      !fixed.includes(id) &&
      !(sub.exclude ?? []).includes(id) &&
      !fixedEverywhere.has(id),
  );
  return [...fixed, ...byPrefix];
}

/**
 * Where each measure goes in the quarterly report: sections and subsections in the order of the
 * force's Gold scorecard (MEASURES.md; seed 003). A subsection names catalogue ids (so a misspelt
 * id does not compile) and the families whose other members follow them, in result order; every
 * fact about a measure itself (title, tier, family) is read from its catalogue entry, never
 * restated here. A named measure missing from the results still gets a "not available" line with
 * its catalogue title.
 */
import { measureFacts, type Family, type MeasureId } from '../measures/result.ts';

export type Tier = 'gold' | 'silver' | 'bronze';

export interface LayoutMeasure {
  readonly id: string;
  /** The catalogue title, used when the result is missing; a present result shows its own title. */
  readonly title: string;
  /** The catalogue tier. */
  readonly tier: Tier;
}

export type SubsectionKind =
  /** One block per measure. */
  | 'measures'
  /** A crime table (one row per recorded-crime result) plus blocks for the total and any group outside its limits. */
  | 'crime-table'
  /** A priorities table (one row per priority result) plus a block for each. */
  | 'priority-table'
  /** Inspection findings, or a note that none are loaded. */
  | 'inspections';

export interface LayoutSubsection {
  readonly id: string;
  readonly title: string;
  readonly kind: SubsectionKind;
  /** The measures the subsection names, in order, with their catalogue title and tier. */
  readonly measures: readonly LayoutMeasure[];
  /** Families whose other results also belong here (after the named ids), in result order. */
  readonly families?: readonly Family[];
}

export interface LayoutSection {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly subsections: readonly LayoutSubsection[];
}

interface SubsectionSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: SubsectionKind;
  readonly ids: readonly MeasureId[];
  readonly families?: readonly Family[];
}

interface SectionSpec {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly subsections: readonly SubsectionSpec[];
}

const LAYOUT: readonly SectionSpec[] = [
  {
    id: 'service',
    number: 1,
    title: 'A high quality, consistent service to the public',
    subsections: [
      {
        id: 'satisfaction',
        title: 'Victim satisfaction',
        kind: 'measures',
        ids: [
          'survey_interviews',
          'sat_burglary',
          'sat_violent',
          'sat_hate',
          'sat_domestic_abuse',
          'sat_rtc',
          'da_felt_safer',
          'da_police_cared',
          'da_confident_again',
          'da_would_recommend',
        ],
        families: ['satisfaction_stage'],
      },
      {
        id: 'victims-code',
        title: "Victims' Code and referrals",
        kind: 'measures',
        ids: ['val_referral_rate', 'victims_code_compliance'],
        families: ['victims_code'],
      },
      {
        id: 'confidence',
        title: 'Public confidence',
        kind: 'measures',
        ids: [
          'confidence',
          'understands_issues',
          'access_emergency',
          'access_non_emergency',
          'sees_officer_weekly',
          'satisfied_local_policing',
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
        ids: ['cdi_compliance'],
      },
      {
        id: 'protected-characteristics',
        title: 'Protected characteristics of victims',
        kind: 'measures',
        ids: ['recorded_ethnicity', 'recorded_sex', 'recorded_dob'],
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
        ids: ['national_measures'],
      },
      {
        id: 'calls',
        title: 'Calls for service',
        kind: 'measures',
        ids: ['calls_999_10s', 'calls_101_30s', 'unresourced_incidents'],
      },
      {
        id: 'investigations',
        title: 'Open investigations',
        kind: 'measures',
        ids: ['open_investigations'],
      },
      {
        id: 'outcomes',
        title: 'Outcomes',
        kind: 'measures',
        ids: [
          'outcomes_table',
          'action_taken_rate',
          'oc16_rate',
          'victim_linked_oc14',
          'victim_linked_oc16',
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
        ids: ['crime_table', 'crime_total'],
        families: ['recorded_crime'],
      },
      {
        id: 'priorities',
        title: 'Policing priorities',
        kind: 'priority-table',
        ids: [
          'priority_hate',
          'priority_vulnerable_adult',
          'priority_child_at_risk',
          'priority_cse',
          'priority_residential_burglary',
        ],
        families: ['priority'],
      },
      {
        id: 'domestic-abuse',
        title: 'Domestic abuse',
        kind: 'measures',
        ids: ['priority_domestic_abuse', 'da_arrest_rate', 'da_outcomes_table'],
      },
      {
        id: 'repeat',
        title: 'Repeat victims and high-harm repeat nominals',
        kind: 'measures',
        ids: ['repeat_victim_rate_trc', 'repeat_victim_rate_da', 'high_harm_repeat_nominals'],
      },
      {
        id: 'roads',
        title: 'Safer roads',
        kind: 'measures',
        ids: ['ksi'],
      },
      {
        id: 'vawg',
        title: 'Violence against women and girls',
        kind: 'measures',
        ids: ['vawg_oc16', 'rape_cps_overdue'],
      },
      {
        id: 'soc',
        title: 'Serious and organised crime',
        kind: 'measures',
        ids: ['soc_disruptions'],
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
        ids: ['recommendations_open'],
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
        ids: [
          'female_officers_pct',
          'ethnic_minority_officers_pct',
          'attrition_officers',
          'attrition_staff',
          'attrition_pcso',
          'officers_under_2_years',
        ],
      },
    ],
  },
];

/** A measure's family as its catalogue entry declares it (none for an id outside the catalogue). */
export function familyOf(id: string): Family | null {
  return measureFacts(id)?.family ?? null;
}

function layoutMeasure(id: MeasureId): LayoutMeasure {
  const m = measureFacts(id);
  // MeasureId is derived from the catalogue, so every id is there.
  if (!m) throw new Error(`report layout names ${id}, which the catalogue does not hold`);
  return { id, title: m.title, tier: m.tier };
}

export const REPORT_LAYOUT: readonly LayoutSection[] = LAYOUT.map((section) => ({
  id: section.id,
  number: section.number,
  title: section.title,
  subsections: section.subsections.map((sub) => ({
    id: sub.id,
    title: sub.title,
    kind: sub.kind,
    measures: sub.ids.map(layoutMeasure),
    ...(sub.families ? { families: sub.families } : {}),
  })),
}));

const NAMED_EVERYWHERE: ReadonlySet<string> = new Set(
  REPORT_LAYOUT.flatMap((sec) => sec.subsections.flatMap((x) => x.measures.map((m) => m.id))),
);

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

/**
 * The ids a subsection shows: its named ids, then the results of its families that no
 * subsection names (in result order).
 */
export function subsectionIds(sub: LayoutSubsection, resultIds: readonly string[]): string[] {
  const named = sub.measures.map((m) => m.id);
  const families: readonly (Family | null)[] = sub.families ?? [];
  const members = resultIds.filter(
    (id) => families.includes(familyOf(id)) && familyOf(id) !== null && !NAMED_EVERYWHERE.has(id),
  );
  return [...named, ...members];
}

/**
 * The measures the public site and the public API publish (issue 8: "the measures marked
 * public"). A publication decision, not a fact of the measure, so it lives here beside
 * disclosure control rather than in the catalogue: what a force tells the public about crime,
 * outcomes, contact, satisfaction, confidence and its workforce. Left out: operational and
 * internal measures (high-harm nominals, organised crime disruptions, open investigations,
 * files with the CPS, data-quality and survey-fieldwork measures) that a board or panel reads
 * but that are not published to the public. Every id is a gold measure (the scorecard's), so a
 * public page and the public API are cut from one disclosure-controlled output per period.
 */
export const PUBLIC_MEASURE_IDS: readonly string[] = [
  'crime_total',
  'crime_table',
  'priority_residential_burglary',
  'priority_domestic_abuse',
  'priority_hate',
  'ksi',
  'outcomes_table',
  'action_taken_rate',
  'oc16_rate',
  'da_arrest_rate',
  'vawg_oc16',
  'calls_999_10s',
  'calls_101_30s',
  'confidence',
  'satisfied_local_policing',
  'understands_issues',
  'sees_officer_weekly',
  'access_emergency',
  'access_non_emergency',
  'sat_burglary',
  'sat_violent',
  'sat_hate',
  'sat_domestic_abuse',
  'sat_rtc',
  'victims_code_compliance',
  'national_measures',
  'female_officers_pct',
  'ethnic_minority_officers_pct',
];

const PUBLIC = new Set(PUBLIC_MEASURE_IDS);

export const isPublicMeasure = (id: string): boolean => PUBLIC.has(id);

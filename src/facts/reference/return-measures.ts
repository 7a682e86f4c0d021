/**
 * The measures that take manual returns (`compute: { kind: 'return' }` in the measure catalogue)
 * and whether each is a percentage, written as a fraction 0–1.
 *
 * Why a list here and not the catalogue itself: the facts layer must not import the measures
 * layer, and the check has to hold on every import path (CLI, demo, tests) without anyone
 * remembering to register the catalogue first. A test (test/facts/return-measures.test.ts)
 * keeps this list and the catalogue identical, so a new return measure fails the build until it
 * is added here.
 */
export interface ReturnMeasure {
  readonly measureId: string;
  /** A percentage measure: its returns are fractions between 0 and 1. */
  readonly fraction: boolean;
}

export const RETURN_MEASURES: readonly ReturnMeasure[] = [
  { measureId: 'soc_disruptions', fraction: false },
  { measureId: 'rape_cps_overdue', fraction: false },
  { measureId: 'female_officers_pct', fraction: true },
  { measureId: 'ethnic_minority_officers_pct', fraction: true },
  { measureId: 'attrition_officers', fraction: true },
  { measureId: 'attrition_staff', fraction: true },
  { measureId: 'attrition_pcso', fraction: true },
  { measureId: 'officers_under_2_years', fraction: true },
];

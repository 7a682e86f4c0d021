import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/measures/load-catalogue.ts';
import { CATALOGUE } from '../../src/measures/catalogue/index.ts';
import { sourceScan, surveySides } from '../../src/measures/compile.ts';
import type { MeasureInput } from '../../src/measures/definition.ts';

const MEASURES_MD_IDS = [
  'sat_burglary',
  'sat_violent',
  'sat_hate',
  'sat_domestic_abuse',
  'sat_rtc',
  'da_felt_safer',
  'da_police_cared',
  'da_confident_again',
  'da_would_recommend',
  'survey_interviews',
  'val_referral_rate',
  'victims_code_compliance',
  'confidence',
  'understands_issues',
  'access_emergency',
  'access_non_emergency',
  'sees_officer_weekly',
  'satisfied_local_policing',
  'cdi_compliance',
  'recorded_ethnicity',
  'recorded_sex',
  'recorded_dob',
  'national_measures',
  'calls_999_10s',
  'calls_101_30s',
  'unresourced_incidents',
  'open_investigations',
  'outcomes_table',
  'action_taken_rate',
  'oc16_rate',
  'victim_linked_oc14',
  'victim_linked_oc16',
  'da_arrest_rate',
  'da_outcomes_table',
  'priority_hate',
  'priority_vulnerable_adult',
  'priority_child_at_risk',
  'priority_cse',
  'priority_domestic_abuse',
  'priority_residential_burglary',
  'ksi',
  'repeat_victim_rate_trc',
  'repeat_victim_rate_da',
  'high_harm_repeat_nominals',
  'vawg_oc16',
  'soc_disruptions',
  'rape_cps_overdue',
  'recommendations_open',
  'female_officers_pct',
  'ethnic_minority_officers_pct',
  'attrition_officers',
  'attrition_staff',
  'attrition_pcso',
  'officers_under_2_years',
  'crime_total',
  'crime_rape',
];

describe('the measure catalogue', () => {
  it('loads, and holds every measure of MEASURES.md', () => {
    const ids = loadCatalogue().map((m) => m.id);
    for (const id of MEASURES_MD_IDS) expect(ids, id).toContain(id);
  });

  it('compiles every count-shaped measure against its source (no unknown columns)', () => {
    for (const m of loadCatalogue()) {
      const c = m.compute;
      const sides =
        c.kind === 'count'
          ? [c.count]
          : c.kind === 'ratio'
            ? [c.numerator, c.denominator]
            : c.kind === 'survey'
              ? Object.values(surveySides(c.surveys, c.question, c.positive, c.excluded))
              : [];
      for (const s of sides)
        expect(() => sourceScan(s.source, [s], '2021-04-01', '2021-07-01'), m.id).not.toThrow();
    }
  });

  it('reports every problem at once, each with its path', () => {
    const bad: MeasureInput[] = [
      {
        ...(CATALOGUE.find((m) => m.id === 'oc16_rate') as MeasureInput),
        target: { description: 'x', direction: 'at_least', value: 36 },
      },
      {
        ...(CATALOGUE.find((m) => m.id === 'ksi') as MeasureInput),
        id: 'KSI!',
        unit: 'furlongs' as never,
      },
      {
        ...(CATALOGUE.find((m) => m.id === 'crime_total') as MeasureInput),
        spc: { method: 'legacy_2sd' },
      },
      CATALOGUE.find((m) => m.id === 'confidence') as MeasureInput,
      CATALOGUE.find((m) => m.id === 'confidence') as MeasureInput,
    ];
    let message = '';
    try {
      loadCatalogue(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('The measure catalogue has 5 problems');
    expect(message).toContain(
      'core.oc16_rate.target.value: percentages are fractions between 0 and 1',
    );
    expect(message).toContain('demand.KSI!.id: must be snake_case');
    expect(message).toContain('demand.KSI!.unit:');
    expect(message).toContain(
      'demand.crime_total.spc.baselineYear: legacy limits need a baseline financial year',
    );
    expect(message).toContain('service.confidence.id: duplicates measure #3');
  });

  it('binds filter values as parameters, never as text', () => {
    const q = sourceScan(
      'crimes',
      [{ source: 'crimes', where: { col: 'lpa', eq: "O'Brien" } }],
      '2021-04-01',
      '2021-07-01',
    );
    expect(q.sql).not.toContain("O'Brien");
    expect(Object.values(q.params)).toContain("O'Brien");
  });
});

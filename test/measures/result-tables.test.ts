import { describe, expect, it } from 'vitest';
import { ResultTable, rowsOf, tableSize, type TableKind } from '../../src/measures/result.ts';

/** One row of every kind of table the engine makes, as src/measures/evaluate/ writes them. */
const ROWS: Record<TableKind, Record<string, unknown>> = {
  outcomes: {
    outcome_type: '16',
    outcome: 'Victim does not support action',
    group: 'evidential_victim_does_not_support',
    count: 120,
    share: 0.3,
    count_two_years_ago: null,
    share_two_years_ago: null,
  },
  crime_groups: {
    id: 'crime_total',
    crime_group: 'Total recorded crime',
    count: 400,
    count_two_years_ago: 380,
    change_two_years: 0.0526,
    ytd_change: null,
    lower_limit: 300,
    upper_limit: 500,
    last_month_signal: 'Common Cause',
    outcomes: 350,
    action_taken_rate: 0.1,
    oc16_rate: 0.35,
  },
  age_profile: { age_band: 'Under 4 weeks', crimes: 40, share: 0.4 },
  high_harm_nominals: { group: 'Victim only', people: 12, share: 0.5 },
  vawg: { crime_group: 'Rape', recorded: 30, outcomes: 25, outcome_16: 10, outcome_16_share: 0.4 },
  survey_interviews: {
    survey: 'burglary',
    interviews: 90,
    quarterly_target: 100,
    target_met: false,
  },
  group_breakdown: {
    dimension: 'ethnicity',
    group: 'asian',
    numerator: 30,
    denominator: 40,
    value: 0.75,
    lower: 0.6,
    upper: 0.86,
    rest_value: 0.8,
    z_vs_rest: -0.7,
    p_vs_rest: 0.48,
    significant: false,
  },
  national: {
    measure: 'Homicide',
    lead: 'Head of Crime',
    unit: 'count',
    last_12_months: 12,
    baseline_2019_20: 15,
    change: -0.2,
    direction: '↔',
    spc_signal: 'Common Cause',
  },
  open_findings: { age_band: '3–6 months', open: 4, share: 0.5, national_scope: 1 },
};

const KINDS = Object.keys(ROWS) as TableKind[];

describe('table-shaped results: one schema per kind', () => {
  it.each(KINDS)('accepts a %s table with its named columns', (kind) => {
    const parsed = ResultTable.parse({ kind, rows: [ROWS[kind]] });
    expect(parsed.kind).toBe(kind);
    expect(parsed.rows[0]).toEqual(ROWS[kind]);
    expect(rowsOf(parsed, kind)).toHaveLength(1);
    expect(tableSize(parsed)).toBe(1);
  });

  it.each(KINDS)('accepts a %s table whose numbers are withheld (null)', (kind) => {
    const row = Object.fromEntries(
      Object.entries(ROWS[kind]).map(([k, v]) => [k, typeof v === 'number' ? null : v]),
    );
    expect(ResultTable.safeParse({ kind, rows: [row] }).success).toBe(true);
  });

  it('refuses an unknown kind', () => {
    const r = ResultTable.safeParse({ kind: 'severity', rows: [{ severity: 'Fatal', count: 9 }] });
    expect(r.success).toBe(false);
  });

  it('refuses a bag of rows without a kind (the old shape)', () => {
    expect(ResultTable.safeParse([ROWS.age_profile]).success).toBe(false);
    expect(ResultTable.safeParse({ rows: [ROWS.age_profile] }).success).toBe(false);
  });

  it('refuses a guessed column name in place of the declared one', () => {
    // the report used to accept `count` for the age profile's `crimes`, `oc16` for `oc16_rate`
    const ageProfile = { age_band: 'Under 4 weeks', count: 40, share: 0.4 };
    expect(ResultTable.safeParse({ kind: 'age_profile', rows: [ageProfile] }).success).toBe(false);
    const { oc16_rate: rate, ...crime } = ROWS.crime_groups;
    const guessed = { ...crime, oc16: rate };
    expect(ResultTable.safeParse({ kind: 'crime_groups', rows: [guessed] }).success).toBe(false);
  });

  it("refuses one kind's rows under another kind", () => {
    expect(ResultTable.safeParse({ kind: 'vawg', rows: [ROWS.outcomes] }).success).toBe(false);
  });

  it('refuses a wrongly typed cell', () => {
    const row = { ...ROWS.survey_interviews, interviews: '90' };
    expect(ResultTable.safeParse({ kind: 'survey_interviews', rows: [row] }).success).toBe(false);
  });

  it('reads no rows from a table of another kind or none', () => {
    const t = ResultTable.parse({ kind: 'vawg', rows: [ROWS.vawg] });
    expect(rowsOf(t, 'outcomes')).toEqual([]);
    expect(rowsOf(null, 'vawg')).toEqual([]);
    expect(tableSize(null)).toBe(0);
  });
});

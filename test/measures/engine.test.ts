import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { evaluateMeasure, evaluateScorecard } from '../../src/measures/engine.ts';
import { MeasureResult, rowsOf } from '../../src/measures/result.ts';
import { crime, person, tempDir, writeTableCsv } from '../helpers/files.ts';

/**
 * A small force whose answers were worked out by hand. Q1 2021/22 = April–June 2021.
 */
let store: FactsStore;
let cleanup: () => void;

const T = (d: string) => `${d}T12:00:00`;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const dir = tmp.dir;
  store = await openFactsStore(':memory:');
  const load = async (table: Parameters<typeof writeTableCsv>[2], rows: Record<string, string>[]) =>
    importTable(store, table, [writeTableCsv(dir, `${table}.csv`, table, rows)]);

  await load(
    'people',
    ['P1', 'P2', 'P3', 'P4'].map((id) => person(id, id === 'P3' ? { ethnicity: '', sex: '' } : {})),
  );
  await load('crimes', [
    // Q1 2021/22: six in North, four in South
    crime('C1', { recorded_at: T('2021-04-05'), domestic_abuse: 'true' }),
    crime('C2', { recorded_at: T('2021-04-20'), domestic_abuse: 'true' }),
    crime('C3', {
      recorded_at: T('2021-05-02'),
      offence_subgroup: 'Residential burglary',
      offence_code: '28E',
    }),
    crime('C4', {
      recorded_at: T('2021-05-09'),
      offence_subgroup: 'Residential burglary',
      offence_code: '28E',
    }),
    crime('C5', { recorded_at: T('2021-06-01') }),
    crime('C6', {
      recorded_at: T('2021-06-30'),
      offence_subgroup: 'Possession of drugs',
      victim_based: 'false',
      offence_code: '92E',
    }),
    crime('C7', { recorded_at: T('2021-04-10'), lpa: 'South' }),
    crime('C8', { recorded_at: T('2021-05-10'), lpa: 'South', hate: 'true' }),
    crime('C9', { recorded_at: T('2021-06-10'), lpa: 'South', hate: 'true' }),
    crime('C10', {
      recorded_at: T('2021-06-11'),
      lpa: 'South',
      crimed_incident: 'true',
      hate: 'true',
    }),
    // earlier crimes; the extract starts in April 2019 (E0, a crimed incident no measure counts)
    crime('E0', {
      recorded_at: T('2019-04-01'),
      offence_subgroup: 'Possession of drugs',
      victim_based: 'false',
      offence_code: '92E',
      crimed_incident: 'true',
    }),
    crime('E1', { recorded_at: T('2020-12-01') }),
    crime('E2', {
      recorded_at: T('2019-05-01'),
      offence_subgroup: 'Residential burglary',
      offence_code: '28E',
    }),
    crime('E3', {
      recorded_at: T('2019-05-02'),
      offence_subgroup: 'Residential burglary',
      offence_code: '28E',
    }),
    crime('E4', { recorded_at: T('2019-06-02') }),
  ]);
  await load('crime_victims', [
    { crime_id: 'C1', person_id: 'P1' },
    { crime_id: 'E1', person_id: 'P1' },
    { crime_id: 'C2', person_id: 'P2' },
    { crime_id: 'C3', person_id: 'P3' },
    { crime_id: 'C7', person_id: 'P4' },
  ]);
  await load('crime_suspects', [
    { crime_id: 'C1', person_id: 'P4' },
    { crime_id: 'C2', person_id: 'P4' },
  ]);
  await load('arrests', [
    {
      arrest_id: 'R1',
      person_id: 'P4',
      crime_id: 'C1',
      arrested_at: T('2021-04-06'),
      domestic_abuse: 'true',
    },
  ]);
  await load('referrals', [
    { crime_id: 'C1', service: 'Victim Advice Line', referred_at: T('2021-04-06') },
    { crime_id: 'C3', service: 'Victim Advice Line', referred_at: T('2021-05-03') },
    { crime_id: 'C4', service: 'Another service', referred_at: T('2021-05-10') },
  ]);
  await load('cdi_audits', [
    {
      audit_id: 'D1',
      audited_at: '2020-11-30',
      crime_group: 'VAP',
      crimes_expected: '100',
      crimes_recorded: '80',
    },
    {
      audit_id: 'D2',
      audited_at: '2021-05-01',
      crime_group: 'VAP',
      crimes_expected: '50',
      crimes_recorded: '45',
    },
  ]);
  const casualty = (id: string, at: string, severity: string) => ({
    casualty_id: id,
    collision_at: T(at),
    lpa: 'North',
    severity,
    road_user: 'driver',
  });
  await load('casualties', [
    casualty('K1', '2021-04-02', 'fatal'),
    casualty('K2', '2021-05-02', 'serious'),
    casualty('K3', '2021-06-02', 'serious'),
    casualty('K4', '2021-06-03', 'slight'),
    ...['2019-04-01', '2019-04-02', '2019-05-01', '2019-05-02', '2019-06-01'].map((d, i) =>
      casualty(`B${i}`, d, 'serious'),
    ),
  ]);
  await load('outcomes', [
    { crime_id: 'C1', outcome_type: '16', outcome_at: T('2021-05-01') },
    { crime_id: 'C2', outcome_type: '16', outcome_at: T('2021-05-02') },
    { crime_id: 'C3', outcome_type: '1', outcome_at: T('2021-06-01') },
    { crime_id: 'C4', outcome_type: '18', outcome_at: T('2021-06-02') },
    { crime_id: 'C5', outcome_type: '16', outcome_at: T('2021-07-15') }, // after the quarter
    { crime_id: 'E1', outcome_type: '16', outcome_at: T('2021-04-15') }, // recorded earlier, assigned in the quarter
    { crime_id: 'E2', outcome_type: '1', outcome_at: T('2019-05-20') },
    { crime_id: 'E0', outcome_type: '18', outcome_at: T('2019-04-02') }, // outcomes start April 2019
  ]);
  const answers = (id: string, month: string, answer: string, lpa = 'North') => ({
    response_id: id,
    survey: 'burglary',
    crime_id: '',
    lpa,
    neighbourhood: '',
    interviewed_at: T(`${month}-15`),
    question: 'whole_experience',
    answer,
  });
  await load('survey_responses', [
    // Jan–Mar 2021: 2 of 4 satisfied; Apr–Jun 2021: 3 of 4 satisfied
    answers('S1', '2021-01', 'Very satisfied'),
    answers('S2', '2021-02', 'Fairly satisfied'),
    answers('S3', '2021-03', 'Completely satisfied', 'South'),
    answers('S4', '2021-03', 'Very dissatisfied', 'South'),
    answers('S5', '2021-04', 'Very satisfied'),
    answers('S6', '2021-05', 'Completely satisfied'),
    answers('S7', '2021-06', 'Very satisfied', 'South'),
    answers('S8', '2021-06', 'Fairly dissatisfied', 'South'),
  ]);
  await load('calls', [
    { call_id: 'K1', line: '999', offered_at: T('2021-06-01'), answered_after_seconds: '5' },
    { call_id: 'K2', line: '999', offered_at: T('2021-06-02'), answered_after_seconds: '12' },
    { call_id: 'K3', line: '999', offered_at: T('2021-06-03'), answered_after_seconds: '' },
    { call_id: 'K4', line: '999', offered_at: T('2021-06-04'), answered_after_seconds: '10' },
    { call_id: 'K5', line: '101', offered_at: T('2021-06-04'), answered_after_seconds: '10' },
  ]);
  await load('incidents', [
    // awaiting a resource at 06:00 on 1, 2 and 3 June
    {
      incident_id: 'I1',
      opened_at: '2021-06-01T05:00:00',
      resourced_at: '2021-06-03T07:00:00',
      closed_at: '',
      lpa: 'North',
      category: 'Concern',
      grade: 'priority',
      anti_social_behaviour: 'false',
    },
    // resourced before 06:00: never waiting at a sample
    {
      incident_id: 'I2',
      opened_at: '2021-06-05T01:00:00',
      resourced_at: '2021-06-05T05:59:00',
      closed_at: '',
      lpa: 'North',
      category: 'Concern',
      grade: 'priority',
      anti_social_behaviour: 'true',
    },
  ]);
  const audit = (id: string, sex: string, vps: string) => ({
    case_id: id,
    crime_id: '',
    audited_at: '2021-05-14',
    lpa: 'North',
    acknowledgement: 'yes',
    updates_timely: 'yes',
    vps_offered: vps,
    need_identified: 'no',
    referred_within_2_days: 'n/a',
    informed_code: 'no',
    informed_end_of_journey: 'yes',
    victim_sex: sex,
    victim_age_band: '25-34',
    victim_ethnicity: 'white',
  });
  await load('victims_code_audits', [
    audit('A1', 'female', 'no'),
    audit('A2', 'female', 'no'),
    audit('A3', 'female', 'yes'),
    audit('A4', 'female', 'yes'),
    audit('A5', 'male', 'yes'),
    audit('A6', 'male', 'yes'),
    audit('A7', 'male', 'yes'),
    audit('A8', 'male', 'n/a'),
  ]);
  await load('returns', [
    {
      measure_id: 'female_officers_pct',
      period: '2021/22-Q1',
      lpa: '',
      value: '0.333',
      numerator: '763',
      denominator: '2290',
      source: 'HR return',
      submitted_by: 'Head of HR',
      submitted_at: '2021-07-05T12:00:00',
    },
  ]);
});

afterAll(() => {
  store.close();
  cleanup();
});

const Q1 = { period: '2021/22-Q1' };

describe('measure definitions on a hand-built force', () => {
  it('oc16_rate: outcomes assigned in the quarter, whenever recorded (3 of 5)', async () => {
    const r = await evaluateMeasure(store, 'oc16_rate', Q1);
    expect(MeasureResult.parse(r)).toBeTruthy();
    expect([r.numerator, r.denominator, r.value]).toEqual([3, 5, 0.6]);
    expect(r.breakdown.map((b) => [b.label, b.numerator, b.denominator])).toEqual([
      ['North', 3, 5],
    ]);
    expect(r.lineage.sql[0]?.sql).toContain('FROM outcomes o) o JOIN crimes c');
    expect(r.freshness.tables).toContain('outcomes');
  });

  it('action_taken_rate and victim_linked_oc16', async () => {
    expect((await evaluateMeasure(store, 'action_taken_rate', Q1)).value).toBe(0.2);
    const linked = await evaluateMeasure(store, 'victim_linked_oc16', Q1);
    expect([linked.numerator, linked.denominator]).toEqual([3, 3]); // C1, C2 and E1 all have a victim
    expect(linked.status).toBe('met');
  });

  it('crime counts exclude crimed incidents; priorities include them', async () => {
    const total = await evaluateMeasure(store, 'crime_total', Q1);
    expect(total.value).toBe(9);
    expect(total.breakdown.map((b) => [b.label, b.value])).toEqual([
      ['North', 6],
      ['South', 3],
    ]);
    expect((await evaluateMeasure(store, 'priority_hate', Q1)).value).toBe(3);
    const south = await evaluateMeasure(store, 'crime_total', { ...Q1, lpa: 'South' });
    expect(south.value).toBe(3);
    expect(south.lpa).toBe('South');
  });

  it('residential burglary against a 25% reduction on 2019/20 (2 vs 2: not met)', async () => {
    const r = await evaluateMeasure(store, 'priority_residential_burglary', Q1);
    expect(r.value).toBe(2);
    expect(r.target?.baseline).toEqual({ period: '2019-04 to 2019-06', value: 2 });
    expect(r.status).toBe('not_met');
    const twoYears = r.comparisons.find((c) => c.kind === 'two_years_ago');
    expect([twoYears?.value, twoYears?.absoluteChange, twoYears?.relativeChange]).toEqual([
      2, 0, 0,
    ]);
  });

  it('satisfaction over a rolling 6 months, with Wilson interval and overlap-aware change', async () => {
    const r = await evaluateMeasure(store, 'sat_burglary', Q1);
    expect(r.window.label).toBe('6 months to 2021-06');
    // Jan–Jun 2021: S1, S3, S5, S6, S7 satisfied of 8
    expect([r.numerator, r.denominator, r.value]).toEqual([5, 8, 0.625]);
    expect(r.interval?.lower).toBeCloseTo(0.3057, 4);
    expect(r.interval?.upper).toBeCloseTo(0.8632, 4);
    const prev = r.comparisons.find((c) => c.kind === 'previous');
    // The previous window (Oct 2020–Mar 2021) shares Jan–Mar: 2 of 4
    expect([prev?.numerator, prev?.denominator]).toEqual([2, 4]);
    expect(prev?.significance?.test).toBe('overlap_adjusted_z');
    expect(prev?.significance?.normalApproxOk).toBe(false);
    expect(r.warnings.some((w) => w.includes('below the minimum of 50'))).toBe(true);
    expect(r.status).toBe('not_met');
  });

  it('999 calls within 10 seconds of those answered; abandonment of those offered', async () => {
    const r = await evaluateMeasure(store, 'calls_999_10s', { period: '2021-06' });
    expect([r.numerator, r.denominator]).toEqual([2, 3]);
    const abandoned = await evaluateMeasure(store, 'calls_999_abandoned', { period: '2021-06' });
    expect([abandoned.numerator, abandoned.denominator, abandoned.value]).toEqual([1, 4, 0.25]);
    expect(r.breakdown).toEqual([]);
    const byLpa = await evaluateMeasure(store, 'calls_999_10s', {
      period: '2021-06',
      lpa: 'North',
    });
    expect(byLpa.warnings[0]).toMatch(/^Force-wide figure/);
    expect([byLpa.scope, byLpa.lpa, byLpa.value]).toEqual(['force', null, r.value]);
  });

  it('repeat victims: P1 (victim in December 2020 and April 2021) of 3 April victims', async () => {
    const r = await evaluateMeasure(store, 'repeat_victim_rate_trc', { period: '2021-04' });
    expect([r.numerator, r.denominator]).toEqual([1, 3]);
    const da = await evaluateMeasure(store, 'repeat_victim_rate_da', { period: '2021-04' });
    expect([da.numerator, da.denominator]).toEqual([0, 2]); // E1 was not domestic abuse
  });

  it('open investigations at the end of June 2021 with their age profile', async () => {
    const r = await evaluateMeasure(store, 'open_investigations', Q1);
    // Recorded by 30 June, not crimed incidents, no outcome by 1 July: C5, C6, C7, C8, C9, E3, E4
    expect(r.value).toBe(7);
    const band = (label: string) =>
      rowsOf(r.table, 'age_profile').find((x) => x.age_band === label)?.crimes;
    // Ages in days at 1 July: C6 0, C9 20, C5 30, C8 52, C7 82, E3 and E4 over a year
    expect(band('Under 4 weeks')).toBe(2);
    expect(band('4–8 weeks')).toBe(2);
    expect(band('8–12 weeks')).toBe(1);
    expect(band('Over 1 year')).toBe(2);
  });

  it('unresourced incidents: mean waiting at 06:00 across the days of June (3 / 30)', async () => {
    const r = await evaluateMeasure(store, 'unresourced_incidents', { period: '2021-06' });
    expect([r.numerator, r.denominator]).toEqual([3, 30]);
    expect(r.value).toBeCloseTo(0.1, 10);
    // The incidents cover June only: the quarter's mean is over June's 30 days, marked partial
    const quarter = await evaluateMeasure(store, 'unresourced_incidents', Q1);
    expect([quarter.numerator, quarter.denominator]).toEqual([3, 30]);
    expect(quarter.coverage?.window).toBe('partial');
    expect(quarter.warnings[0]).toMatch(
      /^Partial data: .*incidents.* covers June 2021: 1 of the 3 months/,
    );
  });

  it('protected characteristics recorded for victims', async () => {
    const r = await evaluateMeasure(store, 'recorded_ethnicity', Q1);
    expect([r.numerator, r.denominator]).toEqual([3, 4]); // P3 has no ethnicity recorded
  });

  it("Victims' Code: compliance, and VPS failures by sex tested against the rest", async () => {
    const compliance = await evaluateMeasure(store, 'victims_code_compliance', Q1);
    expect([compliance.numerator, compliance.denominator]).toEqual([6, 8]); // A1, A2 fail on VPS
    const vps = await evaluateMeasure(store, 'victims_code_vps_not_offered', Q1);
    expect([vps.numerator, vps.denominator]).toEqual([2, 7]); // n/a is not a case where it applied
    const female = rowsOf(vps.table, 'group_breakdown').find(
      (r) => r.dimension === 'sex' && r.group === 'female',
    );
    const male = rowsOf(vps.table, 'group_breakdown').find(
      (r) => r.dimension === 'sex' && r.group === 'male',
    );
    expect(female).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 0.5,
      rest_value: 0,
      significant: false,
    });
    // 2/4 against 0/3: pooled p = 2/7, SE = sqrt(2/7 · 5/7 · (1/4 + 1/3)) = 0.3450, z = 0.5 / 0.3450
    expect(female?.z_vs_rest as number).toBeCloseTo(1.4491, 3);
    expect(male).toMatchObject({ numerator: 0, denominator: 3 });
  });

  it('VAL referrals ÷ victim-based notifiable crimes (2 of 8: inside the 20–30% band)', async () => {
    const r = await evaluateMeasure(store, 'val_referral_rate', Q1);
    expect([r.numerator, r.denominator, r.value, r.status]).toEqual([2, 8, 0.25, 'met']);
  });

  it('CDI compliance over the financial year to date (45 of 50: meets over 90%)', async () => {
    const r = await evaluateMeasure(store, 'cdi_compliance', Q1);
    expect([r.numerator, r.denominator, r.value, r.status]).toEqual([45, 50, 0.9, 'met']);
  });

  it('KSI against a 20% reduction on the same months of 2019/20 (3 against 5)', async () => {
    const r = await evaluateMeasure(store, 'ksi', Q1);
    expect(r.value).toBe(3);
    expect(r.target?.baseline?.value).toBe(5);
    expect(r.status).toBe('met');
  });

  it('DA arrest rate: DA arrests ÷ DA crimes (1 of 2)', async () => {
    expect((await evaluateMeasure(store, 'da_arrest_rate', Q1)).value).toBe(0.5);
  });

  it('high-harm repeat nominals: P4, suspect in C1 and C2 and victim in C7, in the 3 months to June', async () => {
    const r = await evaluateMeasure(store, 'high_harm_repeat_nominals', { period: '2021-06' });
    expect(r.value).toBe(1);
    expect(
      rowsOf(r.table, 'high_harm_nominals').find((x) => x.group === 'Both victim and suspect'),
    ).toMatchObject({
      people: 1,
      share: 1,
    });
    expect(
      rowsOf(r.table, 'high_harm_nominals').find((x) => x.group === '3–4 offences'),
    ).toMatchObject({ people: 1 });
    expect(
      rowsOf(r.table, 'high_harm_nominals').find((x) => x.group === 'Linked to domestic abuse'),
    ).toMatchObject({
      people: 1,
    });
    // July 2021 is past the crimes data (which ends in June): unknown, not zero
    const july = await evaluateMeasure(store, 'high_harm_repeat_nominals', { period: '2021-07' });
    expect([july.value, july.status, july.coverage?.window]).toEqual([null, 'no_data', 'none']);
  });

  it('a manual return, signed', async () => {
    const r = await evaluateMeasure(store, 'female_officers_pct', Q1);
    expect(r.value).toBe(0.333);
    expect(r.source).toEqual({
      kind: 'return',
      return: {
        source: 'HR return',
        submittedBy: 'Head of HR',
        submittedAt: '2021-07-05 12:00:00',
      },
    });
    const missing = await evaluateMeasure(store, 'attrition_pcso', Q1);
    expect(missing.status).toBe('no_data');
  });

  it('the outcomes table compares with the same period two years ago', async () => {
    const r = await evaluateMeasure(store, 'outcomes_table', Q1);
    expect(r.value).toBe(5);
    const oc16 = rowsOf(r.table, 'outcomes').find((x) => x.outcome_type === '16');
    expect(oc16).toMatchObject({ count: 3, share: 0.6, count_two_years_ago: 0 });
    expect(rowsOf(r.table, 'outcomes').find((x) => x.outcome_type === '1')).toMatchObject({
      count: 1,
      count_two_years_ago: 1,
      share_two_years_ago: 0.5, // E2's outcome 1 and E0's outcome 18
    });
  });

  it('refuses unknown measures and areas with the list to choose from', async () => {
    await expect(evaluateMeasure(store, 'nonsense', Q1)).rejects.toMatchObject({
      code: 'UNKNOWN_MEASURE',
    });
    await expect(
      evaluateMeasure(store, 'crime_total', { ...Q1, lpa: 'Atlantis' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', hint: 'Local policing areas: North, South.' });
  });

  it('the scorecard evaluates every gold measure and each result meets the contract', async () => {
    const card = await evaluateScorecard(store, Q1);
    expect(card.measures.length).toBeGreaterThan(40);
    for (const r of card.measures) expect(() => MeasureResult.parse(r), r.id).not.toThrow();
    expect(card.measures.every((r) => r.tier === 'gold')).toBe(true);
  });
});

describe('the query cache', () => {
  it('reuses results computed since the last import, and an import invalidates them', async () => {
    const tmp = tempDir();
    const s = await openFactsStore(':memory:');
    try {
      await importTable(
        s,
        'crimes',
        [
          writeTableCsv(tmp.dir, 'c.csv', 'crimes', [
            crime('X1', { recorded_at: T('2021-05-01') }),
          ]),
        ],
        { batchId: 'b' },
      );
      const first = await evaluateMeasure(s, 'crime_total', Q1);
      expect(first.value).toBe(1);
      const cached = await s.all<{ n: bigint }>('SELECT count(*) AS n FROM _query_cache');
      expect(Number(cached[0]?.n)).toBeGreaterThan(0);
      // Tamper with the cached rows: a hit must return them, proving the engine read the cache.
      await s.run('UPDATE _query_cache SET rows = replace(rows, \'"c0":1\', \'"c0":7\')');
      expect((await evaluateMeasure(s, 'crime_total', Q1)).value).toBe(7);
      expect((await evaluateMeasure(s, 'crime_total', { ...Q1, cache: false })).value).toBe(1);
      await importTable(
        s,
        'crimes',
        [
          writeTableCsv(tmp.dir, 'c2.csv', 'crimes', [
            crime('X2', { recorded_at: T('2021-05-02') }),
          ]),
        ],
        { batchId: 'b2' },
      );
      expect((await evaluateMeasure(s, 'crime_total', Q1)).value).toBe(2);
    } finally {
      s.close();
      tmp.cleanup();
    }
  });
});

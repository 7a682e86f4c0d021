import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { evaluateMeasure, evaluateScorecard } from '../../src/measures/engine.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';
import { crime, person, tempDir, writeTableCsv } from '../helpers/files.ts';

/**
 * Numbers that say what they cover (issue 6, build item 8), on a small hand-built force whose
 * crimes run from April 2021 to June 2021 in two LPAs, North and South, incidents are in June
 * only and calls run on to July.
 */
let store: FactsStore;
let cleanup: () => void;

const T = (d: string, time = '12:00:00') => `${d}T${time}`;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = await openFactsStore(':memory:');
  const load = async (table: Parameters<typeof writeTableCsv>[2], rows: Record<string, string>[]) =>
    importTable(store, table, [writeTableCsv(tmp.dir, `${table}.csv`, table, rows)]);
  await load(
    'people',
    ['P1', 'P2', 'P3', 'S1', 'S2'].map((id) => person(id)),
  );
  await load('crimes', [
    // P1 is a victim in North and in South in May: one person, two LPAs, one month.
    crime('C1', { recorded_at: T('2021-04-03'), domestic_abuse: 'true' }),
    crime('C2', { recorded_at: T('2021-05-04'), domestic_abuse: 'true' }),
    crime('C3', { recorded_at: T('2021-05-20'), lpa: 'South', domestic_abuse: 'true' }),
    crime('C4', { recorded_at: T('2021-05-21'), lpa: 'South', domestic_abuse: 'true' }),
    crime('C5', { recorded_at: T('2021-06-30'), lpa: 'South' }),
  ]);
  await load('crime_victims', [
    { crime_id: 'C1', person_id: 'P1' },
    { crime_id: 'C2', person_id: 'P1' },
    { crime_id: 'C3', person_id: 'P1' },
    { crime_id: 'C4', person_id: 'P2' },
    { crime_id: 'C5', person_id: 'P3' },
  ]);
  await load('arrests', [
    // For crimes in North (C2) and South (C3, C4), and one for a warrant, linked to no crime.
    {
      arrest_id: 'A1',
      person_id: 'S1',
      crime_id: 'C2',
      arrested_at: T('2021-05-05'),
      domestic_abuse: 'true',
    },
    {
      arrest_id: 'A2',
      person_id: 'S2',
      crime_id: 'C3',
      arrested_at: T('2021-05-21'),
      domestic_abuse: 'true',
    },
    {
      arrest_id: 'A3',
      person_id: 'S2',
      crime_id: 'C4',
      arrested_at: T('2021-05-22'),
      domestic_abuse: 'true',
    },
    {
      arrest_id: 'A4',
      person_id: 'S1',
      crime_id: '',
      arrested_at: T('2021-06-01'),
      domestic_abuse: 'true',
    },
  ]);
  const incident = (id: string, grade: string, lpa = 'North') => ({
    incident_id: id,
    opened_at: T('2021-06-01', '05:00:00'),
    resourced_at: '',
    closed_at: T('2021-06-01', '09:00:00'),
    lpa,
    category: 'Concern for safety',
    grade,
    anti_social_behaviour: 'false',
  });
  await load('incidents', [
    // Both open at 06:00 on 1 June; only the one to be resourced is awaiting a resource.
    incident('I1', 'priority'),
    incident('I2', 'no_deployment'),
  ]);
  // Calls run on to July 2021, past the crimes and incidents.
  await load(
    'calls',
    ['04', '05', '06', '07'].map((m) => ({
      call_id: `K${m}`,
      line: '999',
      offered_at: T(`2021-${m}-10`),
      answered_after_seconds: '5',
    })),
  );
  const answer = (id: string, month: string, a: string) => ({
    response_id: id,
    survey: 'burglary',
    crime_id: '',
    lpa: 'North',
    neighbourhood: '',
    interviewed_at: T(`${month}-15`),
    question: 'whole_experience',
    answer: a,
  });
  await load('survey_responses', [
    answer('R1', '2021-04', 'Very satisfied'),
    answer('R2', '2021-05', 'Fairly dissatisfied'),
    answer('R3', '2021-06', 'Completely satisfied'),
  ]);
}, 60_000);

afterAll(() => {
  store.close();
  cleanup();
});

describe('a window without source data', () => {
  it('is no_data with no value — never met or not met — and names the months the data covers', async () => {
    // Crimes end in June 2021; the incidents are in June only, so July is outside them.
    const r = await evaluateMeasure(store, 'unresourced_incidents', { period: '2021-07' });
    expect([r.value, r.numerator, r.status]).toEqual([null, null, 'no_data']);
    expect(r.coverage).toMatchObject({ window: 'none', label: 'June 2021' });
    expect(r.warnings[0]).toMatch(/^No data for 2021-07: .*incidents.* covers June 2021\./);
    expect(r.comparisons).toEqual([]);
  });

  it('nothing in a scorecard for a month past some tables is met or not met without data', async () => {
    const card = await evaluateScorecard(store, { period: '2021-07' });
    expect(card.coverage.label).toBe('April 2021 – July 2021');
    for (const r of card.measures)
      if (r.coverage?.window === 'none') {
        expect(r.status, r.id).toBe('no_data');
        expect(r.value, r.id).toBeNull();
      }
    expect(card.measures.find((r) => r.id === 'crime_total')?.status).toBe('no_data');
  });

  it('a period wholly outside the data is refused with the coverage named', async () => {
    await expect(evaluateScorecard(store, { period: '2025/26-Q1' })).rejects.toMatchObject({
      code: 'PERIOD_NOT_COVERED',
      exitCode: 2,
      message: 'No data covers 2025/26-Q1: the data covers April 2021 – July 2021.',
    });
    await expect(
      evaluateMeasure(store, 'crime_total', { period: '2019/20' }),
    ).rejects.toMatchObject({ code: 'PERIOD_NOT_COVERED' });
  });

  it('a partly covered window is marked partial: a rate is over the months covered, a total is not judged', async () => {
    // Q1 2021/22 for incidents (June only) and crimes ending in June of a 12-month rolling window.
    const queue = await evaluateMeasure(store, 'unresourced_incidents', { period: '2021/22-Q1' });
    expect(queue.coverage).toMatchObject({ window: 'partial', coveredMonths: 1, windowMonths: 3 });
    expect(queue.denominator).toBe(30); // June's days, not the quarter's 91
    const total = await evaluateMeasure(store, 'priority_residential_burglary', {
      period: '2021/22-Q1',
    });
    expect(total.coverage?.window).toBe('full');
    const ksi = await evaluateMeasure(store, 'ksi', { period: '2021/22-Q1' });
    // No casualties were imported at all: nothing covered, no status.
    expect([ksi.value, ksi.status, ksi.coverage?.label]).toEqual([
      null,
      'no_data',
      'no data loaded',
    ]);
  });
});

describe('domestic abuse arrests by LPA', () => {
  it('are placed in the LPA of their crime; an arrest with no crime counts for the force only', async () => {
    const force = await evaluateMeasure(store, 'da_arrest_rate', { period: '2021/22-Q1' });
    expect([force.numerator, force.denominator]).toEqual([4, 4]);
    const byLpa = Object.fromEntries(
      force.breakdown.map((b) => [b.label, [b.numerator, b.denominator]]),
    );
    expect(byLpa).toEqual({ North: [1, 2], South: [2, 2] });
    const linked = force.breakdown.reduce((s, b) => s + (b.numerator ?? 0), 0);
    expect(linked).toBe(3); // the force's 4 less the warrant arrest, A4
    const south = await evaluateMeasure(store, 'da_arrest_rate', {
      period: '2021/22-Q1',
      lpa: 'South',
    });
    expect([south.value, south.scope, south.lpa]).toEqual([1, 'lpa', 'South']);
    expect(force.definition).toMatch(/local policing area of the crime it was for/);
  });
});

describe('force-wide figures in an LPA view', () => {
  it('every force-only measure is declared in the catalogue and marked force-wide in an LPA view', async () => {
    const forceOnly = catalogue()
      .filter((m) => m.scope === 'force')
      .map((m) => m.id);
    for (const id of [
      'cdi_compliance',
      'calls_999_10s',
      'calls_101_30s',
      'high_harm_repeat_nominals',
      'national_measures',
      'female_officers_pct',
    ])
      expect(forceOnly, id).toContain(id);
    const card = await evaluateScorecard(store, { period: '2021/22-Q1', lpa: 'North' });
    for (const r of card.measures) {
      const declared = forceOnly.includes(r.id);
      expect(r.scope, r.id).toBe(declared ? 'force' : 'lpa');
      expect(r.lpa, r.id).toBe(declared ? null : 'North');
      expect(
        r.warnings.some((w) => w.startsWith('Force-wide figure')),
        r.id,
      ).toBe(declared);
    }
  });
});

describe('a survey measure over its own window', () => {
  it('states the window it used and warns when the period asked for was a different kind', async () => {
    const values = new Set<number | null>();
    for (const period of ['2021-06', '2021/22-Q1', '12m-to-2021-06']) {
      const r = await evaluateMeasure(store, 'sat_burglary', { period });
      values.add(r.value);
      expect(r.window.label).toBe('6 months to 2021-06');
      expect(r.warnings.join(' '), period).toContain(
        `Measured over the 6 months to 2021-06 (this measure's own window), not over the period asked for (${period}`,
      );
    }
    expect(values.size).toBe(1);
    const same = await evaluateMeasure(store, 'sat_burglary', { period: '6m-to-2021-06' });
    expect(same.warnings.some((w) => w.startsWith('Measured over'))).toBe(false);
  });
});

describe('repeat victims', () => {
  it('are distinct people at the level shown: P1, a victim in North and South in May, is one force victim', async () => {
    const may = await evaluateMeasure(store, 'repeat_victim_rate_trc', { period: '2021-05' });
    // May's victims: P1 (North C2, South C3) and P2 (South C4). P1 is a repeat (C1 in April).
    expect([may.numerator, may.denominator]).toEqual([1, 2]);
    const lpas = Object.fromEntries(
      may.breakdown.map((b) => [b.label, [b.numerator, b.denominator]]),
    );
    expect(lpas).toEqual({ North: [1, 1], South: [1, 2] });
    const da = await evaluateMeasure(store, 'repeat_victim_rate_da', { period: '2021-05' });
    expect([da.numerator, da.denominator]).toEqual([1, 2]);
    // A quarter adds victim-months: April P1; May P1, P2; June P3 → 4, of whom P1 in May repeats.
    const q = await evaluateMeasure(store, 'repeat_victim_rate_trc', { period: '2021/22-Q1' });
    expect([q.numerator, q.denominator]).toEqual([1, 4]);
  });
});

describe('the 06:00 queue', () => {
  it('leaves out incidents graded no deployment, which are never resourced', async () => {
    const r = await evaluateMeasure(store, 'unresourced_incidents', { period: '2021-06' });
    expect(r.numerator).toBe(1); // I1 only, not I2
  });
});

describe('definitions say the choices made in computing them', () => {
  const def = (id: string) => catalogue().find((m) => m.id === id)?.definition ?? '';
  it.each([
    [
      'crime_violence_with_injury',
      /homicide and death or serious injury caused by unlawful driving.*Home Office offence subgroups/,
    ],
    ['confidence', /"Don't know" answers are left out of the base/],
    ['da_felt_safer', /"Don't know" answers are left out of the base/],
    ['calls_999_10s', /÷ 999 calls answered, not calls offered/],
    ['calls_101_30s', /÷ 101 calls answered, not calls offered/],
    ['repeat_victim_rate_trc', /victim-months are added up/],
    ['repeat_victim_rate_da', /victim-months are added up/],
    ['unresourced_incidents', /graded no deployment are left out/],
    ['open_investigations', /calendar-day boundaries/],
    ['sat_burglary', /over the 6 months to the end of the period \(its own window/],
  ])('%s', (id, text) => {
    expect(def(id)).toMatch(text);
  });
});

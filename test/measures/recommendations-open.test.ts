import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { recordInputs } from '../../src/app/records-inputs.ts';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import {
  evaluateMeasure,
  evaluateScorecard,
  type FindingsRegister,
  type RegisterFinding,
} from '../../src/measures/engine.ts';
import { addMonthsToDate, ageBandOf } from '../../src/measures/evaluate/records.ts';
import { MeasureResult, rowsOf } from '../../src/measures/result.ts';
import { suppressForPublic } from '../../src/present/disclosure.ts';
import { tempDir } from '../helpers/files.ts';
import { pgliteStore, type TestStore } from '../records/stores.ts';

// `recommendations_open` from the records store's register, handed to the engine as data (the
// measures may not import the records): the count open at the end of the period by age band,
// its comparisons and series, and honest "no data" where the register has nothing to say.

let store: FactsStore;
let cleanup: () => void;
beforeAll(async () => {
  const tmp = tempDir('bluelamp-recs-open-');
  cleanup = tmp.cleanup;
  cpSync(inject('smallDemoDir'), join(tmp.dir, 'data'), { recursive: true });
  store = await openFactsStore(join(tmp.dir, 'data'), { readOnly: true });
}, 120_000);
afterAll(() => {
  store?.close();
  cleanup?.();
});

const f = (
  publishedOn: string,
  closedOn: string | null = null,
  scope: RegisterFinding['scope'] = 'force',
): RegisterFinding => ({ publishedOn, closedOn, scope });

/** A register read on 20 April 2022, as the demo's facts end in March 2022. */
const REGISTER: FindingsRegister = {
  today: '2022-04-20',
  findings: [
    f('2021-06-20'), // 0–3 months at the end of June 2021
    f('2021-02-15', null, 'national'), // 3–6
    f('2020-11-01'), // 6–12
    f('2019-01-10'), // 12 or more
    f('2019-01-10', '2021-05-01'), // closed before the end of June: not counted
    f('2020-12-01', '2021-07-15'), // closed after: still open at the end of June
    f('2021-07-01'), // published after: not yet
  ],
};

const measure = (records?: { open_recommendations: FindingsRegister }, period = '2021/22-Q1') =>
  evaluateMeasure(store, 'recommendations_open', {
    period,
    cache: false,
    ...(records ? { records } : {}),
  });

describe('the open recommendations measure', () => {
  it('puts each open finding in its age band by whole months since its report', () => {
    expect(ageBandOf('2021-04-01', '2021-06-30')).toBe('0–3 months');
    expect(ageBandOf('2021-03-31', '2021-06-30')).toBe('3–6 months');
    expect(ageBandOf('2020-12-31', '2021-06-30')).toBe('6–12 months');
    expect(ageBandOf('2020-06-30', '2021-06-30')).toBe('12 months or more');
    expect(ageBandOf('2020-07-01', '2021-06-30')).toBe('6–12 months');
    expect(addMonthsToDate('2021-11-30', 3)).toBe('2022-02-28');
    expect(addMonthsToDate('2023-11-30', 3)).toBe('2024-02-29');
  });

  it('counts the findings open at the end of the period, by age band, against earlier periods', async () => {
    const r = await measure({ open_recommendations: REGISTER });
    expect(() => MeasureResult.parse(r)).not.toThrow();
    expect(r).toMatchObject({
      value: 5,
      numerator: 5,
      status: 'no_target',
      source: { kind: 'records' },
      coverage: { window: 'full', from: '2019-01', to: '2022-04' },
      lineage: { rowCounts: { findings: 7, open: 5 } },
    });
    const rows = rowsOf(r.table, 'open_findings');
    expect(rows.map((x) => [x.age_band, x.open, x.national_scope])).toEqual([
      ['0–3 months', 1, 0],
      ['3–6 months', 1, 1],
      ['6–12 months', 2, 0],
      ['12 months or more', 1, 0],
      ['All open findings', 5, 1],
    ]);
    expect(rows[2]?.share).toBeCloseTo(0.4);
    // The end of March 2021 (the previous quarter): the two closed later were both open, the
    // June report not yet published.
    const previous = r.comparisons.find((c) => c.kind === 'previous');
    expect(previous).toMatchObject({ value: 5, absoluteChange: 0 });
    const lastYear = r.comparisons.find((c) => c.kind === 'last_year');
    expect(lastYear).toMatchObject({ value: 2, absoluteChange: 3, relativeChange: 1.5 });
    const twoYears = r.comparisons.find((c) => c.kind === 'two_years_ago');
    expect(twoYears).toMatchObject({ value: 2 });
    // The series: null before the register's first month, the count at each month's end after.
    expect(r.series).toHaveLength(36);
    expect(r.series.find((p) => p.period === '2018-12')?.value).toBeNull();
    expect(r.series.find((p) => p.period === '2019-01')?.value).toBe(2);
    expect(r.series.find((p) => p.period === '2021-05')?.value).toBe(4);
    expect(r.series.at(-1)).toMatchObject({ period: '2021-06', value: 5 });
    expect(r.warnings.join(' ')).not.toMatch(/no data|not read/i);
  });

  it('says the records were not read, or that none are recorded, rather than print a zero', async () => {
    const unread = await measure();
    expect(unread).toMatchObject({ value: null, status: 'no_data', table: null });
    expect(unread.warnings.join(' ')).toMatch(/not read from the records store/);
    const empty = await measure({ open_recommendations: { today: '2022-04-20', findings: [] } });
    expect(empty).toMatchObject({ value: null, status: 'no_data' });
    expect(empty.warnings.join(' ')).toMatch(/No inspection findings are recorded/);
  });

  it('has no figure for a period before the register’s earliest report (not evidence of none open)', async () => {
    const later = await measure({
      open_recommendations: { today: '2022-04-20', findings: [f('2021-08-02')] },
    });
    expect(later).toMatchObject({ value: null, status: 'no_data', coverage: { window: 'none' } });
    expect(later.warnings.join(' ')).toMatch(/earliest report was published on 2 August 2021/);
  });

  it('counts a period still running on the day the register was read, and says so', async () => {
    const r = await measure({
      open_recommendations: { ...REGISTER, today: '2021-06-15' },
    });
    // The report of 20 June is not published yet on the 15th.
    expect(r.value).toBe(4);
    expect(r.warnings.join(' ')).toMatch(/Counted on 15 June 2021/);
  });

  it('is in the scorecard, force-wide in an LPA view, and passes disclosure control', async () => {
    const card = await evaluateScorecard(store, {
      period: '2021/22-Q1',
      lpa: null,
      cache: false,
      records: { open_recommendations: REGISTER },
    });
    const r = card.measures.find((m) => m.id === 'recommendations_open');
    expect(r?.value).toBe(5);
    const [lpa] = await store.all<{ lpa: string }>('SELECT min(lpa) AS lpa FROM crimes');
    const inLpa = await evaluateMeasure(store, 'recommendations_open', {
      period: '2021/22-Q1',
      lpa: String(lpa?.lpa),
      cache: false,
      records: { open_recommendations: REGISTER },
    });
    expect(inLpa).toMatchObject({ value: 5, lpa: null, scope: 'force' });
    expect(inLpa.warnings.join(' ')).toMatch(/Force-wide figure/);
    const [shown] = suppressForPublic([r as MeasureResult]);
    expect(rowsOf(shown?.table, 'open_findings')).toHaveLength(5);
  });
});

describe('the records inputs read by src/app', () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await pgliteStore();
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it('reads the register with each finding’s publication and closing dates (no text)', async () => {
    expect(await recordInputs(null, new Date())).toEqual({});
    const cli = { userId: null, via: 'cli' } as const;
    const src = await s.records.findingSources.add(
      {
        kind: 'internal_audit',
        title: 'Internal audit: property (test)',
        reportKind: null,
        publishedOn: '2021-03-01',
      },
      cli,
    );
    const add = (ref: string, scope: 'force' | 'national') =>
      s.records.findings.add(
        { sourceId: src.id, ref, kind: 'recommendation', text: 'Secret text', scope },
        cli,
      );
    await add('R1', 'force');
    const closed = await add('R2', 'national');
    await s.records.findings.transition(closed.id, 'superseded', cli);
    const inputs = await recordInputs(s.records, new Date('2022-04-20T23:30:00Z'));
    expect(inputs.open_recommendations?.today).toBe('2022-04-21');
    expect(inputs.open_recommendations?.findings).toEqual([
      { publishedOn: '2021-03-01', closedOn: null, scope: 'force' },
      { publishedOn: '2021-03-01', closedOn: '2021-07-05', scope: 'national' },
    ]);
    expect(JSON.stringify(inputs)).not.toContain('Secret');
    const r = await evaluateMeasure(store, 'recommendations_open', {
      period: '2021/22-Q1',
      cache: false,
      records: inputs,
    });
    // Superseded on 5 July 2021 (the test clock): still open at the end of June.
    expect(r.value).toBe(2);
  });
});

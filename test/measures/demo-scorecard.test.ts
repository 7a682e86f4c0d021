import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { evaluateScorecard, evaluateMeasure, type Scorecard } from '../../src/measures/engine.ts';
import { MeasureResult, rowsOf } from '../../src/measures/result.ts';
import { tempDir } from '../helpers/files.ts';
import { buildReport } from '../../src/report/assemble.ts';
import { parsePeriod } from '../../src/measures/period.ts';

/**
 * The engine on the synthetic demo force (seed 20210630, scale 1) against calibration.md's
 * published figures for 2021/22 Q1. The demo is a simulation with those parameters; these
 * figures are computed from its records by the engine, so they test both.
 */
let store: FactsStore;
let cleanup: () => void;
let card: Scorecard;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = await openFactsStore(tmp.dir);
  await loadDemo(store, {
    seed: 20210630,
    scale: 1,
    dataDir: tmp.dir,
    now: () => new Date('2022-04-20T09:00:00Z'),
  });
  card = await evaluateScorecard(store, { period: '2021/22-Q1' });
}, 300_000);

afterAll(() => {
  store.close();
  cleanup();
});

const value = (id: string) => {
  const r = card.measures.find((m) => m.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r.value as number;
};
const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(relative);
const points = (actual: number, expected: number, pts: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(pts / 100);

describe('the 2021/22 Q1 gold scorecard of the demo force lands near calibration.md', () => {
  it('every gold result meets the MeasureResult contract', () => {
    expect(card.measures.length).toBe(51);
    for (const r of card.measures) expect(() => MeasureResult.parse(r), r.id).not.toThrow();
  });

  it('every result carries its window, and each comparison’s, as data', () => {
    const byId = new Map(card.measures.map((r) => [r.id, r]));
    for (const r of card.measures) {
      expect(r.window.kind, r.id).toBeDefined();
      expect(r.window.start, r.id).toBe(`${r.window.first}-01`);
      for (const c of r.comparisons)
        expect(c.window?.kind, `${r.id} ${c.kind}`).toBe(r.window.kind);
    }
    expect(byId.get('sat_burglary')?.window).toMatchObject({
      kind: 'rolling',
      first: '2021-01',
      last: '2021-06',
    });
    expect(byId.get('open_investigations')?.window).toMatchObject({
      kind: 'point_in_time',
      first: '2021-06',
      last: '2021-06',
    });
    expect(byId.get('cdi_compliance')?.window).toMatchObject({ kind: 'ytd', first: '2021-04' });
    expect(byId.get('oc16_rate')?.window).toMatchObject({ kind: 'quarter', last: '2021-06' });
    expect(byId.get('oc16_rate')?.comparisons.find((c) => c.kind === 'last_year')?.window).toEqual({
      kind: 'quarter',
      first: '2020-04',
      last: '2020-06',
    });
  });

  it('recorded crime within 5% (21,009), outcomes within 5% (19,170), outcome 16 within 2 points (36%)', () => {
    within(value('crime_total'), 21_009, 0.05);
    within(value('outcomes_table'), 19_170, 0.05);
    points(value('oc16_rate'), 0.36, 2);
    points(value('action_taken_rate'), 0.1, 2);
  });

  it('priorities within 8% (DA 6,883; hate 708; vulnerable adult 4,378; child at risk 6,447), KSI within 5% (117)', () => {
    within(value('priority_domestic_abuse'), 6_883, 0.08);
    within(value('priority_hate'), 708, 0.08);
    within(value('priority_vulnerable_adult'), 4_378, 0.08);
    within(value('priority_child_at_risk'), 6_447, 0.08);
    within(value('ksi'), 117, 0.05);
  });

  it('victims: repeat rates within 3 points (34%, 43%), high-harm nominals within 10% (607), characteristics within 1.5 points', () => {
    points(value('repeat_victim_rate_trc'), 0.34, 3);
    points(value('repeat_victim_rate_da'), 0.43, 3);
    within(value('high_harm_repeat_nominals'), 607, 0.1);
    points(value('recorded_ethnicity'), 0.862, 1.5);
    points(value('recorded_sex'), 0.9859, 1.5);
    expect(value('recorded_dob')).toBe(1);
    points(value('victim_linked_oc14'), 0.8, 4);
    points(value('victim_linked_oc16'), 0.92, 3);
  });

  it('victim voice within 3 points (burglary 76%, violent 69%, hate 64%, confidence 85% over 12 months: 5 points)', () => {
    points(value('sat_burglary'), 0.76, 3);
    points(value('sat_violent'), 0.69, 3);
    points(value('sat_hate'), 0.64, 3);
    points(value('confidence'), 0.85, 5);
    points(value('val_referral_rate'), 0.242, 2);
  });

  it('contact and investigations: 999 within 10 s and 101 within 30 s within 2 points, open investigations within 10% (10,096), 06:00 queue in 150–200', () => {
    points(value('calls_999_10s'), 0.937, 2);
    points(value('calls_101_30s'), 0.61, 3);
    within(value('open_investigations'), 10_096, 0.1);
    expect(value('unresourced_incidents')).toBeGreaterThanOrEqual(150);
    expect(value('unresourced_incidents')).toBeLessThanOrEqual(200);
  });

  it('the DA survey missed its target (115 against 168) and every DA satisfaction figure says so', async () => {
    const interviews = card.measures.find((m) => m.id === 'survey_interviews');
    expect(
      rowsOf(interviews?.table, 'survey_interviews').find((r) => r.survey === 'domestic_abuse'),
    ).toMatchObject({
      interviews: 115,
      quarterly_target: 168,
      target_met: false,
    });
    expect(interviews?.status).toBe('not_met');
  });

  it('workforce returns arrive signed (33.3% female officers)', () => {
    const r = card.measures.find((m) => m.id === 'female_officers_pct');
    expect(r?.value).toBeCloseTo(0.333, 3);
    expect(r?.source.return?.submittedBy).toBeTruthy();
  });

  it('an LPA scorecard is the LPA share of the force', async () => {
    const north = await evaluateMeasure(store, 'crime_total', {
      period: '2021/22-Q1',
      lpa: card.measures.find((m) => m.id === 'crime_total')?.breakdown[0]?.label ?? '',
    });
    const force = card.measures.find((m) => m.id === 'crime_total');
    expect(north.value).toBe(force?.breakdown[0]?.value);
    expect(force?.breakdown.reduce((s, b) => s + (b.value ?? 0), 0)).toBe(force?.value);
  });

  it('matches the golden scorecard for seed 20210630 (UPDATE_GOLDEN=1 to rewrite)', () => {
    const lines = card.measures.map(
      (r) =>
        `${r.id}\t${r.value === null ? '-' : Number(r.value.toPrecision(6))}\t${r.status}\t${r.spc?.variationIcon ?? '-'}`,
    );
    const text = `${lines.join('\n')}\n`;
    const path = new URL('./__golden__/scorecard-2021-22-Q1.tsv', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
    expect(existsSync(path), 'golden file missing: run with UPDATE_GOLDEN=1').toBe(true);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});

describe('the quarterly report of the demo force', () => {
  it('matches the golden text of the report for 2021/22 Q1, seed 20210630 (UPDATE_GOLDEN=1 to rewrite)', async () => {
    const { html } = await buildReport({
      forceName: 'Synthetic Constabulary (demo data — not a real force)',
      period: parsePeriod('2021/22-Q1'),
      lpa: null,
      results: card.measures,
      commentary: { oc16_rate: 'Commentary written by an analyst.' },
      generatedAt: '2022-04-20T09:00:00Z',
    });
    // The words of the report (charts and the SQL appendix left out): what a reader sees.
    const text = html
      .replace(/<svg[\s\S]*?<\/svg>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<section[^>]*id="appendix[\s\S]*$/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .trim();
    expect(text).toContain('Commentary written by an analyst.');
    expect(text).toContain('Synthetic Constabulary');
    const path = new URL('./__golden__/report-2021-22-Q1.golden.txt', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, `${text}\n`);
    expect(existsSync(path), 'golden file missing: run with UPDATE_GOLDEN=1').toBe(true);
    expect(`${text}\n`).toBe(readFileSync(path, 'utf8'));
  });
});

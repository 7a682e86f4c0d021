import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTable } from '../../src/facts/import/import-table.ts';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import {
  exploreSurvey,
  SurveyExploration,
  type ExploreRequest,
  type Segment,
} from '../../src/measures/survey/explore.ts';
import { explorationCsv, segmentTables } from '../../src/present/survey-explorer.ts';
import { tempDir, writeTableCsv } from '../helpers/files.ts';
import { FIXTURE_PERIOD, FIXTURE_TABLES } from './fixture.ts';

let store: FactsStore;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  store = await openFactsStore(':memory:');
  for (const [table, rows] of FIXTURE_TABLES)
    await importTable(store, table, [writeTableCsv(tmp.dir, `${table}.csv`, table, rows)]);
});
afterAll(() => {
  store.close();
  cleanup();
});

const explore = (over: Partial<ExploreRequest> = {}) =>
  exploreSurvey(store, {
    survey: 'sms',
    by: ['team'],
    period: FIXTURE_PERIOD,
    allowStaff: true,
    ...over,
  });

const segment = (r: SurveyExploration, question: string, field: string, value: string | null) => {
  const s = r.questions
    .find((q) => q.question === question)
    ?.breakdowns.find((b) => b.field === field)
    ?.segments.find((x) => x.value === value);
  if (!s) throw new Error(`no segment ${question}/${field}/${value}`);
  return s;
};
const counts = (s: Segment) => [s.x, s.n];

describe('the survey explorer on a hand-built SMS survey (test/survey/fixture.ts)', () => {
  it('counts responses, the response rate, free text and demographics as worked by hand', async () => {
    const r = SurveyExploration.parse(await explore());
    expect(r.responses).toBe(24);
    // 70 sends in the quarter (A01–A11, A13–A30, B01–B40, C01); 22 answered (C01 in July).
    // The March send A12 and the burglary send are not in the base.
    expect(r.responseRate).toMatchObject({ x: 22, n: 70 });
    expect(r.responseRate?.share).toBeCloseTo(22 / 70, 12);
    expect(r.links).toEqual({ withSend: 23, unknownSend: 1 });
    expect(r.freeText).toMatchObject({ x: 8, n: 24 });
    expect(r.demographics).toMatchObject({ x: 11, n: 24 });
  });

  it('gives the satisfied share its Wilson interval (15 of 24)', async () => {
    const r = await explore({ question: 'sms_overall' });
    const o = r.questions[0]!.overall;
    // p = 0.625, z = 1.959964, z²/n = 3.841459/24 = 0.160061.
    // centre = (0.625 + 0.080030) / 1.160061 = 0.607755
    // half = (1.959964 / 1.160061) · √(0.625·0.375/24 + 0.160061/96)
    //      = 1.689535 · √(0.00976563 + 0.00166730) = 1.689535 · 0.106925 = 0.180654
    expect(o).toMatchObject({ x: 15, n: 24, share: 0.625 });
    expect(o.lower).toBeCloseTo(0.4271, 4);
    expect(o.upper).toBeCloseTo(0.7884, 4);
  });

  it('tests each team against the rest and adjusts the p-values by Benjamini–Hochberg', async () => {
    const r = await explore({ question: 'sms_overall' });
    const a = segment(r, 'sms_overall', 'team', 'Team A');
    const b = segment(r, 'sms_overall', 'team', 'Team B');
    const none = segment(r, 'sms_overall', 'team', null);
    expect([counts(a), counts(b), counts(none)]).toEqual([
      [11, 12],
      [3, 10],
      [1, 2],
    ]);
    // Team A 11/12 against 4/12: pooled 0.625, SE = √(0.625·0.375·(1/12 + 1/12)) = 0.197642,
    // z = 0.583333 / 0.197642 = 2.951459, p = 0.003163.
    // Team B 3/10 against 12/14: SE = √(0.234375·(1/10 + 1/14)) = 0.200446, z = −2.779517,
    // p = 0.005444. Not recorded 1/2 against 14/22: z = −0.381385, p = 0.702918.
    expect(a.pValue).toBeCloseTo(0.003163, 6);
    expect(b.pValue).toBeCloseTo(0.005444, 6);
    expect(none.pValue).toBeCloseTo(0.702918, 6);
    // BH over the 3 segments shown, ascending: 3·0.003163/1 = 0.009488, 3·0.005444/2 =
    // 0.008166, 3·0.702918/3 = 0.702918; step-up minimum from the top: A takes B's 0.008166.
    expect(a.pAdjusted).toBeCloseTo(0.008166, 6);
    expect(b.pAdjusted).toBeCloseTo(0.008166, 6);
    expect(none.pAdjusted).toBeCloseTo(0.702918, 6);
    expect([a.direction, b.direction, none.direction]).toEqual(['higher', 'lower', null]);
    expect(r.questions[0]!.tested).toBe(3);
    // Every segment is under 30 respondents: flagged, never hidden in the full edition.
    for (const s of [a, b, none]) expect(s.flags).toContain('small_base');
    expect(none.flags).toContain('weak_approximation');
  });

  it('widens the BH family to every field shown', async () => {
    const one = await explore({ question: 'sms_overall', by: ['team'] });
    const two = await explore({ question: 'sms_overall', by: ['team', 'sex'] });
    expect(two.questions[0]!.tested).toBe(3 + 4); // female, male, not_stated, not given
    const a1 = segment(one, 'sms_overall', 'team', 'Team A').pAdjusted!;
    const a2 = segment(two, 'sms_overall', 'team', 'Team A').pAdjusted!;
    expect(a2).toBeGreaterThan(a1);
    expect(segment(two, 'sms_overall', 'team', 'Team A').pValue).toBeCloseTo(0.003163, 6);
  });

  it('segments by the send: day and hour of sending, incident type from the send or its crime', async () => {
    const r = await explore({
      question: 'sms_overall',
      by: ['day_of_week', 'hour', 'incident_type', 'staff', 'lpa'],
    });
    const days = r.questions[0]!.breakdowns[0]!.segments.map((s) => [s.value, s.x, s.n]);
    // Monday A01–A11; Wednesday A12 (sent 31 March) and R23 (answered, unknown send);
    // Saturday Team B's sends; Tuesday R24 (answered, no send).
    expect(days).toEqual([
      ['1', 11, 11],
      ['2', 0, 1],
      ['3', 1, 2],
      ['6', 3, 10],
    ]);
    expect(segment(r, 'sms_overall', 'hour', '22')).toMatchObject({ x: 3, n: 10 });
    expect(segment(r, 'sms_overall', 'hour', '20')).toMatchObject({ x: 0, n: 1 });
    expect(segment(r, 'sms_overall', 'incident_type', 'Anti-social behaviour')).toMatchObject({
      x: 11,
      n: 12,
    });
    // B01–B05 name crime C1 (R13–R17: 3 satisfied); B06–B10, R23 and R24 have no type.
    expect(segment(r, 'sms_overall', 'incident_type', 'Violence without injury')).toMatchObject({
      x: 3,
      n: 5,
    });
    expect(segment(r, 'sms_overall', 'incident_type', null)).toMatchObject({ x: 1, n: 7 });
    expect(segment(r, 'sms_overall', 'staff', 'A2')).toMatchObject({ x: 5, n: 6 });
    expect(segment(r, 'sms_overall', 'lpa', 'South')).toMatchObject({ x: 4, n: 12 });
  });

  it('leaves excluded answers out of the base and keeps the respondent’s own demographics', async () => {
    const r = await explore({ question: 'sms_kept_informed', by: ['sex'] });
    expect(r.questions[0]!.overall).toMatchObject({ x: 10, n: 20 });
    const sexes = r.questions[0]!.breakdowns[0]!.segments.map((s) => [s.value, s.x, s.n]);
    // In the sex vocabulary's order. R01–R04 answered "Not applicable"; male R06–R10 (Yes),
    // female R05 (Yes), not_stated R11 (Yes), not given R12–R24 (R12–R14 Yes).
    expect(sexes).toEqual([
      ['male', 5, 5],
      ['female', 1, 1],
      ['not_stated', 1, 1],
      [null, 3, 13],
    ]);
  });

  it('keeps to a scoped user’s areas', async () => {
    const r = await explore({ lpas: ['South'], question: 'sms_overall' });
    expect(r.responses).toBe(12);
    // South sends: B01–B40 and C01, of which B01–B10 and C01 answered.
    expect(r.responseRate).toMatchObject({ x: 11, n: 41 });
    expect(r.questions[0]!.overall).toMatchObject({ x: 4, n: 12 });
  });

  it('has no response rate where a survey has no sends at all', async () => {
    const r = await explore({ survey: 'perception', by: ['lpa'] });
    expect(r.responseRate).toBeNull();
    expect(r.responses).toBe(0);
  });

  it('withholds small segments in a public edition, and one more so none can be worked out', async () => {
    const r = await explore({
      question: 'sms_overall',
      by: ['lpa'],
      edition: 'public',
      allowStaff: false,
    });
    // North 11/12 and South 4/12: both under 30, both withheld.
    for (const s of r.questions[0]!.breakdowns[0]!.segments) {
      expect(s.withheld).toBe(true);
      expect([s.n, s.x, s.share, s.pValue, s.pAdjusted]).toEqual([null, null, null, null, null]);
    }
    expect(r.questions[0]!.tested).toBe(0);
    await expect(explore({ by: ['team'], edition: 'public', allowStaff: true })).rejects.toThrow(
      /analysts and administrators only/,
    );
  });

  it('refuses unknown surveys, fields, questions and periods, and staff views without leave', async () => {
    await expect(explore({ survey: 'nope' })).rejects.toThrow(
      /Unknown survey "nope": the surveys are burglary/,
    );
    await expect(explore({ by: ['shoe_size'] })).rejects.toThrow(
      /Unknown field "shoe_size" for --by/,
    );
    await expect(explore({ by: [] })).rejects.toThrow(/--by FIELD/);
    await expect(explore({ question: 'whole_experience' })).rejects.toThrow(
      /Unknown question "whole_experience" for the sms survey/,
    );
    await expect(explore({ period: '2021/23' })).rejects.toMatchObject({ code: 'BAD_PERIOD' });
    await expect(explore({ by: ['staff'], allowStaff: false })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('words the tables and writes a CSV of every segment', async () => {
    const r = await explore({ question: 'sms_overall', by: ['team', 'day_of_week'] });
    const [teams, days] = segmentTables(r);
    expect(teams!.rows.map((c) => [c.segment, c.respondents, c.share, c.finding])).toEqual([
      ['Team A', '12', '92%', 'Higher than the rest'],
      ['Team B', '10', '30%', 'Lower than the rest'],
      ['Not recorded', '2', '50%', 'No clear difference'],
    ]);
    expect(days!.rows.map((c) => c.segment)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Saturday',
    ]);
    const csv = explorationCsv(await explore({ question: 'sms_overall' }))
      .trim()
      .split('\n');
    expect(csv).toHaveLength(1 + 3);
    // Team A: Wilson 11/12 = 0.646120–0.985135; adjusted p as worked above.
    expect(csv[1]).toBe(
      'sms,2021/22-Q1,sms_overall,team,Team A,Team A,12,11,0.916667,0.64612,0.985135,12,0.333333,0.583333,0.003163,0.008166,yes,higher,yes,small_base weak_approximation,no',
    );
    expect(csv[3]).toMatch(/^sms,2021\/22-Q1,sms_overall,team,Not recorded,,2,1,0\.5,/);
  });
});

/**
 * Disclosure control by hand-worked examples: each states the figures, what a reader could
 * work out from them, and what must therefore be withheld.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf, type MeasureResult } from '../../src/measures/result.ts';
import {
  FEWER_THAN_5,
  WITHHELD,
  disclosedText,
  isSuppressed,
  suppressForPublic,
  suppressionAt,
} from '../../src/present/disclosure.ts';
import { crimeGroupRow, result } from './disclosure-support.ts';

const lpa = (key: string, value: number, numerator = value, denominator: number | null = null) => ({
  key,
  label: key,
  value,
  numerator,
  denominator,
  interval: null,
});

const one = (r: MeasureResult) =>
  suppressForPublic([r])[0] as ReturnType<typeof suppressForPublic>[0];
const marks = (r: MeasureResult) => one(r).disclosure.suppressed;

describe('primary suppression', () => {
  it('withholds a count of 1–4 as "fewer than 5" and keeps zero as zero', () => {
    const out = one(
      result({
        id: 'a',
        unit: 'count',
        value: 40,
        numerator: 40,
        breakdown: [lpa('A', 0), lpa('B', 3), lpa('C', 17), lpa('D', 20)],
      }),
    );
    expect(out.breakdown.map((b) => b.value)).toEqual([0, null, null, 20]);
    expect(suppressionAt(out, 'breakdown.1.value')).toBe('fewer_than_5');
    expect(suppressionAt(out, 'breakdown.0.value')).toBeNull();
    expect(disclosedText(out, 'breakdown.1.value', String, '—')).toBe(FEWER_THAN_5);
    expect(disclosedText(out, 'breakdown.0.value', String, '—')).toBe('0');
    // 40 − 0 − 20 = 20 = B + C: the smallest other non-zero LPA (C, 17) goes with B, not the zero.
    expect(suppressionAt(out, 'breakdown.2.value')).toBe('complementary');
    expect(disclosedText(out, 'breakdown.2.value', String, '—')).toBe(WITHHELD);
    expect(out.value).toBe(40);
  });

  it('leaves a result with nothing small untouched but for its lineage', () => {
    const r = result({
      id: 'a',
      unit: 'count',
      value: 32,
      numerator: 32,
      breakdown: [lpa('A', 0), lpa('B', 12), lpa('C', 20)],
    });
    const out = one(r);
    expect(out.disclosure.suppressed).toEqual({});
    expect({ ...out, lineage: r.lineage, disclosure: undefined }).toEqual({
      ...r,
      disclosure: undefined,
    });
    expect(out.lineage).toEqual({ sql: [], rowCounts: {} });
  });
});

describe('secondary suppression', () => {
  it('does not let bounds pin a cell: 6 = "fewer than 5" + a withheld 5 would give 1', () => {
    const out = one(
      result({
        id: 'a',
        unit: 'count',
        value: 6,
        numerator: 6,
        breakdown: [lpa('A', 1), lpa('B', 5)],
      }),
    );
    // Exact differencing is closed by withholding B; but B ≥ 5 and A ≥ 1 with A + B = 6 pins
    // both, so the total goes too.
    expect(out.breakdown.map((b) => b.value)).toEqual([null, null]);
    expect(out.value).toBeNull();
    expect(out.numerator).toBeNull();
    expect(suppressionAt(out, 'value')).toBe('complementary');
  });

  it('withholds another month when one month of the period is small', () => {
    const series = [
      { period: '2021-04', value: 2, numerator: 2, denominator: null },
      { period: '2021-05', value: 9, numerator: 9, denominator: null },
      { period: '2021-06', value: 30, numerator: 30, denominator: null },
    ];
    const out = one(result({ id: 'a', unit: 'count', value: 41, numerator: 41, series }));
    expect(out.series.map((p) => p.value)).toEqual([null, null, 30]);
    expect(out.value).toBe(41);
  });

  it('withholds a change when one side of it is withheld', () => {
    const out = one(
      result({
        id: 'a',
        unit: 'count',
        value: 12,
        numerator: 12,
        comparisons: [
          {
            kind: 'last_year',
            period: '2020/21-Q1',
            value: 3,
            numerator: 3,
            denominator: null,
            absoluteChange: 9,
            relativeChange: 3,
            significance: null,
          },
        ],
      }),
    );
    const c = out.comparisons[0];
    expect([c?.value, c?.absoluteChange, c?.relativeChange]).toEqual([null, null, null]);
    expect(suppressionAt(out, 'comparisons.0.absoluteChange')).toBe('derived');
    expect(out.value).toBe(12);
  });

  it('withholds shares with their counts in an outcome table, and the next-smallest row', () => {
    const rows = [
      { outcome_type: '1', outcome: 'Charged', group: 'action_taken', count: 3, share: 3 / 60 },
      { outcome_type: '14', outcome: 'Evidential', group: 'other', count: 12, share: 12 / 60 },
      { outcome_type: '18', outcome: 'No suspect', group: 'other', count: 45, share: 45 / 60 },
    ];
    const then = { count_two_years_ago: null, share_two_years_ago: null };
    const table = { kind: 'outcomes' as const, rows: rows.map((r) => ({ ...r, ...then })) };
    const out = one(
      result({ id: 'outcomes_table', unit: 'count', value: 60, numerator: 60, table }),
    );
    const t = rowsOf(out.table, 'outcomes');
    expect(t.map((r) => r.count)).toEqual([null, null, 45]);
    expect(t.map((r) => r.share)).toEqual([null, null, 0.75]);
    expect(suppressionAt(out, 'table.rows.0.count')).toBe('fewer_than_5');
    expect(suppressionAt(out, 'table.rows.1.count')).toBe('complementary');
    expect(suppressionAt(out, 'table.rows.0.share')).toBe('derived');
  });

  it('carries a withheld count into the table that repeats it in another result', () => {
    const crime = (id: string, value: number) =>
      result({
        id,
        unit: 'count',
        value,
        numerator: value,
        series: [{ period: '2021-04', value, numerator: value, denominator: null }],
        window: { label: 'April 2021', start: '2021-04-01', end: '2021-05-01' },
      });
    const row = (id: string, count: number) => crimeGroupRow({ id, crime_group: id, count });
    const table = result({
      id: 'crime_table',
      unit: 'count',
      value: 30,
      table: {
        kind: 'crime_groups',
        rows: [row('crime_a', 2), row('crime_b', 8), row('crime_c', 20), row('crime_total', 30)],
      },
    });
    const out = suppressForPublic([
      crime('crime_a', 2),
      crime('crime_b', 8),
      crime('crime_c', 20),
      crime('crime_total', 30),
      table,
    ]);
    // crime_a is 2; crime_b (8) is withheld so that crime_total − crime_c cannot give it.
    expect(out.map((r) => r.value)).toEqual([null, null, 20, 30, 30]);
    expect(rowsOf(out[4]?.table, 'crime_groups').map((r) => r.count)).toEqual([null, null, 20, 30]);
  });
});

describe('rates and bases', () => {
  const rate = (numerator: number, denominator: number) =>
    result({
      id: 'r',
      unit: 'percent',
      value: numerator / denominator,
      numerator,
      denominator,
      interval: { lower: 0, upper: 1, method: 'wilson', level: 0.95 },
      warnings: [
        `Small base: ${denominator} responses, below the minimum of 30; treat with caution.`,
      ],
    });

  it('withholds a rate over a base of 1–4, its interval and its numerator, even a zero', () => {
    const out = one(rate(0, 3));
    expect([out.value, out.numerator, out.denominator, out.interval]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(suppressionAt(out, 'value')).toBe('small_base');
    expect(suppressionAt(out, 'numerator')).toBe('small_base');
    expect(suppressionAt(out, 'denominator')).toBe('fewer_than_5');
    expect(out.warnings).toEqual([
      'Small base: fewer than 5 responses, below the minimum of 30; treat with caution.',
    ]);
  });

  it('withholds a rate whose numerator is 1–4 (rate × base would give it back), not its base', () => {
    const out = one(rate(2, 100));
    expect([out.value, out.numerator, out.denominator]).toEqual([null, null, 100]);
    expect(suppressionAt(out, 'value')).toBe('derived');
  });

  it('withholds the target status of a rate over a small base, met or not', () => {
    for (const status of ['met', 'not_met', 'near'] as const) {
      const out = one({ ...rate(3, 3), status });
      expect(out.value).toBeNull();
      expect(out.status).toBe('withheld');
    }
    expect(one({ ...rate(60, 100), status: 'met' }).status).toBe('met');
  });

  it('withholds an outcome rate that reveals a small number of outcomes', () => {
    const table = [
      {
        id: 'crime_x',
        crime_group: 'X',
        count: 90,
        outcomes: 40,
        action_taken_rate: 2 / 40,
        oc16_rate: 20 / 40,
      },
    ];
    const out = one(
      result({
        id: 'crime_table',
        unit: 'count',
        value: 90,
        table: { kind: 'crime_groups', rows: table.map(crimeGroupRow) },
      }),
    );
    expect(rowsOf(out.table, 'crime_groups')[0]).toMatchObject({
      count: 90,
      outcomes: 40,
      action_taken_rate: null,
      oc16_rate: 0.5,
    });
    expect(suppressionAt(out, 'table.rows.0.action_taken_rate')).toBe('derived');
  });
});

describe('honest numbers and record-level data', () => {
  it('keeps no_data as no_data and a withheld value as withheld, not missing', () => {
    const none = result({ id: 'n', unit: 'count', status: 'no_data' });
    const small = result({ id: 's', unit: 'count', value: 2, numerator: 2, status: 'met' });
    const [a, b] = suppressForPublic([none, small]);
    expect(a?.status).toBe('no_data');
    expect(isSuppressed(a as MeasureResult, 'value')).toBe(false);
    expect(disclosedText(a as MeasureResult, 'value', String, 'no data')).toBe('no data');
    // "Met" beside a withheld value would say where the value lies: the status goes with it.
    expect(b?.status).toBe('withheld');
    expect(disclosedText(b as MeasureResult, 'value', String, 'no data')).toBe(FEWER_THAN_5);
  });

  it('drops lineage and any free-text field', () => {
    const r = {
      ...result({ id: 'a', unit: 'count', value: 50, numerator: 50 }),
      quotes: ['PC Smith was rude'],
    };
    (r as unknown as { table: unknown }).table = {
      kind: 'age_profile',
      rows: [{ age_band: 'x', crimes: 50, share: 1, comments: 'call 07700 900123' }],
    };
    const out = one(r);
    expect(out.lineage).toEqual({ sql: [], rowCounts: {} });
    expect(JSON.stringify(out)).not.toMatch(/Smith|07700|SELECT/);
  });

  it('is pure: the input results are not changed', () => {
    const r = result({ id: 'a', unit: 'count', value: 3, numerator: 3 });
    const before = structuredClone(r);
    one(r);
    expect(r).toEqual(before);
  });

  it('is not a no-op on the naive case it is built against (marks every withheld field)', () => {
    expect(marks(result({ id: 'a', unit: 'count', value: 3, numerator: 3 }))).toEqual({
      value: 'fewer_than_5',
      numerator: 'fewer_than_5',
    });
  });
});

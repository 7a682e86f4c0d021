import { describe, expect, it } from 'vitest';
import {
  examplesByTheme,
  filterComments,
  monthlyTrend,
  NO_AREA,
  themeTables,
} from '../../src/themes/aggregate.ts';
import type { ReadComment } from '../../src/themes/comments.ts';
import { parseFramework } from '../../src/themes/framework.ts';
import type { SentimentLabel } from '../../src/themes/sentiment.ts';

const fw = parseFramework(
  {
    name: 'Two themes',
    themes: [
      { id: 'speed', label: 'Speed', phrases: ['quick'] },
      { id: 'updates', label: 'Updates', phrases: ['update'] },
    ],
  },
  'test',
);

/** A comment as read, built by hand (the reading itself is tested elsewhere). */
const c = (
  id: string,
  month: string,
  lpa: string | null,
  themes: string[],
  label: SentimentLabel,
  survey = 'burglary',
): ReadComment => ({
  id: `${id}:went_well`,
  survey,
  question: 'went_well',
  month,
  quarter: month < '2021-07' ? '2021/22-Q1' : '2021/22-Q2',
  lpa,
  text: `comment ${id}`,
  themes,
  matched: {},
  sentiment: { score: label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : 0, label },
});

// Worked by hand: 6 comments; speed in 3 (2 positive, 1 negative), updates in 3 (1 positive,
// 1 neutral, 1 negative), both in S-2 and S-4; S-6 has none.
const COMMENTS = [
  c('S-1', '2021-04', 'North', ['speed'], 'positive'),
  c('S-2', '2021-04', 'North', ['speed', 'updates'], 'positive'),
  c('S-3', '2021-05', 'South', ['updates'], 'neutral', 'hate'),
  c('S-4', '2021-06', 'South', ['speed', 'updates'], 'negative'),
  c('S-5', '2021-06', null, [], 'negative', 'hate'),
  c('S-6', '2021-07', 'North', [], 'neutral'),
];

describe('theme × sentiment', () => {
  it('counts comments per theme, a comment under each of its themes, with shares of all comments', () => {
    const [t] = themeTables(COMMENTS, fw, null);
    expect(t).toEqual({
      segment: null,
      comments: 6,
      all: { positive: 2, neutral: 2, negative: 2, total: 6 },
      rows: [
        {
          theme: 'speed',
          label: 'Speed',
          positive: 2,
          neutral: 0,
          negative: 1,
          total: 3,
          share: 0.5,
        },
        {
          theme: 'updates',
          label: 'Updates',
          positive: 1,
          neutral: 1,
          negative: 1,
          total: 3,
          share: 0.5,
        },
        {
          theme: 'none',
          label: 'No theme',
          positive: 0,
          neutral: 1,
          negative: 1,
          total: 2,
          share: 2 / 6,
        },
      ],
    });
  });

  it('by area: one table per area, a comment without one under "(no area)"', () => {
    const tables = themeTables(COMMENTS, fw, 'lpa');
    expect(tables.map((t) => [t.segment, t.comments])).toEqual([
      [NO_AREA, 1],
      ['North', 3],
      ['South', 2],
    ]);
    const south = tables[2]!;
    expect(south.rows.map((r) => [r.theme, r.total, r.negative, r.share])).toEqual([
      ['speed', 1, 1, 0.5],
      ['updates', 2, 1, 1],
      ['none', 0, 0, 0],
    ]);
  });

  it('by quarter and by survey', () => {
    expect(themeTables(COMMENTS, fw, 'quarter').map((t) => [t.segment, t.comments])).toEqual([
      ['2021/22-Q1', 5],
      ['2021/22-Q2', 1],
    ]);
    const bySurvey = themeTables(COMMENTS, fw, 'survey');
    expect(bySurvey.map((t) => [t.segment, t.all])).toEqual([
      ['burglary', { positive: 2, neutral: 1, negative: 1, total: 4 }],
      ['hate', { positive: 0, neutral: 1, negative: 1, total: 2 }],
    ]);
  });
});

describe('month by month', () => {
  it('counts each theme per month and its share of the month’s comments; a month without any is 0', () => {
    const trend = monthlyTrend(COMMENTS, fw, ['2021-03', '2021-04', '2021-05', '2021-06']);
    expect(trend.months).toEqual([
      { month: '2021-03', comments: 0 },
      { month: '2021-04', comments: 2 },
      { month: '2021-05', comments: 1 },
      { month: '2021-06', comments: 2 },
    ]);
    const updates = trend.rows.find((r) => r.theme === 'updates')!;
    expect(updates.cells.map((x) => [x.count, x.share])).toEqual([
      [0, 0],
      [1, 0.5],
      [1, 1],
      [1, 0.5],
    ]);
    // July is outside the months asked for: not counted anywhere.
    expect(trend.rows.find((r) => r.theme === 'none')!.cells.map((x) => x.count)).toEqual([
      0, 0, 0, 1,
    ]);
  });
});

describe('examples and filters', () => {
  it('gives the newest comments of each theme first, leaving out themes with none', () => {
    const ex = examplesByTheme(COMMENTS, fw, 2);
    expect(ex.map((e) => [e.theme, e.total, e.examples.map((x) => x.id)])).toEqual([
      ['speed', 3, ['S-4:went_well', 'S-2:went_well']],
      ['updates', 3, ['S-4:went_well', 'S-3:went_well']],
      ['none', 2, ['S-6:went_well', 'S-5:went_well']],
    ]);
    expect(examplesByTheme(COMMENTS.slice(0, 1), fw, 3).map((e) => e.theme)).toEqual(['speed']);
  });

  it('filters by theme, sentiment, area and the areas a user may see', () => {
    const ids = (f: Parameters<typeof filterComments>[1]) =>
      filterComments(COMMENTS, f).map((x) => x.id.slice(0, 3));
    expect(ids({ theme: 'speed', sentiment: 'positive' })).toEqual(['S-1', 'S-2']);
    expect(ids({ theme: 'none' })).toEqual(['S-5', 'S-6']);
    expect(ids({ lpa: 'South' })).toEqual(['S-3', 'S-4']);
    // A user limited to North never sees South's comments or those without an area.
    expect(ids({ lpas: ['North'] })).toEqual(['S-1', 'S-2', 'S-6']);
  });
});

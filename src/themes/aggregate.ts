import { NO_THEME, type ThemeFramework } from './framework.ts';
import { newestFirst, type ReadComment } from './comments.ts';
import type { SentimentLabel } from './sentiment.ts';

/**
 * Themes × sentiment over read comments: by segment (area, month, quarter, survey), month by
 * month, and examples. A comment may carry several themes, so a theme's count is the comments
 * that mention it and the theme rows do not add up to the comments; "No theme" counts those
 * that matched none. Shares are of the comments in the segment (or month). Pure functions of
 * plain data: the CLI and the web page show the same numbers.
 */

export const SEGMENT_KINDS = ['lpa', 'month', 'quarter', 'survey'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** The segment of comments with no area. */
export const NO_AREA = '(no area)';

export interface SentimentCounts {
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly total: number;
}

export interface ThemeRow extends SentimentCounts {
  /** A theme id, or NO_THEME. */
  readonly theme: string;
  readonly label: string;
  /** total ÷ the segment's comments (0 when it has none). */
  readonly share: number;
}

export interface SegmentTable {
  /** The segment's value (an area, "2021-04", "2021/22-Q1", a survey); null = all comments. */
  readonly segment: string | null;
  readonly comments: number;
  /** Sentiment of all the segment's comments (each counted once). */
  readonly all: SentimentCounts;
  readonly rows: readonly ThemeRow[];
}

export interface ThemeFilter {
  readonly theme?: string | null;
  readonly sentiment?: SentimentLabel | null;
  readonly lpa?: string | null;
  /** The areas a user may see; null = all. */
  readonly lpas?: readonly string[] | null;
}

/** The themes a table has rows for: the framework's, then "No theme". */
export function themeRowsOf(f: ThemeFramework): { id: string; label: string }[] {
  return [
    ...f.themes.map((t) => ({ id: t.id, label: t.label })),
    { id: NO_THEME, label: 'No theme' },
  ];
}

const hasTheme = (c: ReadComment, theme: string) =>
  theme === NO_THEME ? c.themes.length === 0 : c.themes.includes(theme);

export function filterComments(comments: readonly ReadComment[], f: ThemeFilter): ReadComment[] {
  return comments.filter(
    (c) =>
      (!f.theme || hasTheme(c, f.theme)) &&
      (!f.sentiment || c.sentiment.label === f.sentiment) &&
      (!f.lpa || c.lpa === f.lpa) &&
      (!f.lpas || (c.lpa !== null && f.lpas.includes(c.lpa))),
  );
}

function countsOf(comments: readonly ReadComment[]): SentimentCounts {
  let positive = 0;
  let neutral = 0;
  let negative = 0;
  for (const c of comments) {
    if (c.sentiment.label === 'positive') positive++;
    else if (c.sentiment.label === 'negative') negative++;
    else neutral++;
  }
  return { positive, neutral, negative, total: comments.length };
}

function tableOf(
  segment: string | null,
  comments: readonly ReadComment[],
  f: ThemeFramework,
): SegmentTable {
  return {
    segment,
    comments: comments.length,
    all: countsOf(comments),
    rows: themeRowsOf(f).map((t) => {
      const counts = countsOf(comments.filter((c) => hasTheme(c, t.id)));
      return {
        theme: t.id,
        label: t.label,
        ...counts,
        share: comments.length === 0 ? 0 : counts.total / comments.length,
      };
    }),
  };
}

const segmentOf = (c: ReadComment, by: SegmentKind): string =>
  by === 'lpa'
    ? (c.lpa ?? NO_AREA)
    : by === 'month'
      ? c.month
      : by === 'quarter'
        ? c.quarter
        : c.survey;

/**
 * Theme × sentiment, for all the comments (`by` null) or one table per segment: months and
 * quarters oldest first, areas and surveys in alphabetical order.
 */
export function themeTables(
  comments: readonly ReadComment[],
  f: ThemeFramework,
  by: SegmentKind | null,
): SegmentTable[] {
  if (by === null) return [tableOf(null, comments, f)];
  const groups = new Map<string, ReadComment[]>();
  for (const c of comments) {
    const k = segmentOf(c, by);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return [...groups.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((k) => tableOf(k, groups.get(k) ?? [], f));
}

export interface TrendCell {
  readonly month: string;
  readonly count: number;
  /** count ÷ the month's comments (0 when it has none). */
  readonly share: number;
}

export interface Trend {
  /** Every month asked for, with its number of comments (0 for a month without any). */
  readonly months: readonly { readonly month: string; readonly comments: number }[];
  readonly rows: readonly {
    readonly theme: string;
    readonly label: string;
    readonly cells: readonly TrendCell[];
  }[];
}

/** Each theme's comments month by month, as counts and as shares of the month's comments. */
export function monthlyTrend(
  comments: readonly ReadComment[],
  f: ThemeFramework,
  months: readonly string[],
): Trend {
  const byMonth = new Map<string, ReadComment[]>(months.map((m) => [m, []]));
  for (const c of comments) byMonth.get(c.month)?.push(c);
  return {
    months: months.map((m) => ({ month: m, comments: byMonth.get(m)?.length ?? 0 })),
    rows: themeRowsOf(f).map((t) => ({
      theme: t.id,
      label: t.label,
      cells: months.map((m) => {
        const all = byMonth.get(m) ?? [];
        const count = all.filter((c) => hasTheme(c, t.id)).length;
        return { month: m, count, share: all.length === 0 ? 0 : count / all.length };
      }),
    })),
  };
}

export interface ThemeExamples {
  readonly theme: string;
  readonly label: string;
  /** The theme's comments in all (the examples are the newest `perTheme` of them). */
  readonly total: number;
  /** Redacted, newest first. */
  readonly examples: readonly ReadComment[];
}

/** A few comments of each theme, newest first (themes with none are left out). */
export function examplesByTheme(
  comments: readonly ReadComment[],
  f: ThemeFramework,
  perTheme: number,
): ThemeExamples[] {
  return themeRowsOf(f)
    .map((t) => {
      const all = comments.filter((c) => hasTheme(c, t.id)).sort(newestFirst);
      return { theme: t.id, label: t.label, total: all.length, examples: all.slice(0, perTheme) };
    })
    .filter((t) => t.total > 0);
}

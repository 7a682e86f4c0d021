/**
 * The comments page's view model (src/web/pages/comments.ts): free-text survey answers,
 * redacted and read for themes and sentiment (src/themes), as theme × sentiment, a month-by-
 * month trend and the newest examples of each theme, each with its quote decision. Every text
 * here is redacted; nothing in this model was ever the original.
 */
import { SURVEYS } from '../../facts/tables.ts';
import type { QuoteDecisionRecord } from '../../records/api.ts';
import { MAX_QUOTES } from '../../present/sections.ts';
import { formatMonth, formatPercent, formatPeriodLabel, label } from '../../present/format.ts';
import {
  examplesByTheme,
  filterComments,
  monthlyTrend,
  themeRowsOf,
  themeTables,
} from '../../themes/aggregate.ts';
import type { ReadComment } from '../../themes/comments.ts';
import { NO_THEME, type ThemeFramework } from '../../themes/framework.ts';
import { NEUTRAL_BAND, SENTIMENTS, type SentimentLabel } from '../../themes/sentiment.ts';
import { redactText } from '../../voice/redact.ts';
import type { Choice } from './filters.ts';
import type { Tag } from './tags.ts';

export const EXAMPLES_PER_THEME = 3;
/** Examples shown when one theme is chosen. */
export const EXAMPLES_OF_ONE_THEME = 25;

const SENTIMENT_TAGS: Record<SentimentLabel, Tag> = {
  positive: { text: 'Positive', symbol: '+', classes: 'govuk-tag--green' },
  neutral: { text: 'Neutral', symbol: '·', classes: 'govuk-tag--grey' },
  negative: { text: 'Negative', symbol: '−', classes: 'govuk-tag--red' },
};

export const sentimentTag = (s: SentimentLabel): Tag => SENTIMENT_TAGS[s];

export function decisionTag(d: QuoteDecisionRecord | undefined): Tag | null {
  if (!d) return null;
  return d.status === 'approved'
    ? { text: 'Approved quote', symbol: '✓', classes: 'govuk-tag--blue' }
    : { text: 'Rejected as quote', symbol: '✗', classes: 'govuk-tag--grey' };
}

const QUESTION_NAMES: Record<string, string> = {
  went_well: 'What went well',
  could_be_better: 'What could be better',
  sms_comment: 'SMS comment',
};
export const questionName = (q: string): string => QUESTION_NAMES[q] ?? label(q);
export const surveyName = (s: string): string => label(s, 'survey');

export interface CommentFilters {
  readonly survey: string | null;
  readonly theme: string | null;
  readonly sentiment: SentimentLabel | null;
}

export interface FilterError {
  readonly field: 'survey' | 'theme' | 'sentiment';
  readonly text: string;
}

const one = (v: unknown): string | null => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
};

/** The survey, theme and sentiment asked for, each checked (an unknown one is an error). */
export function readCommentFilters(
  query: unknown,
  framework: ThemeFramework,
): { filters: CommentFilters; errors: FilterError[] } {
  const q = (query ?? {}) as Record<string, unknown>;
  const errors: FilterError[] = [];
  let survey = one(q.survey);
  if (survey && !(SURVEYS as readonly string[]).includes(survey)) {
    errors.push({ field: 'survey', text: 'Choose a survey from the list' });
    survey = null;
  }
  let theme = one(q.theme);
  if (theme && !themeRowsOf(framework).some((t) => t.id === theme)) {
    errors.push({ field: 'theme', text: 'Choose a theme from the list' });
    theme = null;
  }
  let sentiment = one(q.sentiment) as SentimentLabel | null;
  if (sentiment && !(SENTIMENTS as readonly string[]).includes(sentiment)) {
    errors.push({ field: 'sentiment', text: 'Choose positive, neutral or negative' });
    sentiment = null;
  }
  return { filters: { survey, theme, sentiment }, errors };
}

export interface ExampleView {
  readonly id: string;
  readonly text: string;
  readonly meta: string;
  readonly themes: string;
  readonly sentiment: Tag;
  readonly score: string;
  readonly decision: Tag | null;
  readonly quoteHref: string;
  readonly quoteLinkText: string;
}

const signed = (n: number) => (n < 0 ? `−${Math.abs(n).toFixed(2)}` : n.toFixed(2));

export function exampleView(
  c: ReadComment,
  framework: ThemeFramework,
  decision: QuoteDecisionRecord | undefined,
  back: string,
): ExampleView {
  const names = new Map(themeRowsOf(framework).map((t) => [t.id, t.label]));
  return {
    id: c.id,
    text: c.text,
    meta: [
      surveyName(c.survey),
      questionName(c.question),
      formatMonth(c.month),
      c.lpa ?? 'No area',
    ].join(' · '),
    themes: c.themes.length > 0 ? c.themes.map((t) => names.get(t) ?? t).join(', ') : 'No theme',
    sentiment: sentimentTag(c.sentiment.label),
    score: signed(c.sentiment.score),
    decision: decisionTag(decision),
    quoteHref: `/comments/quote?${new URLSearchParams({ id: c.id, back }).toString()}`,
    quoteLinkText: decision ? 'Review quote decision' : 'Propose as quote',
  };
}

export interface ApprovedView {
  readonly id: string;
  readonly text: string;
  readonly meta: string;
  readonly printed: boolean;
}

/**
 * The period's approved quotes as the board pack takes them (src/app/quotes.ts
 * `approvedQuotes`: approved, with text, interviewed in the period's months, oldest first,
 * redacted again on the way out); the board pack prints the first MAX_QUOTES.
 */
export function approvedForPeriod(
  decisions: Readonly<Record<string, QuoteDecisionRecord>>,
  months: readonly string[],
): ApprovedView[] {
  const inPeriod = new Set(months);
  return Object.entries(decisions)
    .filter(([, d]) => d.status === 'approved' && d.text !== undefined && inPeriod.has(d.month))
    .sort(([a, x], [b, y]) => x.month.localeCompare(y.month) || a.localeCompare(b))
    .map(([id, d], i) => ({
      id,
      text: redactText(d.text ?? ''),
      meta: `${surveyName(d.survey)} · ${formatMonth(d.month)} · approved by ${d.by}`,
      printed: i < MAX_QUOTES,
    }));
}

const choice = (value: string, text: string, selected: string | null): Choice => ({
  value,
  text,
  selected: value === (selected ?? ''),
});

export interface CommentsPageInput {
  readonly comments: readonly ReadComment[];
  readonly framework: ThemeFramework;
  readonly period: { label: string; months: readonly string[] };
  readonly lpa: string | null;
  readonly lpaScope: readonly string[] | null;
  readonly filters: CommentFilters;
  readonly decisions: Readonly<Record<string, QuoteDecisionRecord>>;
  /** This page's own address (path and query), for the quote page's way back. */
  readonly self: string;
}

/** The page's tables and examples (the filter form's choices are added by the page). */
export function commentsPageModel(input: CommentsPageInput) {
  const { framework, filters, period } = input;
  const shown = filterComments(input.comments, {
    theme: filters.theme,
    sentiment: filters.sentiment,
    lpa: input.lpa,
    lpas: input.lpaScope,
  });
  const [table] = themeTables(shown, framework, null);
  const trend = monthlyTrend(shown, framework, period.months);
  const perTheme = filters.theme ? EXAMPLES_OF_ONE_THEME : EXAMPLES_PER_THEME;
  const examples = examplesByTheme(shown, framework, perTheme).filter(
    (e) => !filters.theme || e.theme === filters.theme,
  );
  const pct = (n: number, of: number) => (of === 0 ? '—' : formatPercent(n / of));
  return {
    periodLabel: formatPeriodLabel(period.label),
    total: shown.length,
    neutralBand: NEUTRAL_BAND.toFixed(1),
    themeTable: (table?.rows ?? []).map((r) => ({
      theme: r.theme,
      label: r.label,
      total: r.total,
      share: pct(r.total, shown.length),
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      positiveShare: pct(r.positive, r.total),
      negativeShare: pct(r.negative, r.total),
      href:
        r.total > 0 && r.theme !== filters.theme
          ? `${input.self.split('?')[0]}?${withParam(input.self, 'theme', r.theme)}`
          : null,
    })),
    all: table?.all ?? { positive: 0, neutral: 0, negative: 0, total: 0 },
    trend: {
      months: trend.months.map((m) => ({ text: formatMonth(m.month, true), comments: m.comments })),
      rows: trend.rows.map((r) => ({
        label: r.label,
        cells: r.cells.map((c) => ({
          count: c.count,
          share: trend.months.find((m) => m.month === c.month)?.comments
            ? formatPercent(c.share)
            : '—',
        })),
      })),
    },
    examples: examples.map((e) => ({
      theme: e.theme,
      label: e.label,
      total: e.total,
      items: e.examples.map((c) => exampleView(c, framework, input.decisions[c.id], input.self)),
    })),
    approved: input.lpaScope ? null : approvedForPeriod(input.decisions, period.months),
    maxQuotes: MAX_QUOTES,
    framework: {
      name: framework.name,
      isDefault: framework.source === 'default',
      themes: framework.themes.map((t) => ({ label: t.label, description: t.description })),
    },
  };
}

function withParam(self: string, key: string, value: string): string {
  const q = new URLSearchParams(self.split('?')[1] ?? '');
  q.set(key, value);
  return q.toString();
}

/** The filter form's survey, theme and sentiment choices. */
export function filterChoices(framework: ThemeFramework, f: CommentFilters) {
  return {
    surveys: [
      choice('', 'All surveys', f.survey),
      ...SURVEYS.map((s) => choice(s, surveyName(s), f.survey)),
    ],
    themes: [
      choice('', 'All themes', f.theme),
      ...themeRowsOf(framework).map((t) => choice(t.id, t.label, f.theme)),
    ],
    sentiments: [
      choice('', 'Any sentiment', f.sentiment),
      ...SENTIMENTS.map((s) => choice(s, SENTIMENT_TAGS[s].text, f.sentiment)),
    ],
  };
}

export { NO_THEME };

/**
 * The scorecard page's view model: a row per gold measure from `src/present`'s scorecard rows
 * (the board's one comparison basis, same period last year), grouped by section, with the
 * filters as a GET form. Everything the view prints is text here already.
 */
import type { Scorecard } from '../../measures/engine.ts';
import { AREAS } from '../../measures/catalogue/index.ts';
import { parsePeriod } from '../../measures/period.ts';
import { SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import { formatPeriodLabel } from '../../present/format.ts';
import { basisLabel, scorecardRow } from '../../present/scorecard.ts';
import type { WebCharts } from '../deps.ts';
import {
  defaultPeriod,
  lpaChoices,
  periodGroups,
  queryString,
  type Choice,
  type DataSpan,
  type PageQuery,
} from './filters.ts';
import { raiseChallengeHref } from './meetings.ts';
import { sparklineSvg } from './sparkline.ts';
import { assuranceTag, statusTag, variationTag, type Tag } from './tags.ts';

export interface ScorecardRowView {
  readonly id: string;
  readonly href: string;
  readonly title: string;
  readonly value: string;
  readonly target: string;
  readonly lastYear: string;
  readonly change: string;
  readonly significance: string;
  readonly significant: boolean;
  readonly variation: Tag | null;
  readonly assurance: Tag | null;
  readonly sparkSvg: string | null;
  readonly sparkText: string;
  readonly status: Tag;
  readonly marks: string;
  /** "Raise a challenge" about a signal of concern or a missed target; null without one. */
  readonly raiseHref: string | null;
}

export interface ScorecardSectionView {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly ScorecardRowView[];
}

export interface Filters {
  readonly tier: string;
  readonly section: string;
}

const TIER_WORDS: Record<string, string> = { gold: 'Gold', silver: 'Silver', bronze: 'Bronze' };

export function readFilters(query: unknown): Filters {
  const q = (query ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { tier: s(q.tier), section: s(q.section) };
}

function significanceText(significant: boolean | null): string {
  if (significant === true) return 'Significant change';
  if (significant === false) return 'Not significant';
  return 'No test';
}

export function scorecardModel(opts: {
  card: Scorecard | null;
  data: DataSpan;
  query: PageQuery;
  filters: Filters;
  charts: WebCharts;
  suppressed: boolean;
  scope: readonly string[] | null;
}) {
  const { card, data, query, filters, charts } = opts;
  const periodError = query.errors.find((e) => e.field === 'period');
  const lpaError = query.errors.find((e) => e.field === 'lpa');
  const shownPeriod = periodError ? '' : query.period;
  const tiers = [...new Set((card?.measures ?? []).map((m) => m.tier))];
  const choice = (value: string, text: string, selected: string): Choice => ({
    value,
    text,
    selected: value === selected,
  });
  const form = {
    periodGroups: periodGroups(data, shownPeriod || (defaultPeriod(data) ?? '')),
    lpas: lpaChoices(data, opts.scope, query.lpa),
    tiers: [
      choice('', 'All tiers', filters.tier),
      ...tiers.map((t) => choice(t, TIER_WORDS[t] ?? t, filters.tier)),
    ],
    sections: [
      choice('', 'All sections', filters.section),
      ...AREAS.map((a) => choice(a.id, a.title, filters.section)),
    ],
  };
  const errors = query.errors.map((e) => ({ text: e.text, href: `#${e.field}` }));
  const base = {
    form,
    errors,
    periodError: periodError?.text ?? null,
    lpaError: lpaError?.text ?? null,
  };
  if (!card) return { ...base, sections: [], heading: 'Scorecard', notes: [] as string[] };

  const lastMonth = parsePeriod(card.period).months.at(-1) as string;
  const lpaView = card.lpa !== null;
  const rows = card.measures
    .filter((r) => !filters.tier || r.tier === filters.tier)
    .filter((r) => !filters.section || r.area === filters.section);
  const link = queryString({ period: card.period, lpa: card.lpa });
  const sections: ScorecardSectionView[] = AREAS.map((a) => ({
    id: a.id,
    title: a.title,
    rows: rows
      .filter((r) => r.area === a.id)
      .map((r) => {
        const row = scorecardRow(r, lastMonth, lpaView);
        return {
          id: r.id,
          href: `/measures/${encodeURIComponent(r.id)}${link}`,
          title: r.title,
          value: row.value,
          target: row.target,
          lastYear: row.lastYear,
          change: row.change,
          significance: significanceText(row.significant),
          significant: row.significant === true,
          variation: variationTag(charts, r.spc),
          assurance: assuranceTag(charts, row.assurance),
          sparkSvg: sparklineSvg(row.spark),
          sparkText: row.sparkText,
          status: statusTag(row.status),
          marks: row.marks.join('; '),
          raiseHref: raiseChallengeHref(r, card.period, card.lpa),
        };
      }),
  })).filter((s) => s.rows.length > 0);

  const notes: string[] = [`The data covers ${card.coverage.label}.`];
  notes.push(
    `Each change is on ${basisLabel(card.measures, card.period)} (the same period last year). A significant change is one at the 5% level; many tests are made each quarter, so expect some false signals.`,
  );
  if (sections.some((s) => s.rows.some((r) => r.marks.includes('force-wide'))))
    notes.push(
      `Force-wide: counted for the whole force only, not by local policing area; the force's figure is shown, not ${card.lpa}'s.`,
    );
  if (opts.suppressed) notes.push(SUPPRESSION_NOTE);
  const where = card.lpa ?? 'whole force';
  return {
    ...base,
    heading: `Scorecard: ${formatPeriodLabel(card.period)}, ${where}`,
    sections,
    notes,
    empty: sections.length === 0,
  };
}

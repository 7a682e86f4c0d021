/**
 * What the public site and the public (and panel) API answers are cut from: the engine's
 * scorecard passed through disclosure control (src/present/disclosure.ts) as ONE output, so a
 * total and its parts are protected together, and every public page of a period reads the same
 * suppressed results (a measure page cannot show what the scorecard page withheld).
 */
import { monthCoverage } from '../../facts/status.ts';
import { addMonths, monthIndex, parsePeriod } from '../../measures/period.ts';
import {
  disclosedText,
  suppressForPublic,
  suppressionAt,
  type PublicMeasureResult,
} from '../../present/disclosure.ts';
import {
  DASH,
  formatCount,
  formatDate,
  formatMonth,
  formatPercent,
  formatNumber,
  formatPeriodLabel,
  formatRelativeChange,
  formatValue,
  goodLooksLikeText,
  label,
  sentenceCase,
  vocabularyOfColumn,
  windowLabel,
  windowPhrase,
} from '../../present/format.ts';
import { scorecardRow } from '../../present/scorecard.ts';
import type { MeasureResult } from '../../measures/result.ts';
import { isPublicMeasure } from '../../present/public-measures.ts';
import { BluelampError } from '../../lib/errors.ts';
import type { Scorecard } from '../../measures/engine.ts';
import type { WebDeps } from '../deps.ts';

export interface SuppressedScorecard extends Omit<Scorecard, 'measures'> {
  readonly measures: PublicMeasureResult[];
}

/** How many complete quarters the public site offers, newest first. */
export const PUBLIC_QUARTERS = 8;

/**
 * The scorecard after disclosure control: every gold measure (a panel member's view) or only the
 * measures marked public (`publicOnly`, the public site and /api/v1/public). Cached per data version.
 */
export async function suppressedScorecard(
  deps: WebDeps,
  q: { period: string; lpa: string | null; publicOnly: boolean },
): Promise<SuppressedScorecard> {
  const { dataVersion } = await deps.facts.current();
  const card = await deps.engine.scorecard({ period: q.period, lpa: q.lpa });
  return deps.results.getOrCompute(
    {
      dataVersion,
      kind: q.publicOnly ? 'public-scorecard' : 'scorecard',
      period: card.period,
      lpa: q.lpa,
      edition: 'public',
    },
    async () => {
      const chosen = q.publicOnly
        ? card.measures.filter((r) => isPublicMeasure(r.id))
        : card.measures;
      return { ...card, measures: suppressForPublic(chosen) };
    },
  );
}

const quarterLabel = (firstMonth: string): string => {
  const y = Number(firstMonth.slice(0, 4));
  const m = Number(firstMonth.slice(5, 7));
  const fy = m >= 4 ? y : y - 1;
  const q = Math.floor(((m - 4 + 12) % 12) / 3) + 1;
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}-Q${q}`;
};

/**
 * The complete financial quarters of recorded crime, newest first (at most PUBLIC_QUARTERS):
 * a quarter is complete when the crimes data reaches its last month.
 */
export async function publicQuarters(deps: WebDeps): Promise<string[]> {
  const { store, dataVersion } = await deps.facts.current();
  return deps.results.getOrCompute(
    { dataVersion, kind: 'public-quarters', period: 'all', edition: 'public' },
    async () => {
      const crimes = (await monthCoverage(store)).find((c) => c.table === 'crimes');
      if (!crimes) return [];
      const out: string[] = [];
      // The last quarter-end month (June, September, December, March) the data reaches.
      let last = crimes.to;
      while ((Number(last.slice(5, 7)) - 3 + 12) % 3 !== 0) last = addMonths(last, -1);
      for (let end = last; out.length < PUBLIC_QUARTERS; end = addMonths(end, -3)) {
        const first = addMonths(end, -2);
        if (monthIndex(first) < monthIndex(crimes.from)) break;
        out.push(quarterLabel(first));
      }
      return out;
    },
  );
}

/**
 * The period a public request asks for: one of the offered quarters (the latest when none is
 * asked for). Other periods are refused, so the public outputs stay a small, fixed set.
 */
export async function publicPeriod(deps: WebDeps, asked: string | undefined): Promise<string> {
  const quarters = await publicQuarters(deps);
  const latest = quarters[0];
  if (!latest)
    throw new BluelampError('NO_DATA', 'No figures have been published yet.', {
      hint: 'Figures appear here once a full quarter of recorded crime has been imported.',
    });
  if (asked === undefined || asked === '') return latest;
  const label = parsePeriod(asked).label;
  if (!quarters.includes(label))
    throw new BluelampError('PERIOD_NOT_COVERED', `Figures for "${asked}" are not published.`, {
      hint: `Published quarters: ${quarters.join(', ')}.`,
    });
  return label;
}

// --- the public pages' view models ----------------------------------------------------------

/** A public page's figure: text already formatted (or "fewer than 5" / "withheld"). */
const shown = (r: PublicMeasureResult, path: string, format: (v: number) => string) =>
  disclosedText(r, path, format, DASH);

const valueFormat = (r: MeasureResult) => (v: number) =>
  r.unit === 'percent' ? formatPercent(v, r.interval ? 0 : 1) : formatValue(v, r.unit);

/** The period picker: the published quarters, the shown one selected. */
export function quarterChoices(quarters: readonly string[], period: string) {
  return quarters.map((q) => ({ value: q, text: formatPeriodLabel(q), selected: q === period }));
}

export interface PublicRow {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly value: string;
  readonly lastYear: string;
  readonly change: string;
  readonly goodLooksLike: string;
}

/** The landing page's rows: one per public measure, in the scorecard's order. */
export function publicRows(card: SuppressedScorecard): PublicRow[] {
  const lastMonth = card.coverage.to ?? '';
  return card.measures.map((r) => {
    const row = scorecardRow(r, lastMonth, false);
    return {
      id: r.id,
      title: r.title,
      href: `/public/measures/${encodeURIComponent(r.id)}?period=${encodeURIComponent(card.period)}`,
      // A table-shaped result has no headline value; a withheld one says so.
      value:
        r.table && r.value === null && !suppressionAt(r, 'value') ? 'See the table' : row.value,
      lastYear: row.lastYear,
      change: row.change,
      goodLooksLike: goodLooksLikeText(r),
    };
  });
}

export interface PublicTable {
  readonly caption: string;
  readonly head: readonly { text: string; format?: 'numeric' }[];
  readonly rows: readonly (readonly { text: string; format?: 'numeric' }[])[];
}

/** How a table column's numbers read: changes and shares as percentages, limits to one place. */
function columnFormat(col: string): (v: number) => string {
  if (/change/.test(col)) return formatRelativeChange;
  if (/_limit$/.test(col)) return (v) => formatNumber(v, 1);
  if (/share|rate|^value$|_value$|^lower$|^upper$/.test(col)) return (v) => formatPercent(v, 1);
  return formatCount;
}

/** A table-shaped result's rows, every number through disclosure (withheld cells say so). */
function resultTable(r: PublicMeasureResult): PublicTable | null {
  const rows = (r.table?.rows ?? []) as readonly Record<string, unknown>[];
  const first = rows[0];
  if (!first) return null;
  const cols = Object.keys(first).filter((c) => !/^(id|z_vs_rest|p_vs_rest|rest_value)$/.test(c));
  const numeric = (c: string) => rows.some((row) => typeof row[c] === 'number' || row[c] === null);
  return {
    caption: r.title,
    head: cols.map((c) => ({
      text: sentenceCase(c.replaceAll('_', ' ')),
      ...(numeric(c) ? { format: 'numeric' as const } : {}),
    })),
    rows: rows.map((row, k) =>
      cols.map((c) => {
        const v = row[c];
        if (typeof v === 'string') return { text: label(v, vocabularyOfColumn(c)) };
        if (typeof v === 'boolean') return { text: v ? 'Yes' : 'No' };
        // A row of percentages (the national measures mix count and percent rows).
        const fmt =
          row.unit === 'percent' && !/change/.test(c)
            ? (x: number) => formatPercent(x, 1)
            : columnFormat(c);
        return { text: shown(r, `table.rows.${k}.${c}`, fmt), format: 'numeric' as const };
      }),
    ),
  };
}

export interface PublicMeasurePage {
  readonly id: string;
  readonly title: string;
  readonly definition: string;
  readonly periodLabel: string;
  readonly window: string;
  readonly value: string;
  readonly lastYear: string;
  readonly change: string;
  readonly goodLooksLike: string;
  readonly hasValue: boolean;
  readonly breakdown: PublicTable | null;
  readonly series: PublicTable | null;
  readonly table: PublicTable | null;
  readonly warnings: readonly string[];
  readonly freshness: string;
}

/** One public measure's page: only the suppressed result's figures, formatted here. */
export function publicMeasurePage(
  r: PublicMeasureResult,
  card: SuppressedScorecard,
): PublicMeasurePage {
  const row = scorecardRow(r, card.coverage.to ?? '', false);
  const fmt = valueFormat(r);
  const num = (text: string) => ({ text, format: 'numeric' as const });
  const breakdown: PublicTable | null =
    r.breakdown.length > 0
      ? {
          caption: `${r.title} by local policing area, ${windowPhrase(r.window)}`,
          head: [{ text: 'Local policing area' }, { text: 'Value', format: 'numeric' }],
          rows: r.breakdown.map((b, k) => [
            { text: b.label },
            num(shown(r, `breakdown.${k}.value`, fmt)),
          ]),
        }
      : null;
  const months = r.series.map((p, k) => ({ p, k })).slice(-12);
  const series: PublicTable | null =
    months.length > 0
      ? {
          caption: `${r.title}, month by month`,
          head: [{ text: 'Month' }, { text: 'Value', format: 'numeric' }],
          rows: months.map(({ p, k }) => [
            {
              text: /^\d{4}-\d{2}$/.test(p.period)
                ? formatMonth(p.period)
                : formatPeriodLabel(p.period),
            },
            num(shown(r, `series.${k}.value`, fmt)),
          ]),
        }
      : null;
  return {
    id: r.id,
    title: r.title,
    definition: r.definition,
    periodLabel: formatPeriodLabel(card.period),
    window: windowLabel(r.window),
    value: row.value,
    lastYear: row.lastYear,
    change: row.change,
    goodLooksLike: goodLooksLikeText(r),
    hasValue: r.value !== null || suppressionAt(r, 'value') !== null,
    breakdown,
    series,
    table: resultTable(r),
    warnings: r.warnings,
    freshness: r.freshness.latestRecord
      ? `Data to ${formatDate(r.freshness.latestRecord.slice(0, 10))}.`
      : '',
  };
}

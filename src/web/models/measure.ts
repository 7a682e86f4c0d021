/**
 * The measure page's view model: definition, window, value with its interval, what good looks
 * like and status, comparisons with their tests, the control chart (method, rebases), the
 * areas, the measure's own table, lineage and freshness, warnings, downloads. Every figure is
 * text here, through `src/present` and its disclosure map (a withheld figure says so).
 */
import { AREAS } from '../../measures/catalogue/index.ts';
import type { Comparison, MeasureResult } from '../../measures/result.ts';
import { suppressionAt, suppressedText, SUPPRESSION_NOTE } from '../../present/disclosure.ts';
import {
  DASH,
  formatCount,
  formatDateTime,
  formatInterval,
  formatMonthRange,
  formatNumber,
  formatPercent,
  formatPeriodLabel,
  formatPValue,
  formatValue,
  goodLooksLikeText,
  monthsOfWindow,
  noValueNotice,
  pointInTimeMonth,
  sentenceCase,
  windowLabel,
} from '../../present/format.ts';
import { boardValue, changeText } from '../../present/scorecard.ts';
import type { WebChart, WebCharts } from '../deps.ts';
import { lpaChoices, periodGroups, queryString, type DataSpan, type PageQuery } from './filters.ts';
import { measureTable } from './measure-table.ts';
import { raiseChallengeHref } from './meetings.ts';
import { assuranceTag, statusTag, variationTag } from './tags.ts';

const TIER_WORDS: Record<string, string> = { gold: 'Gold', silver: 'Silver', bronze: 'Bronze' };

const POLARITY: Record<MeasureResult['polarity'], string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  increased_reporting_is_good: 'More reporting is better',
  neutral: 'Neither higher nor lower is better',
};

const UNIT: Record<MeasureResult['unit'], string> = {
  percent: 'Percentage',
  count: 'Count',
  rate: 'Rate',
  days: 'Days',
  mean: 'Mean',
};

const COMPARED: Record<Comparison['kind'], string> = {
  previous: 'Previous period',
  last_year: 'Same period last year',
  two_years_ago: 'Two years earlier',
};

/** A field's withheld text, else its formatted value, else a dash. */
function shown(
  r: MeasureResult,
  path: string,
  v: number | null | undefined,
  f: (v: number) => string,
): string {
  const reason = suppressionAt(r, path);
  if (reason) return suppressedText(reason);
  return v === null || v === undefined ? DASH : f(v);
}

const valueOf = (r: MeasureResult) => (v: number) =>
  r.unit === 'percent' ? formatPercent(v, 1) : formatValue(v, r.unit);

/** "April to June 2021 (Q1 2021/22)", "6 months to June 2021", or a point in time. */
export function windowText(r: MeasureResult): string {
  if (r.window.start === r.window.end || pointInTimeMonth(r.window))
    return `${sentenceCase(windowLabel(r.window))} (point in time)`;
  const range = formatMonthRange(monthsOfWindow(r.window.start, r.window.end));
  const label = windowLabel(r.window);
  if (range === '') return r.window.label;
  return range === label ? range : `${range} (${label})`;
}

function sourceText(r: MeasureResult): string {
  if (r.source.kind === 'return') {
    const ret = r.source.return;
    if (!ret) return 'Manual return (source not recorded)';
    const when = ret.submittedAt ? ` on ${formatDateTime(ret.submittedAt)}` : '';
    return `Manual return from ${ret.source}, submitted by ${ret.submittedBy}${when}`;
  }
  if (r.source.kind === 'records') return 'Bluelamp records';
  return 'Computed from record-level data';
}

function coverageText(r: MeasureResult): string | null {
  const c = r.coverage;
  if (!c) return null;
  if (c.window === 'full') return `The data covers ${c.label}`;
  if (c.window === 'none') return `The data (${c.label}) does not cover this window: no value`;
  return `The data (${c.label}) covers ${c.coveredMonths} of the window's ${c.windowMonths} months: the value is over those months only, and no target status is judged`;
}

function freshnessText(r: MeasureResult): string {
  const f = r.freshness;
  const parts: string[] = [];
  if (f.latestRecord) parts.push(`latest record ${formatDateTime(f.latestRecord)}`);
  if (f.lastImport) parts.push(`last import ${formatDateTime(f.lastImport)}`);
  return parts.length ? sentenceCase(parts.join('; ')) : 'Not recorded';
}

function valueDetail(r: MeasureResult): string | null {
  const parts: string[] = [];
  if (r.unit === 'percent' && (r.numerator !== null || suppressionAt(r, 'numerator'))) {
    const n = shown(r, 'numerator', r.numerator, formatCount);
    const d = shown(r, 'denominator', r.denominator, formatCount);
    parts.push(`${n} of ${d}`);
  } else if (r.denominator !== null) parts.push(`base ${formatCount(r.denominator)}`);
  const ci = suppressionAt(r, 'interval');
  if (ci) parts.push(`95% confidence interval ${suppressedText(ci)}`);
  else if (r.interval)
    parts.push(
      `95% confidence interval ${formatInterval(r.interval.lower, r.interval.upper)} (Wilson)`,
    );
  return parts.length ? parts.join(' · ') : null;
}

function comparisonRows(r: MeasureResult) {
  return r.comparisons.map((c, i) => {
    const sig = suppressionAt(r, `comparisons.${i}.significance`);
    const s = c.significance;
    return {
      when: `${COMPARED[c.kind]} (${formatPeriodLabel(c.period)})`,
      value: shown(r, `comparisons.${i}.value`, c.value, valueOf(r)),
      change: changeText(r, c),
      z: sig ? suppressedText(sig) : s ? formatNumber(s.z, 2) : DASH,
      p: sig ? suppressedText(sig) : s ? formatPValue(s.p) : DASH,
      significance: sig
        ? 'Withheld'
        : !s
          ? 'No test'
          : `${s.significant ? 'Significant' : 'Not significant'}${s.normalApproxOk ? '' : ' (bases too small for the test to be reliable)'}`,
      significant: s?.significant === true,
    };
  });
}

function breakdownRows(r: MeasureResult) {
  return r.breakdown.map((b, k) => ({
    area: b.label,
    value: shown(r, `breakdown.${k}.value`, b.value, valueOf(r)),
    numerator: shown(r, `breakdown.${k}.numerator`, b.numerator, formatCount),
    denominator: shown(r, `breakdown.${k}.denominator`, b.denominator, formatCount),
    interval: suppressionAt(r, `breakdown.${k}.interval`)
      ? suppressedText(suppressionAt(r, `breakdown.${k}.interval`) ?? 'derived')
      : b.interval
        ? formatInterval(b.interval.lower, b.interval.upper)
        : DASH,
    current: r.lpa !== null && (b.key === r.lpa || b.label === r.lpa),
  }));
}

function spcView(r: MeasureResult, charts: WebCharts) {
  const spc = r.spc;
  if (!spc) return null;
  return {
    method: charts.method(spc.method, spc.methodLabel),
    variation: variationTag(charts, spc, false),
    assurance: assuranceTag(charts, spc.assuranceIcon),
    shortGroup: spc.shortGroupWarning,
    rebases: spc.rebases.map((b) => ({
      period: formatPeriodLabel(b.period),
      reason: b.reason,
      approvedBy: b.approvedBy,
      date: b.date,
    })),
  };
}

function lineageView(r: MeasureResult) {
  const sql = r.lineage.sql.map((q) => ({
    purpose: sentenceCase(q.purpose),
    sql: q.sql,
    params: Object.entries(q.params)
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join(', '),
  }));
  const counts = Object.entries(r.lineage.rowCounts).map(([step, n]) => ({
    step: sentenceCase(step),
    rows: formatCount(n),
  }));
  return { sql, counts, empty: sql.length === 0 && counts.length === 0 };
}

export interface MeasurePageInput {
  readonly result: MeasureResult | null;
  readonly id: string;
  readonly title: string;
  readonly charts: readonly WebChart[];
  readonly wordsOf: WebCharts;
  readonly data: DataSpan;
  readonly query: PageQuery;
  readonly scope: readonly string[] | null;
  readonly suppressed: boolean;
  readonly commentary: {
    readonly text: string;
    readonly author: string;
    readonly updatedAt: string;
  } | null;
  readonly canEditCommentary: boolean;
  /** Whether the reader may raise a challenge (manage_meetings). */
  readonly canRaiseChallenge?: boolean;
}

export function measureModel(input: MeasurePageInput) {
  const { result: r, query, data, charts } = input;
  const periodError = query.errors.find((e) => e.field === 'period');
  const lpaError = query.errors.find((e) => e.field === 'lpa');
  const form = {
    periodGroups: periodGroups(data, periodError ? (r?.period.label ?? '') : query.period),
    lpas: lpaChoices(data, input.scope, query.lpa),
  };
  const base = {
    id: input.id,
    title: input.title,
    form,
    action: `/measures/${encodeURIComponent(input.id)}`,
    errors: query.errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    periodError: periodError?.text ?? null,
    lpaError: lpaError?.text ?? null,
  };
  if (!r) return { ...base, result: null };

  const q = { period: r.period.label, lpa: query.lpa };
  const dl = (ext: string, extra: Record<string, string> = {}) =>
    `/measures/${encodeURIComponent(r.id)}/download.${ext}${queryString(q, extra)}`;
  const mainChart = charts.find((c) => c.kind === 'spc' || c.kind === 'trend') ?? null;
  const mapChart = charts.find((c) => c.kind === 'map') ?? null;
  const otherCharts = charts.filter((c) => c !== mainChart && c !== mapChart);
  const forceWide = query.lpa !== null && r.scope === 'force';
  const area = AREAS.find((a) => a.id === r.area);
  return {
    ...base,
    result: true,
    caption: `${TIER_WORDS[r.tier] ?? r.tier} measure${area ? ` · ${area.title}` : ''}`,
    where: forceWide ? 'whole force (force-wide)' : (r.lpa ?? 'whole force'),
    forceWide,
    periodLabel: formatPeriodLabel(r.period.label),
    value: boardValue(r),
    valueDetail: valueDetail(r),
    noValue: noValueNotice(r),
    status: statusTag(r.status),
    goodLooksLike: goodLooksLikeText(r),
    summary: [
      { key: 'Definition', value: r.definition },
      { key: 'Window', value: windowText(r) },
      { key: 'Direction', value: POLARITY[r.polarity] },
      { key: 'Unit', value: UNIT[r.unit] },
      { key: 'Source', value: sourceText(r) },
      ...(coverageText(r) ? [{ key: 'Data coverage', value: coverageText(r) as string }] : []),
      { key: 'Data freshness', value: freshnessText(r) },
    ],
    warnings: r.warnings.map(sentenceCase),
    comparisons: comparisonRows(r),
    spc: spcView(r, input.wordsOf),
    mainChart,
    mapChart,
    otherCharts,
    breakdown: breakdownRows(r),
    table: measureTable(r),
    lineage: lineageView(r),
    freshnessTables: r.freshness.tables.join(', '),
    suppressionNote: input.suppressed ? SUPPRESSION_NOTE : null,
    // Commentary is the analyst's free text: not shown to the panel (only approved text is).
    commentary: input.suppressed
      ? null
      : {
          paragraphs: (input.commentary?.text ?? '').split(/\n{2,}/).filter((p) => p.trim() !== ''),
          text: input.commentary?.text ?? '',
          byline: input.commentary
            ? `${input.commentary.author}, ${formatDateTime(input.commentary.updatedAt)}`
            : null,
          editable: input.canEditCommentary,
          action: `/measures/${encodeURIComponent(r.id)}/commentary${queryString(q)}`,
        },
    raiseChallenge: input.canRaiseChallenge
      ? raiseChallengeHref(r, r.period.label, query.lpa)
      : null,
    downloads: {
      csv: dl('csv'),
      xlsx: dl('xlsx'),
      svg: mainChart || mapChart ? dl('svg') : null,
    },
  };
}

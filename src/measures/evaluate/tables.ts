import { sumCells } from '../cells.ts';
import {
  outcomesByGroupQuery,
  outcomesByTypeQuery,
  sideKey,
  surveyInterviewsQuery,
  vawgQuery,
  type CompiledQuery,
} from '../compile.ts';
import type { Measure } from '../definition.ts';
import { catalogue } from '../load-catalogue.ts';
import type { MeasureId } from '../catalogue/index.ts';
import { NATIONAL_MEASURES as NATIONAL } from '../catalogue/national.ts';
import { spcSummary } from '../judge.ts';
import { addMonths, monthIndex, monthOf } from '../period.ts';
import type { MeasureResult, NationalRow } from '../result.ts';
import { coveredMonths } from '../coverage.ts';
import {
  shiftWindow,
  spcMonths,
  valueWindow,
  windowKind,
  windowSpan,
  type Window,
} from '../windows.ts';
import { type Context, type Row, num, run } from './context.ts';
import { summedRead, vawgRead } from './aggregates.ts';
import {
  base,
  coverOfSources,
  coverOfTables,
  lineageEntry,
  measureSpan,
  uncovered,
} from './base.ts';

/** Table-shaped results: the outcomes tables, national measures, VAWG, survey interviews, the crime table. */
export async function outcomesTable(
  ctx: Context,
  m: Measure,
  daOnly: boolean,
  tables: readonly string[],
): Promise<MeasureResult> {
  const w = valueWindow(m, ctx.period);
  const span = (win: Window) => ({
    from: `${win.months[0]}-01`,
    to: `${addMonths(win.months.at(-1) as string, 1)}-01`,
  });
  const nowQ = outcomesByTypeQuery(span(w).from, span(w).to, daOnly, ctx.lpa);
  const twoYears = shiftWindow(w, -24);
  const thenQ = outcomesByTypeQuery(span(twoYears).from, span(twoYears).to, daOnly, ctx.lpa);
  const byType = (from: string, to: string) =>
    summedRead(
      ctx,
      'outcomes_by_type',
      { keys: ['outcome_type', 'short_name', 'report_group'], sums: ['n'] },
      { from, to, ...(daOnly ? { flags: { da: true } } : {}) },
    );
  const now = await run(ctx, byType(span(w).from, span(w).to) ?? nowQ);
  // The same period two years earlier only where the data wholly covers it.
  const thenCovered =
    coveredMonths(measureSpan(ctx, coverOfTables(tables)), twoYears.months).length ===
    twoYears.months.length;
  const then = thenCovered
    ? await run(ctx, byType(span(twoYears).from, span(twoYears).to) ?? thenQ)
    : [];
  const total = now.reduce((s, r) => s + num(r.n), 0);
  const totalThen = thenCovered ? then.reduce((s, r) => s + num(r.n), 0) : null;
  const types = [...new Set([...now, ...then].map((r) => String(r.outcome_type)))].sort(
    (a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b),
  );
  const find = (rows: Row[], t: string) => rows.find((r) => String(r.outcome_type) === t);
  const table = types.map((t) => {
    const a = find(now, t);
    const b = find(then, t);
    const n = num(a?.n);
    const nThen = totalThen === null ? null : num(b?.n);
    return {
      outcome_type: t,
      outcome: String(a?.short_name ?? b?.short_name ?? ''),
      group: String(a?.report_group ?? b?.report_group ?? ''),
      count: n,
      share: total > 0 ? n / total : null,
      count_two_years_ago: nThen,
      share_two_years_ago:
        totalThen !== null && nThen !== null && totalThen > 0 ? nThen / totalThen : null,
    };
  });
  const r = base(ctx, m, { sources: [...tables], status: 'no_target', warnings: [] });
  return {
    ...r,
    value: total,
    numerator: total,
    comparisons: [
      {
        kind: 'two_years_ago',
        period: twoYears.label,
        window: windowSpan(windowKind(m, ctx.period), twoYears),
        value: totalThen,
        numerator: totalThen,
        denominator: null,
        absoluteChange: totalThen === null ? null : total - totalThen,
        relativeChange:
          totalThen !== null && totalThen > 0 ? (total - totalThen) / totalThen : null,
        significance: null,
      },
    ],
    table: { kind: 'outcomes', rows: table },
    lineage: {
      sql: (thenCovered ? [nowQ, thenQ] : [nowQ]).map((q) => ({
        purpose: q.purpose,
        sql: q.sql,
        params: q.params,
      })),
      rowCounts: {
        outcomes: total,
        ...(totalThen === null ? {} : { outcomes_two_years_ago: totalThen }),
      },
    },
  };
}

export function nationalMeasures(
  ctx: Context,
  m: Measure,
  tables: readonly string[],
): MeasureResult {
  const last = ctx.period.months.at(-1) as string;
  const twelve = {
    label: `12 months to ${last}`,
    months: Array.from({ length: 12 }, (_, i) => addMonths(last, i - 11)),
  };
  const baseline = {
    label: '2019/20',
    months: Array.from({ length: 12 }, (_, i) => monthOf(monthIndex('2019-04') + i)),
  };
  const table = NATIONAL.map((n) => {
    const k = sideKey(n.side);
    const d = n.den ? sideKey(n.den) : null;
    const span = measureSpan(
      ctx,
      coverOfSources(n.den ? [n.side.source, n.den.source] : [n.side.source]),
    );
    const val = (w: { months: readonly string[] }) => {
      if (coveredMonths(span, w.months).length !== w.months.length) return null;
      const x = sumCells(ctx.cells, k, w.months, null);
      if (d === null) return x;
      const y = sumCells(ctx.cells, d, w.months, null);
      return y > 0 ? x / y : null;
    };
    const series = spcMonths(m, ctx.period).map((month) => {
      if (coveredMonths(span, [month]).length === 0)
        return { period: month, value: null, numerator: null, denominator: null };
      const x = sumCells(ctx.cells, k, [month], null);
      const y = d === null ? null : sumCells(ctx.cells, d, [month], null);
      return {
        period: month,
        value: y === null ? x : y > 0 ? x / y : null,
        numerator: x,
        denominator: y,
      };
    });
    const pseudo = {
      ...m,
      polarity: n.id === 'victim_satisfaction' ? 'higher_is_better' : 'lower_is_better',
      spc: { method: 'xmr_mdc', months: 36, sd: 'sample', rebases: [] },
    } as Measure;
    const spc = spcSummary(pseudo, series, null);
    const lastPoint = spc?.points.at(-1);
    const arrow: NationalRow['direction'] =
      !lastPoint || lastPoint.pointType === 'common_cause'
        ? '↔'
        : lastPoint.specialCauseType.includes('Above') ||
            lastPoint.specialCauseType.includes('Increasing')
          ? '↑'
          : '↓';
    const now = val(twelve);
    const then = val(baseline);
    return {
      measure: n.title,
      lead: n.lead,
      unit: n.unit,
      last_12_months: now,
      baseline_2019_20: then,
      change: now !== null && then !== null && then !== 0 ? (now - then) / then : null,
      direction: arrow,
      spc_signal: lastPoint?.specialCauseType ?? 'Not enough data',
    };
  });
  const r = base(ctx, m, {
    sources: [...tables],
    status: 'no_target',
    warnings: [],
  });
  const queries = [
    ...new Set(
      NATIONAL.map((n) => ctx.producedBy.get(sideKey(n.side))).filter(
        (q): q is CompiledQuery => q !== undefined,
      ),
    ),
  ];
  return {
    ...r,
    lpa: null,
    table: { kind: 'national', rows: table },
    lineage: { sql: queries.map(lineageEntry), rowCounts: {} },
  };
}

export async function vawg(
  ctx: Context,
  m: Measure,
  tables: readonly string[],
): Promise<MeasureResult> {
  const w = valueWindow(m, ctx.period);
  const from = `${w.months[0]}-01`;
  const to = `${addMonths(w.months.at(-1) as string, 1)}-01`;
  const q = vawgQuery(from, to, ctx.lpa);
  const rows = await run(ctx, vawgRead(ctx, from, to) ?? q);
  const table = rows.map((r) => ({
    crime_group: String(r.crime_group),
    recorded: num(r.recorded),
    outcomes: num(r.outcomes),
    outcome_16: num(r.oc16),
    outcome_16_share: num(r.outcomes) > 0 ? num(r.oc16) / num(r.outcomes) : null,
  }));
  const oc16 = table.reduce((s, r) => s + r.outcome_16, 0);
  const outcomes = table.reduce((s, r) => s + r.outcomes, 0);
  const r = base(ctx, m, {
    sources: [...tables],
    status: 'no_target',
    warnings: [
      'Groups overlap (a rape can also be domestic abuse), so rows do not add up to a total.',
    ],
  });
  return {
    ...r,
    value: table.find((x) => x.crime_group === 'Rape')?.outcome_16_share ?? null,
    numerator: table.find((x) => x.crime_group === 'Rape')?.outcome_16 ?? null,
    denominator: table.find((x) => x.crime_group === 'Rape')?.outcomes ?? null,
    table: { kind: 'vawg', rows: table },
    lineage: {
      sql: [
        {
          purpose: q.purpose,
          sql: q.sql,
          params: q.params,
        },
      ],
      rowCounts: { outcomes, outcome_16: oc16 },
    },
  };
}

export async function surveyInterviews(
  ctx: Context,
  m: Measure,
  tables: readonly string[],
): Promise<MeasureResult> {
  const targets = new Map<string, number>();
  for (const x of catalogue())
    if (x.compute.kind === 'survey' && x.surveyTarget)
      for (const s of x.compute.surveys) targets.set(s, x.surveyTarget);
  const q = surveyInterviewsQuery(ctx.period.start, ctx.period.end, ctx.lpa);
  const read = summedRead(
    ctx,
    'survey_interviews',
    { keys: ['survey'], sums: ['interviews'], orderBy: ['survey'] },
    { from: ctx.period.start, to: ctx.period.end },
  );
  const rows = await run(ctx, read ?? q);
  const table = rows.map((r) => {
    const survey = String(r.survey);
    const n = num(r.interviews);
    const target = targets.get(survey) ?? null;
    return {
      survey,
      interviews: n,
      quarterly_target: target,
      target_met: target === null ? null : n >= target,
    };
  });
  const missed = table.filter((t) => t.target_met === false);
  const warnings = missed.map(
    (t) =>
      `${t.survey.replace('_', ' ')} survey: ${t.interviews} interviews against a target of ${t.quarterly_target}; this adversely affects the statistical validity of its satisfaction figures.`,
  );
  const total = table.reduce((s, t) => s + t.interviews, 0);
  const r = base(ctx, m, {
    sources: [...tables],
    status: missed.length > 0 ? 'not_met' : table.length > 0 ? 'met' : 'no_data',
    warnings,
  });
  return {
    ...r,
    value: total,
    numerator: total,
    table: { kind: 'survey_interviews', rows: table },
    lineage: {
      sql: [
        {
          purpose: q.purpose,
          sql: q.sql,
          params: q.params,
        },
      ],
      rowCounts: { interviews: total },
    },
  };
}

export async function crimeTable(ctx: Context, m: Measure): Promise<MeasureResult> {
  const none = uncovered(ctx, m, CRIME_TABLE_SOURCES);
  if (none) return none;
  const w = valueWindow(m, ctx.period);
  const from = `${w.months[0]}-01`;
  const to = `${addMonths(w.months.at(-1) as string, 1)}-01`;
  const q = outcomesByGroupQuery(from, to, ctx.lpa);
  const read = summedRead(
    ctx,
    'outcomes_by_group',
    { keys: ['crime_group'], sums: ['outcomes', 'action_taken', 'oc16'] },
    { from, to },
  );
  const outcomeRows = await run(ctx, read ?? q);
  const last = ctx.period.months.at(-1) as string;
  const fyStart = `${last >= `${last.slice(0, 4)}-04` ? last.slice(0, 4) : String(Number(last.slice(0, 4)) - 1)}-04`;
  const ytd = {
    label: 'ytd',
    months: Array.from({ length: monthIndex(last) - monthIndex(fyStart) + 1 }, (_, i) =>
      addMonths(fyStart, i),
    ),
  };
  const rows = m.dependsOn
    .map((id) => ctx.results.get(id))
    .filter((r): r is MeasureResult => r !== undefined);
  const table = rows.map((r) => {
    const group = ctx.measures.get(r.id)?.crimeGroup;
    const o = group === undefined ? undefined : outcomeRows.find((x) => x.crime_group === group);
    const outcomes = o ? num(o.outcomes) : null;
    const twoYears = r.comparisons.find((c) => c.kind === 'two_years_ago');
    const ytdNow = sumSeries(r, ytd.months);
    const ytdThen = sumSeries(
      r,
      ytd.months.map((x) => addMonths(x, -12)),
    );
    return {
      id: r.id,
      crime_group: r.title,
      count: r.value,
      count_two_years_ago: twoYears?.value ?? null,
      change_two_years: twoYears?.relativeChange ?? null,
      ytd_change:
        ytdNow !== null && ytdThen !== null && ytdThen > 0 ? (ytdNow - ytdThen) / ytdThen : null,
      lower_limit: r.spc?.lpl ?? null,
      upper_limit: r.spc?.upl ?? null,
      last_month_signal: r.spc?.points.at(-1)?.specialCauseType ?? null,
      outcomes,
      action_taken_rate: o && outcomes ? num(o.action_taken) / outcomes : null,
      oc16_rate: o && outcomes ? num(o.oc16) / outcomes : null,
    };
  });
  const res = base(ctx, m, {
    sources: CRIME_TABLE_SOURCES,
    status: 'no_target',
    warnings: [],
  });
  return {
    ...res,
    value: rows.find((r) => r.id === CRIME_TOTAL)?.value ?? null,
    table: { kind: 'crime_groups', rows: table },
    lineage: {
      sql: [
        {
          purpose: q.purpose,
          sql: q.sql,
          params: q.params,
        },
      ],
      rowCounts: { groups: table.length },
    },
  };
}

export const CRIME_TABLE_SOURCES = ['crimes', 'outcomes', 'incidents'];
/** The crime table's value is total recorded crime. */
export const CRIME_TOTAL: MeasureId = 'crime_total';

/** Sum of a result's monthly series over months; null when a month is outside the series. */
export function sumSeries(r: MeasureResult, months: readonly string[]): number | null {
  let total = 0;
  for (const month of months) {
    const p = r.series.find((s) => s.period === month);
    if (!p || p.value === null) return null;
    total += p.value;
  }
  return total;
}

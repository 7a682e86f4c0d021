import { dataVersion, type FactsStore } from '../facts/store.ts';
import { queryCache, type QueryCache } from './query-cache.ts';
import { BluelampError } from '../lib/errors.ts';
import { addCell, lpasOf, sumCells, type Cells } from './cells.ts';
import {
  AGE_BANDS,
  freshnessQuery,
  highHarmNominalsQuery,
  openInvestigationsProfileQuery,
  openInvestigationsQuery,
  outcomesByGroupQuery,
  outcomesByTypeQuery,
  repeatVictimsQuery,
  respondentBreakdownQuery,
  victimBreakdownQuery,
  returnPeriodsQuery,
  returnQuery,
  sideKey,
  SOURCES,
  sourceScan,
  surveyInterviewsQuery,
  surveySides,
  unresourcedIncidentsQuery,
  vawgQuery,
  type CompiledQuery,
} from './compile.ts';
import type { CountSide, Measure, SourceName } from './definition.ts';
import { catalogue } from './load-catalogue.ts';
import { NATIONAL_MEASURES as NATIONAL } from './catalogue/national.ts';
import { interval, significance, spcSummary, statusOf } from './judge.ts';
import { twoProportionTest } from '../stats/two-proportion.ts';
import { TABLES } from '../facts/tables.ts';
import { addMonths, monthIndex, monthOf, parsePeriod, type Period } from './period.ts';
import type { BreakdownRow, Comparison, Coverage, MeasureResult, SeriesPoint } from './result.ts';
import {
  coveredMonths,
  intersect,
  spanLabel,
  union,
  windowCoverage,
  type Span,
} from './coverage.ts';
import {
  baselineWindow,
  comparisonShift,
  monthsNeeded,
  shiftWindow,
  spcMonths,
  valueWindow,
  type Window,
} from './windows.ts';

/**
 * The measure engine: evaluates measures for a period (and optionally one LPA) from the facts
 * store. Work is shared: every count-shaped measure reads its cells from one grouped scan per
 * fact source covering all the months any of them needs; named computations run once each.
 */
export interface EvaluateOptions {
  readonly period: Period;
  readonly lpa: string | null;
  /** Reuse query results computed since the last import (default true). */
  readonly cache?: boolean;
}

type Row = Record<string, unknown>;

/** Fact tables with a date column: the ones whose records say which months the data covers. */
const TABLES_WITH_DATES: ReadonlySet<string> = new Set(
  Object.entries(TABLES)
    .filter(([, t]) => t.dateColumn !== '')
    .map(([name]) => name),
);
const num = (v: unknown): number =>
  typeof v === 'bigint'
    ? Number(v)
    : typeof v === 'number'
      ? v
      : v === null || v === undefined
        ? 0
        : Number(v);

/** The numerator and denominator series of a measure (keys into the cells). */
interface Sides {
  readonly num: string;
  readonly den: string | null;
  /**
   * Series counted for the whole force in their own right (distinct people), read instead of the
   * sum over LPAs when the figure is the force's.
   */
  readonly forceNum?: string;
  readonly forceDen?: string | null;
  readonly sources: readonly SourceName[];
  /** A daily mean: the numerator is divided by the days in the window. */
  readonly perDay?: boolean;
}

/** Days in a list of "YYYY-MM" months. */
const daysIn = (months: readonly string[]) =>
  months.reduce(
    (n, m) => n + new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate(),
    0,
  );

interface Context {
  readonly store: FactsStore;
  readonly period: Period;
  readonly lpa: string | null;
  readonly cells: Cells;
  readonly queries: CompiledQuery[];
  readonly from: string;
  readonly to: string;
  readonly freshness: Map<string, string | null>;
  /** The months each fact table's records span (null: no records or no date column). */
  readonly coverage: Map<string, Span | null>;
  readonly lastImport: Map<string, string | null>;
  readonly results: Map<string, MeasureResult>;
  /** Which query produced each cell series, for lineage. */
  readonly producedBy: Map<string, CompiledQuery>;
  /** Rows of named queries already run. */
  readonly specialRows: Map<string, Row[]>;
  readonly cache: QueryCache | null;
}

const SPECIAL_SOURCES: Record<string, readonly string[]> = {
  repeat_victims_all: ['crime_victims', 'crimes'],
  repeat_victims_da: ['crime_victims', 'crimes'],
  high_harm_nominals: ['crime_victims', 'crime_suspects', 'crimes'],
  open_investigations: ['crimes', 'outcomes'],
  unresourced_incidents: ['incidents'],
  outcomes_table_all: ['outcomes', 'crimes'],
  outcomes_table_da: ['outcomes', 'crimes'],
  national_measures: ['crimes', 'survey_responses'],
  crime_table: ['crimes', 'outcomes'],
  vawg_oc16: ['crimes', 'outcomes'],
  survey_interviews: ['survey_responses'],
};

/** Count sides of a count-shaped measure. */
function countSides(m: Measure): { numerator: CountSide; denominator: CountSide | null } | null {
  const c = m.compute;
  if (c.kind === 'count') return { numerator: c.count, denominator: null };
  if (c.kind === 'ratio') return { numerator: c.numerator, denominator: c.denominator };
  if (c.kind === 'survey') return surveySides(c.surveys, c.question, c.positive, c.excluded);
  return null;
}

export async function evaluate(
  store: FactsStore,
  measures: readonly Measure[],
  all: readonly Measure[],
  opts: EvaluateOptions,
): Promise<{ results: MeasureResult[]; coverage: DataCoverage }> {
  const wanted = new Set(measures.map((m) => m.id));
  // Composite measures are built from others: evaluate those too.
  const withDeps = [...measures];
  if (wanted.has('crime_table'))
    for (const m of all)
      if (m.id.startsWith('crime_') && m.id !== 'crime_table' && !withDeps.includes(m))
        withDeps.push(m);
  const months = withDeps.flatMap((m) => monthsNeeded(m, opts.period));
  const sorted = [...new Set(months)].sort((a, b) => monthIndex(a) - monthIndex(b));
  const from = `${sorted[0] ?? opts.period.months[0]}-01`;
  const to = `${addMonths(sorted.at(-1) ?? (opts.period.months.at(-1) as string), 1)}-01`;
  const ctx: Context = {
    store,
    period: opts.period,
    lpa: opts.lpa,
    cells: new Map(),
    queries: [],
    from,
    to,
    freshness: new Map(),
    coverage: new Map(),
    lastImport: new Map(),
    results: new Map(),
    producedBy: new Map(),
    specialRows: new Map(),
    cache: opts.cache === false ? null : queryCache(store, await dataVersion(store)),
  };
  await readFreshness(ctx);
  const overall = await dataSpan(ctx);
  if (coveredMonths(overall, opts.period.months).length === 0) {
    throw new BluelampError(
      'PERIOD_NOT_COVERED',
      overall === null
        ? `There is no data to measure ${opts.period.label} with: nothing has been imported.`
        : `No data covers ${opts.period.label}: the data covers ${spanLabel(overall)}.`,
      {
        hint:
          overall === null
            ? 'Import data first (bluelamp import), or try the demo (bluelamp demo).'
            : `Choose a period within ${spanLabel(overall)}, or import data for ${opts.period.label}.`,
      },
    );
  }
  if (opts.lpa !== null) await checkLpa(ctx, opts.lpa);
  await scanSources(ctx, withDeps);
  for (const m of withDeps)
    if (m.compute.kind !== 'special' || m.compute.name !== 'crime_table')
      ctx.results.set(m.id, await evaluateOne(ctx, m));
  for (const m of withDeps)
    if (m.compute.kind === 'special' && m.compute.name === 'crime_table')
      ctx.results.set(m.id, await crimeTable(ctx, m));
  return {
    results: measures.map((m) => ctx.results.get(m.id) as MeasureResult),
    coverage: dataCoverage(ctx, overall),
  };
}

/** What the data behind a set of results covers: overall and per fact table. */
export interface DataCoverage {
  readonly from: string | null;
  readonly to: string | null;
  /** e.g. "April 2018 – March 2022". */
  readonly label: string;
  readonly tables: Readonly<Record<string, { from: string; to: string } | null>>;
}

function dataCoverage(ctx: Context, overall: Span | null): DataCoverage {
  return {
    from: overall?.from ?? null,
    to: overall?.to ?? null,
    label: spanLabel(overall),
    tables: Object.fromEntries(
      [...ctx.coverage].map(([t, s]) => [t, s === null ? null : { from: s.from, to: s.to }]),
    ),
  };
}

/** The span of all the data: every dated fact table, and the periods of manual returns. */
async function dataSpan(ctx: Context): Promise<Span | null> {
  const spans: (Span | null)[] = [...ctx.coverage.values()];
  for (const r of await ctx.store.all<{ period: string }>(returnPeriodsQuery().sql)) {
    try {
      const p = parsePeriod(r.period);
      spans.push({ from: p.months[0] as string, to: p.months.at(-1) as string });
    } catch {
      // A return for a period label the engine cannot read covers nothing.
    }
  }
  return union(spans);
}

async function checkLpa(ctx: Context, lpa: string): Promise<void> {
  const rows = await ctx.store.all<{ lpa: string }>('SELECT DISTINCT lpa FROM crimes ORDER BY lpa');
  const known = rows.map((r) => r.lpa);
  if (!known.includes(lpa)) {
    throw new BluelampError('BAD_INPUT', `There is no local policing area "${lpa}".`, {
      hint: `Local policing areas: ${known.join(', ') || '(none loaded)'}.`,
    });
  }
}

async function run(ctx: Context, q: CompiledQuery): Promise<Row[]> {
  ctx.queries.push(q);
  const cached = ctx.cache ? await ctx.cache.get(q) : null;
  if (cached) return cached;
  const rows = await ctx.store.all(
    q.sql,
    q.params as Record<string, string | number | boolean | null>,
  );
  await ctx.cache?.put(q, rows);
  return rows;
}

async function readFreshness(ctx: Context): Promise<void> {
  const tables = [...new Set(Object.values(SOURCES).flatMap((s) => s.tables))];
  const q = freshnessQuery(tables);
  for (const r of await ctx.store.all<{
    tbl: string;
    latest: string | null;
    first_month: string | null;
    last_month: string | null;
  }>(q.sql)) {
    ctx.freshness.set(r.tbl, r.latest);
    ctx.coverage.set(
      r.tbl,
      r.first_month && r.last_month ? { from: r.first_month, to: r.last_month } : null,
    );
  }
  for (const r of await ctx.store.all<{ table_name: string; last: string | null }>(
    'SELECT table_name, max(imported_at)::VARCHAR AS last FROM _batches GROUP BY ALL',
  )) {
    ctx.lastImport.set(r.table_name, r.last);
  }
}

/** One grouped scan per fact source, for every count side of every measure asked for. */
async function scanSources(ctx: Context, measures: readonly Measure[]): Promise<void> {
  const bySource = new Map<SourceName, Map<string, CountSide>>();
  const want = (side: CountSide) => {
    let sides = bySource.get(side.source);
    if (!sides) bySource.set(side.source, (sides = new Map()));
    sides.set(sideKey(side), side);
  };
  for (const m of measures) {
    const s = countSides(m);
    if (s) {
      want(s.numerator);
      if (s.denominator) want(s.denominator);
    }
    if (m.compute.kind === 'special' && m.compute.name === 'national_measures') {
      for (const n of NATIONAL) {
        want(n.side);
        if (n.den) want(n.den);
      }
    }
  }
  for (const [source, sides] of bySource) {
    const q = sourceScan(source, [...sides.values()], ctx.from, ctx.to);
    const rows = await run(ctx, q);
    for (const key of q.columns) {
      ctx.producedBy.set(key, q);
      ctx.cells.set(key, new Map());
    }
    for (const r of rows) {
      q.columns.forEach((key, i) =>
        addCell(ctx.cells, key, String(r.month), (r.lpa as string | null) ?? null, num(r[`c${i}`])),
      );
    }
  }
}

/**
 * Runs a named query once and files its columns as cell series `${key}:${column}` (by default
 * `num` and, when present, `den`), keyed by the row's month and LPA. Rows a query marks as
 * counted for the whole force (`force_level` = 1, e.g. distinct people over all LPAs) go to the
 * series `${key}:${column}@force` instead.
 */
async function specialCells(
  ctx: Context,
  key: string,
  q: CompiledQuery,
  columns: readonly string[] = ['num', 'den'],
): Promise<Row[]> {
  const done = ctx.specialRows.get(key);
  if (done) return done;
  const rows = await run(ctx, q);
  ctx.specialRows.set(key, rows);
  for (const c of columns) {
    for (const k of [`${key}:${c}`, `${key}:${c}@force`]) {
      ctx.cells.set(k, new Map());
      ctx.producedBy.set(k, q);
    }
  }
  for (const r of rows) {
    const force = num(r.force_level) === 1;
    for (const c of columns)
      if (c in r)
        addCell(
          ctx.cells,
          force ? `${key}:${c}@force` : `${key}:${c}`,
          String(r.month),
          force ? null : ((r.lpa as string | null) ?? null),
          num(r[c]),
        );
  }
  return rows;
}

async function evaluateOne(ctx: Context, m: Measure): Promise<MeasureResult> {
  const c = m.compute;
  if (c.kind === 'return') return fromReturn(ctx, m);
  if (c.kind === 'records') {
    return base(ctx, m, {
      warnings: [
        'Inspection findings are not yet held in Bluelamp: this measure will be computed from the records store when it is built.',
      ],
      status: 'no_data',
      sources: [],
    });
  }
  const sides = countSides(m);
  if (sides) {
    const r = fromCells(ctx, m, {
      num: sideKey(sides.numerator),
      den: sides.denominator ? sideKey(sides.denominator) : null,
      sources: [sides.numerator.source, ...(sides.denominator ? [sides.denominator.source] : [])],
    });
    if (
      sides.denominator &&
      r.coverage?.window !== 'none' &&
      (m.breakdowns.includes('respondent') || m.breakdowns.includes('victim'))
    ) {
      return { ...r, table: await groupBreakdown(ctx, m, sides.numerator, sides.denominator) };
    }
    return r;
  }
  if (c.kind !== 'special') throw new Error(`unhandled compute kind for ${m.id}`);
  return special(ctx, m, c.name);
}

/** A result with no value because the data covers none of the measure's window. */
function uncovered(ctx: Context, m: Measure, tables: readonly string[]): MeasureResult | null {
  const w = valueWindow(m, ctx.period);
  if (windowCoverage(measureSpan(ctx, coverOfTables(tables)), w.months).window !== 'none')
    return null;
  return base(ctx, m, { sources: tables, status: 'no_data', warnings: [] });
}

async function special(ctx: Context, m: Measure, name: string): Promise<MeasureResult> {
  const tables = SPECIAL_SOURCES[name] ?? [];
  const none = uncovered(ctx, m, tables);
  if (none) return none;
  switch (name) {
    case 'repeat_victims_all':
    case 'repeat_victims_da': {
      // One query serves both: all crime and domestic abuse share the same sort of victims.
      await specialCells(ctx, 'repeat_victims', repeatVictimsQuery(ctx.from, ctx.to), [
        'num',
        'den',
        'num_da',
        'den_da',
      ]);
      const da = name.endsWith('_da');
      const [n, d] = da ? ['num_da', 'den_da'] : ['num', 'den'];
      return fromCells(
        ctx,
        m,
        {
          num: `repeat_victims:${n}`,
          den: `repeat_victims:${d}`,
          forceNum: `repeat_victims:${n}@force`,
          forceDen: `repeat_victims:${d}@force`,
          sources: [],
        },
        tables,
      );
    }
    case 'unresourced_incidents':
      await specialCells(ctx, name, unresourcedIncidentsQuery(ctx.from, ctx.to));
      return fromCells(
        ctx,
        m,
        { num: `${name}:num`, den: null, sources: [], perDay: true },
        tables,
      );
    case 'open_investigations': {
      await specialCells(ctx, name, openInvestigationsQuery(ctx.from, ctx.to));
      const r = await fromCells(ctx, m, { num: `${name}:num`, den: null, sources: [] }, tables);
      const at = `${ctx.period.end}T00:00:00`;
      const profile = await run(ctx, openInvestigationsProfileQuery(at, ctx.lpa));
      const total = profile.reduce((s, x) => s + num(x.n), 0);
      const violence = profile.reduce((s, x) => s + num(x.violence), 0);
      const table = AGE_BANDS.map((label, i) => {
        const n = num(profile.find((x) => num(x.band) === i + 1)?.n);
        return { age_band: label, crimes: n, share: total > 0 ? n / total : null };
      });
      return {
        ...r,
        table: [
          ...table,
          { age_band: 'All open investigations', crimes: total, share: total > 0 ? 1 : null },
          {
            age_band: 'of which violence or stalking and harassment',
            crimes: violence,
            share: total > 0 ? violence / total : null,
          },
        ],
      };
    }
    case 'high_harm_nominals': {
      const rows = await specialCells(ctx, name, highHarmNominalsQuery(ctx.from, ctx.to));
      const r = await fromCells(ctx, m, { num: `${name}:num`, den: null, sources: [] }, tables);
      const last = ctx.period.months.at(-1);
      const row = rows.find((x) => x.month === last);
      const n = num(row?.num);
      const share = (k: string) => (n > 0 ? num(row?.[k]) / n : null);
      const table = [
        ['Victim only', 'victim_only'],
        ['Suspect only', 'suspect_only'],
        ['Both victim and suspect', 'both_roles'],
        ['3–4 offences', 'band_3_4'],
        ['5–9 offences', 'band_5_9'],
        ['10–19 offences', 'band_10_19'],
        ['20 or more offences', 'band_20_plus'],
        ['Linked to domestic abuse', 'linked_to_da'],
      ].map(([label, k]) => ({
        group: label as string,
        people: num(row?.[k as string]),
        share: share(k as string),
      }));
      return { ...r, table };
    }
    case 'outcomes_table_all':
    case 'outcomes_table_da':
      return outcomesTable(ctx, m, name.endsWith('_da'), tables);
    case 'national_measures':
      return nationalMeasures(ctx, m, tables);
    case 'vawg_oc16':
      return vawg(ctx, m, tables);
    case 'survey_interviews':
      return surveyInterviews(ctx, m, tables);
    default:
      throw new Error(`unknown special measure ${name}`);
  }
}

// ------------------------------------------------------------------ results from cells

const monthlyValue = (m: Measure, n: number, d: number | null): number | null => {
  if (d === null) return n;
  return d > 0 ? n / d : null;
};

function fromCells(
  ctx: Context,
  m: Measure,
  sides: Sides,
  extraTables: readonly string[] = [],
): MeasureResult {
  const { cells, period } = ctx;
  const sourceTables = [
    ...new Set([...sides.sources.flatMap((s) => SOURCES[s].tables), ...extraTables]),
  ];
  // A force-wide measure shows the force figure in an LPA view (and says so).
  const lpa = m.scope === 'force' ? null : ctx.lpa;
  const cover =
    sides.sources.length > 0 ? coverOfSources(sides.sources) : coverOfTables(extraTables);
  const span = measureSpan(ctx, cover);
  // Only months the data covers are summed; a month outside it is unknown, not zero.
  const at = (w: Window, l: string | null = lpa) => {
    const months = coveredMonths(span, w.months);
    const force = l === null && sides.forceNum !== undefined;
    const numKey = force ? (sides.forceNum as string) : sides.num;
    const denKey = force ? (sides.forceDen ?? null) : sides.den;
    const n = sumCells(cells, numKey, months, l);
    const d = sides.perDay
      ? daysIn(months)
      : denKey === null
        ? null
        : sumCells(cells, denKey, months, l);
    return { n, d, value: monthlyValue(m, n, d) };
  };
  const fully = (w: Window) => coveredMonths(span, w.months).length === w.months.length;
  // A total over fewer months is not comparable with one over all of them; a rate is.
  const usable = (w: Window) =>
    m.unit === 'count' ? fully(w) : coveredMonths(span, w.months).length > 0;
  const warnings: string[] = [];
  const w = valueWindow(m, period);
  const coverage = windowCoverage(span, w.months);
  const now = at(w);
  const monthly = (month: string) => {
    const x = at({ label: month, months: [month] });
    return { num: x.n, den: x.d ?? 0 };
  };

  // A comparison is made only where both windows are usable (wholly covered, for a total).
  const comparisons: Comparison[] = m.comparisons.map((kind) => {
    const cw = shiftWindow(w, comparisonShift(kind, period));
    if (!usable(w) || !usable(cw)) {
      return {
        kind,
        period: cw.label,
        value: null,
        numerator: null,
        denominator: null,
        absoluteChange: null,
        relativeChange: null,
        significance: null,
      };
    }
    const then = at(cw);
    if (!fully(cw))
      warnings.push(
        `The comparison with ${cw.label} is over the ${coveredMonths(span, cw.months).length} of its ${cw.months.length} months that the data covers.`,
      );
    const abs = now.value !== null && then.value !== null ? now.value - then.value : null;
    const rel = abs !== null && then.value !== null && then.value !== 0 ? abs / then.value : null;
    const sig =
      now.d !== null && then.d !== null
        ? significance(
            m,
            { months: w.months, num: now.n, den: now.d },
            { months: cw.months, num: then.n, den: then.d },
            monthly,
          )
        : null;
    return {
      kind,
      period: cw.label,
      value: then.value,
      numerator: then.n,
      denominator: then.d,
      absoluteChange: abs,
      relativeChange: rel,
      significance: sig,
    };
  });

  const series: SeriesPoint[] = spcMonths(m, period).map((month) => {
    if (!fully({ label: month, months: [month] }))
      return { period: month, value: null, numerator: null, denominator: null };
    const x = at({ label: month, months: [month] });
    return { period: month, value: x.value, numerator: x.n, denominator: x.d };
  });

  let baselineValue: number | null = null;
  const target = m.target
    ? {
        description: m.target.description,
        value: m.target.value ?? null,
        band: m.target.band ?? null,
        direction: m.target.direction,
        baseline: m.target.baselineYear
          ? (() => {
              const bw = baselineWindow(w, m.target.baselineYear);
              baselineValue = fully(bw) ? at(bw).value : null;
              return { period: bw.label, value: baselineValue };
            })()
          : null,
      }
    : null;
  const assuranceTarget =
    m.target && (m.target.direction === 'at_least' || m.target.direction === 'at_most')
      ? (m.target.value ?? null)
      : null;

  const breakdown: BreakdownRow[] =
    m.breakdowns.includes('lpa') && m.scope === 'lpa' && coverage.window !== 'none'
      ? lpasOf(cells, sides.den ?? sides.num).map((l) => {
          const x = at(w, l);
          return {
            key: l,
            label: l,
            value: x.value,
            numerator: x.n,
            denominator: x.d,
            interval: interval(m, x.n, x.d),
          };
        })
      : [];

  if (m.minimumBase !== undefined && now.d !== null && now.d < m.minimumBase)
    warnings.push(
      `Small base: ${now.d} responses, below the minimum of ${m.minimumBase}; treat with caution.`,
    );
  if (now.d === 0 && coverage.window !== 'none') warnings.push('No cases in the window.');
  if (m.target?.baselineYear && baselineValue === null && coverage.window !== 'none')
    warnings.push(
      `The ${m.target.baselineYear} baseline is not wholly covered by the data (${coverage.label}), so the target is not judged.`,
    );
  const spc = spcSummary(m, series, assuranceTarget);
  if (spc?.shortGroupWarning)
    warnings.push('SPC: fewer than 13 points in a group; limits are provisional.');

  const r = base(ctx, m, {
    sources: sourceTables,
    cover,
    status: statusOf(m.target, now.value, baselineValue),
    warnings,
  });
  if (coverage.window === 'none') return r;
  return {
    ...r,
    value: now.value,
    numerator: now.n,
    denominator: now.d,
    interval: interval(m, now.n, now.d),
    target,
    comparisons,
    spc,
    breakdown,
    series,
    lineage: {
      sql: lineageFor(ctx, sides),
      rowCounts: { numerator: now.n, ...(now.d === null ? {} : { denominator: now.d }) },
    },
  };
}

/**
 * Which tables decide the months a measure covers: the table of what is counted (for a ratio,
 * the denominator's: its events may be sparse in the numerator's table, where a month without a
 * referral is a month with none); the other tables need only hold data at all.
 */
interface CoverTables {
  readonly cover: readonly string[];
  readonly loaded: readonly string[];
}

/** The first table of a source's or computation's tables that has dates (the one counted). */
const primaryTable = (tables: readonly string[]): string[] => {
  const t = tables.find((x) => TABLES_WITH_DATES.has(x));
  return t === undefined ? [] : [t];
};

const coverOfSources = (sources: readonly SourceName[]): CoverTables => {
  const counted = sources.at(-1);
  return {
    cover: counted === undefined ? [] : primaryTable(SOURCES[counted].tables),
    loaded: sources.flatMap((x) => primaryTable(SOURCES[x].tables)),
  };
};

const coverOfTables = (tables: readonly string[]): CoverTables => ({
  cover: primaryTable(tables),
  loaded: [],
});

/** The months a measure's data covers (null: none, or a table it needs holds no data). */
function measureSpan(ctx: Context, t: CoverTables): Span | null {
  if (t.loaded.some((x) => (ctx.coverage.get(x) ?? null) === null)) return null;
  return intersect(t.cover.map((x) => ctx.coverage.get(x) ?? null));
}

/**
 * How a measure's window is covered, the status it may carry and the notes it needs: no status
 * but no_data without data, no target judged on part of a window, the window named when it is
 * not the period asked for, and force-wide figures marked in an LPA view.
 */
function honesty(
  ctx: Context,
  m: Measure,
  w: Window,
  cover: CoverTables,
  status: MeasureResult['status'],
): { coverage: Coverage | undefined; status: MeasureResult['status']; notes: string[] } {
  const notes: string[] = [];
  let coverage: Coverage | undefined;
  let judged = status;
  if (cover.cover.length > 0) {
    coverage = windowCoverage(measureSpan(ctx, cover), w.months);
    const what = [...new Set([...cover.cover, ...cover.loaded])].join(', ');
    const judging = status === 'met' || status === 'not_met' || status === 'near';
    if (coverage.window === 'none') {
      judged = 'no_data';
      notes.push(
        `No data for ${w.label}: the data behind this measure (${what}) covers ${coverage.label}.`,
      );
    } else if (coverage.window === 'partial') {
      // A total over part of a window is short by the months missing: never judged. A rate over
      // the months covered is still a rate, so it is judged, and marked.
      if (m.unit === 'count' && judging) judged = 'no_data';
      notes.push(
        `Partial data: the data behind this measure (${what}) covers ${coverage.label}: ${coverage.coveredMonths} of the ${coverage.windowMonths} months of the window (${w.label}); the value is over those months only${m.unit === 'count' ? ', so no target is judged on it' : ''}.`,
      );
    }
  }
  const p = ctx.period;
  const sameMonths =
    w.months.length === p.months.length && w.months.every((x, i) => x === p.months[i]);
  if ((m.window.kind === 'rolling' || m.window.kind === 'ytd') && !sameMonths)
    notes.push(
      `Measured over ${m.window.kind === 'rolling' ? 'the ' : ''}${w.label} (this measure's own window), not over the period asked for (${p.label}, a ${PERIOD_KIND_WORDS[p.kind]}).`,
    );
  if (m.scope === 'force' && ctx.lpa !== null)
    notes.push(
      `Force-wide figure: this measure is not counted by local policing area, so the whole force's figure is shown, not ${ctx.lpa}'s.`,
    );
  return { coverage, status: judged, notes };
}

const PERIOD_KIND_WORDS: Record<Period['kind'], string> = {
  month: 'month',
  quarter: 'financial quarter',
  year: 'financial year',
  rolling: 'rolling window',
  ytd: 'year to date',
};

const lineageEntry = (q: CompiledQuery) => ({
  purpose: q.purpose,
  sql: q.sql,
  params: q.params,
});

/** The queries that produced a measure's numerator and denominator. */
function lineageFor(ctx: Context, sides: Sides) {
  const qs = [sides.num, sides.den]
    .map((k) => (k === null ? undefined : ctx.producedBy.get(k)))
    .filter((q): q is CompiledQuery => q !== undefined);
  return [...new Set(qs)].map(lineageEntry);
}

/** The parts of a result every measure has. */
function base(
  ctx: Context,
  m: Measure,
  opts: {
    sources: readonly string[];
    /** The tables that decide coverage (default: the first dated one of `sources`). */
    cover?: CoverTables;
    status: MeasureResult['status'];
    warnings: string[];
  },
): MeasureResult {
  const w = valueWindow(m, ctx.period);
  const latest = opts.sources
    .map((t) => ctx.freshness.get(t) ?? null)
    .filter((x): x is string => x !== null)
    .sort();
  const imports = opts.sources
    .map((t) => ctx.lastImport.get(t) ?? null)
    .filter((x): x is string => x !== null)
    .sort();
  const honest = honesty(ctx, m, w, opts.cover ?? coverOfTables(opts.sources), opts.status);
  return {
    id: m.id,
    title: m.title,
    tier: m.tier,
    area: m.area,
    unit: m.unit,
    polarity: m.polarity,
    definition: m.definition,
    period: {
      label: ctx.period.label,
      kind: ctx.period.kind,
      start: ctx.period.start,
      end: ctx.period.end,
    },
    window: {
      label: w.label,
      start: `${w.months[0]}-01`,
      end: `${addMonths(w.months.at(-1) as string, 1)}-01`,
    },
    lpa: m.scope === 'force' ? null : ctx.lpa,
    scope: m.scope,
    ...(honest.coverage ? { coverage: honest.coverage } : {}),
    value: null,
    numerator: null,
    denominator: null,
    interval: null,
    target: m.target
      ? {
          description: m.target.description,
          value: m.target.value ?? null,
          band: m.target.band ?? null,
          direction: m.target.direction,
          baseline: null,
        }
      : null,
    status: honest.status,
    comparisons: [],
    spc: null,
    breakdown: [],
    series: [],
    table: null,
    warnings: [...honest.notes, ...opts.warnings],
    source: {
      kind:
        m.compute.kind === 'return' ? 'return' : m.compute.kind === 'records' ? 'records' : 'facts',
      return: null,
    },
    // The oldest of the latest records across the tables behind the number: the figure is as fresh as its stalest input.
    freshness: {
      tables: [...opts.sources],
      latestRecord: latest[0] ?? null,
      lastImport: imports.at(-1) ?? null,
    },
    lineage: { sql: [], rowCounts: {} },
  };
}

/**
 * A proportion by group, each group tested against everyone else (pooled two-proportion z-test):
 * the disproportionality check for Victims' Code failures and confidence by respondent.
 */
async function groupBreakdown(
  ctx: Context,
  m: Measure,
  numerator: CountSide,
  denominator: CountSide,
) {
  const w = valueWindow(m, ctx.period);
  const from = `${w.months[0]}-01`;
  const to = `${addMonths(w.months.at(-1) as string, 1)}-01`;
  const q = m.breakdowns.includes('respondent')
    ? respondentBreakdownQuery(numerator, denominator, from, to, ctx.lpa)
    : victimBreakdownQuery(numerator, denominator, from, to, ctx.lpa);
  const rows = await run(ctx, q);
  const totals = new Map<string, { x: number; n: number }>();
  for (const r of rows) {
    const t = totals.get(String(r.dimension)) ?? { x: 0, n: 0 };
    totals.set(String(r.dimension), { x: t.x + num(r.num), n: t.n + num(r.den) });
  }
  return rows
    .filter((r) => num(r.den) > 0)
    .map((r) => {
      const x = num(r.num);
      const n = num(r.den);
      const t = totals.get(String(r.dimension)) ?? { x, n };
      const ci = interval(m, x, n);
      const test =
        t.n - n > 0 && x <= n && t.x - x <= t.n - n
          ? twoProportionTest(x, n, t.x - x, t.n - n)
          : null;
      return {
        dimension: String(r.dimension),
        group: String(r.grp),
        numerator: x,
        denominator: n,
        value: x / n,
        lower: ci?.lower ?? null,
        upper: ci?.upper ?? null,
        rest_value: t.n - n > 0 ? (t.x - x) / (t.n - n) : null,
        z_vs_rest: test?.z ?? null,
        p_vs_rest: test?.pValue ?? null,
        significant: test?.significant ?? false,
      };
    })
    .sort(
      (a, b) => a.dimension.localeCompare(b.dimension) || a.group.localeCompare(b.group, 'en-GB'),
    );
}

// ------------------------------------------------------------------ returns and tables

async function fromReturn(ctx: Context, m: Measure): Promise<MeasureResult> {
  const labels = [ctx.period.label, ctx.period.months.at(-1) as string];
  let row: Row | undefined;
  let q: CompiledQuery | undefined;
  for (const label of labels) {
    q = returnQuery(m.id, label, m.scope === 'force' ? null : ctx.lpa);
    row = (await run(ctx, q))[0];
    if (row) break;
  }
  if (!row) {
    return base(ctx, m, {
      sources: ['returns'],
      status: 'no_data',
      warnings: [`No return has been submitted for ${ctx.period.label}.`],
    });
  }
  const value = row.value === null ? null : num(row.value);
  return {
    ...base(ctx, m, {
      sources: ['returns'],
      status: statusOf(m.target, value, null),
      warnings: [],
    }),
    value,
    numerator: row.numerator === null ? null : num(row.numerator),
    denominator: row.denominator === null ? null : num(row.denominator),
    source: {
      kind: 'return',
      return: {
        source: String(row.source),
        submittedBy: String(row.submitted_by),
        submittedAt: (row.submitted_at as string | null) ?? null,
      },
    },
    lineage: {
      sql: q
        ? [
            {
              purpose: q.purpose,
              sql: q.sql,
              params: q.params,
            },
          ]
        : [],
      rowCounts: { returns: 1 },
    },
  };
}

async function outcomesTable(
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
  const now = await run(ctx, nowQ);
  // The same period two years earlier only where the data wholly covers it.
  const thenCovered =
    coveredMonths(measureSpan(ctx, coverOfTables(tables)), twoYears.months).length ===
    twoYears.months.length;
  const then = thenCovered ? await run(ctx, thenQ) : [];
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
        value: totalThen,
        numerator: totalThen,
        denominator: null,
        absoluteChange: totalThen === null ? null : total - totalThen,
        relativeChange:
          totalThen !== null && totalThen > 0 ? (total - totalThen) / totalThen : null,
        significance: null,
      },
    ],
    table,
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

function nationalMeasures(ctx: Context, m: Measure, tables: readonly string[]): MeasureResult {
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
    const arrow =
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
  return { ...r, lpa: null, table, lineage: { sql: queries.map(lineageEntry), rowCounts: {} } };
}

async function vawg(ctx: Context, m: Measure, tables: readonly string[]): Promise<MeasureResult> {
  const w = valueWindow(m, ctx.period);
  const q = vawgQuery(
    `${w.months[0]}-01`,
    `${addMonths(w.months.at(-1) as string, 1)}-01`,
    ctx.lpa,
  );
  const rows = await run(ctx, q);
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
    table,
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

async function surveyInterviews(
  ctx: Context,
  m: Measure,
  tables: readonly string[],
): Promise<MeasureResult> {
  const targets = new Map<string, number>();
  for (const x of catalogue())
    if (x.compute.kind === 'survey' && x.surveyTarget)
      for (const s of x.compute.surveys) targets.set(s, x.surveyTarget);
  const q = surveyInterviewsQuery(ctx.period.start, ctx.period.end, ctx.lpa);
  const rows = await run(ctx, q);
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
    table,
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

async function crimeTable(ctx: Context, m: Measure): Promise<MeasureResult> {
  const none = uncovered(ctx, m, CRIME_TABLE_SOURCES);
  if (none) return none;
  const w = valueWindow(m, ctx.period);
  const q = outcomesByGroupQuery(
    `${w.months[0]}-01`,
    `${addMonths(w.months.at(-1) as string, 1)}-01`,
    ctx.lpa,
  );
  const outcomeRows = await run(ctx, q);
  const last = ctx.period.months.at(-1) as string;
  const fyStart = `${last >= `${last.slice(0, 4)}-04` ? last.slice(0, 4) : String(Number(last.slice(0, 4)) - 1)}-04`;
  const ytd = {
    label: 'ytd',
    months: Array.from({ length: monthIndex(last) - monthIndex(fyStart) + 1 }, (_, i) =>
      addMonths(fyStart, i),
    ),
  };
  const rows = [...ctx.results.values()].filter(
    (r) => r.id.startsWith('crime_') && r.id !== 'crime_table',
  );
  const table = rows.map((r) => {
    const group = r.id.replace(/^crime_/, '');
    const o = outcomeRows.find((x) => x.crime_group === group);
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
    value: rows.find((r) => r.id === 'crime_total')?.value ?? null,
    table,
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

const CRIME_TABLE_SOURCES = ['crimes', 'outcomes', 'incidents'];

/** Sum of a result's monthly series over months; null when a month is outside the series. */
function sumSeries(r: MeasureResult, months: readonly string[]): number | null {
  let total = 0;
  for (const month of months) {
    const p = r.series.find((s) => s.period === month);
    if (!p || p.value === null) return null;
    total += p.value;
  }
  return total;
}

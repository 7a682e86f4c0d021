import { SOURCES, type CompiledQuery } from '../compile.ts';
import type { Measure, SourceName } from '../definition.ts';
import { addMonths, type Period } from '../period.ts';
import type { Coverage, MeasureResult } from '../result.ts';
import { intersect, windowCoverage, type Span } from '../coverage.ts';
import { valueWindow, windowKind, windowSpan, type Window } from '../windows.ts';
import { type Context, type Sides, TABLES_WITH_DATES } from './context.ts';

/**
 * The parts of a result every measure has, and the honesty rules applied to each: coverage of
 * the window, no judgement on part of a total, the window named, force-wide figures marked.
 */
/** A result with no value because the data covers none of the measure's window. */
export function uncovered(
  ctx: Context,
  m: Measure,
  tables: readonly string[],
): MeasureResult | null {
  const w = valueWindow(m, ctx.period);
  if (windowCoverage(measureSpan(ctx, coverOfTables(tables)), w.months).window !== 'none')
    return null;
  return base(ctx, m, { sources: tables, status: 'no_data', warnings: [] });
}

/**
 * Which tables decide the months a measure covers: the table of what is counted (for a ratio,
 * the denominator's: its events may be sparse in the numerator's table, where a month without a
 * referral is a month with none); the other tables need only hold data at all.
 */
export interface CoverTables {
  readonly cover: readonly string[];
  readonly loaded: readonly string[];
}

/** The first table of a source's or computation's tables that has dates (the one counted). */
export const primaryTable = (tables: readonly string[]): string[] => {
  const t = tables.find((x) => TABLES_WITH_DATES.has(x));
  return t === undefined ? [] : [t];
};

export const coverOfSources = (sources: readonly SourceName[]): CoverTables => {
  const counted = sources.at(-1);
  return {
    cover: counted === undefined ? [] : primaryTable(SOURCES[counted].tables),
    loaded: sources.flatMap((x) => primaryTable(SOURCES[x].tables)),
  };
};

export const coverOfTables = (tables: readonly string[]): CoverTables => ({
  cover: primaryTable(tables),
  loaded: [],
});

/** The months a measure's data covers (null: none, or a table it needs holds no data). */
export function measureSpan(ctx: Context, t: CoverTables): Span | null {
  if (t.loaded.some((x) => (ctx.coverage.get(x) ?? null) === null)) return null;
  return intersect(t.cover.map((x) => ctx.coverage.get(x) ?? null));
}

/**
 * How a measure's window is covered, the status it may carry and the notes it needs: no status
 * but no_data without data, no target judged on part of a window, the window named when it is
 * not the period asked for, and force-wide figures marked in an LPA view.
 */
export function honesty(
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

export const PERIOD_KIND_WORDS: Record<Period['kind'], string> = {
  month: 'month',
  quarter: 'financial quarter',
  year: 'financial year',
  rolling: 'rolling window',
  ytd: 'year to date',
};

export const lineageEntry = (q: CompiledQuery) => ({
  purpose: q.purpose,
  sql: q.sql,
  params: q.params,
});

/** The queries that produced a measure's numerator and denominator. */
export function lineageFor(ctx: Context, sides: Sides) {
  const qs = [sides.num, sides.den]
    .map((k) => (k === null ? undefined : ctx.producedBy.get(k)))
    .filter((q): q is CompiledQuery => q !== undefined);
  return [...new Set(qs)].map(lineageEntry);
}

/** The parts of a result every measure has. */
export function base(
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
      ...windowSpan(windowKind(m, ctx.period), w),
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

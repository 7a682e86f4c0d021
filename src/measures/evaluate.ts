import { dataVersion, type FactsStore } from '../facts/store.ts';
import { queryCache } from './query-cache.ts';
import { BluelampError } from '../lib/errors.ts';
import { sideKey } from './compile.ts';
import type { Measure } from './definition.ts';
import { addMonths, monthIndex, type Period } from './period.ts';
import type { MeasureResult } from './result.ts';
import { coveredMonths, spanLabel, type Span } from './coverage.ts';
import { monthsNeeded } from './windows.ts';
import { type Context, countSides } from './evaluate/context.ts';
import { checkLpa, dataSpan, readFreshness, scanSources } from './evaluate/scan.ts';
import { usableAggregates } from './evaluate/aggregates.ts';
import { fromCells } from './evaluate/series.ts';
import { groupBreakdown } from './evaluate/breakdowns.ts';
import { special } from './evaluate/special.ts';
import { crimeTable } from './evaluate/tables.ts';
import { fromReturn } from './evaluate/returns.ts';
import { fromRecords, type RecordInputs } from './evaluate/records.ts';

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
  /** The records behind measures over records (src/app/records-inputs.ts); none: not read. */
  readonly records?: RecordInputs;
  /**
   * Read the monthly aggregates where they serve (default true); false scans the facts for
   * everything (tests compare the two; the benchmark times both).
   */
  readonly aggregates?: boolean;
}

export async function evaluate(
  store: FactsStore,
  measures: readonly Measure[],
  all: readonly Measure[],
  opts: EvaluateOptions,
): Promise<{ results: MeasureResult[]; coverage: DataCoverage }> {
  // Composite measures are built from others (declared in the catalogue): evaluate those too.
  const byId = new Map(all.map((m) => [m.id, m]));
  const withDeps = [...measures];
  for (const m of measures)
    for (const d of m.dependsOn) {
      const dep = byId.get(d);
      if (dep && !withDeps.includes(dep)) withDeps.push(dep);
    }
  const months = withDeps.flatMap((m) => monthsNeeded(m, opts.period));
  const sorted = [...new Set(months)].sort((a, b) => monthIndex(a) - monthIndex(b));
  const from = `${sorted[0] ?? opts.period.months[0]}-01`;
  const to = `${addMonths(sorted.at(-1) ?? (opts.period.months.at(-1) as string), 1)}-01`;
  const version = await dataVersion(store);
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
    cache: opts.cache === false ? null : queryCache(store, version),
    measures: byId,
    catalogue: all,
    aggregates: opts.aggregates === false ? null : await usableAggregates(store, all, version),
    records: opts.records,
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

async function evaluateOne(ctx: Context, m: Measure): Promise<MeasureResult> {
  const c = m.compute;
  if (c.kind === 'return') return fromReturn(ctx, m);
  if (c.kind === 'records') return fromRecords(ctx, m, c.name);
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
      const rows = await groupBreakdown(ctx, m, sides.numerator, sides.denominator);
      return { ...r, table: { kind: 'group_breakdown', rows } };
    }
    return r;
  }
  if (c.kind !== 'special') throw new Error(`unhandled compute kind for ${m.id}`);
  return special(ctx, m, c.name);
}

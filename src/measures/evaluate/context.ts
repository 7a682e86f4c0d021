import type { FactsStore } from '../../facts/store.ts';
import type { QueryCache } from '../query-cache.ts';
import { addCell, type Cells } from '../cells.ts';
import { surveySides, type CompiledQuery } from '../compile.ts';
import type { CountSide, Measure, SourceName } from '../definition.ts';
import { TABLES } from '../../facts/tables.ts';
import type { Period } from '../period.ts';
import type { MeasureResult } from '../result.ts';
import type { Span } from '../coverage.ts';
import type { RecordInputs } from './records.ts';

/**
 * What every step of an evaluation shares: the store, the period, the cells read so far, the
 * queries run (for lineage) and the caches; running a query and filing a named query's rows as
 * cells.
 */
export type Row = Record<string, unknown>;

/** Fact tables with a date column: the ones whose records say which months the data covers. */
export const TABLES_WITH_DATES: ReadonlySet<string> = new Set(
  Object.entries(TABLES)
    .filter(([, t]) => t.dateColumn !== '')
    .map(([name]) => name),
);
export const num = (v: unknown): number =>
  typeof v === 'bigint'
    ? Number(v)
    : typeof v === 'number'
      ? v
      : v === null || v === undefined
        ? 0
        : Number(v);

/** The numerator and denominator series of a measure (keys into the cells). */
export interface Sides {
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
export const daysIn = (months: readonly string[]) =>
  months.reduce(
    (n, m) => n + new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate(),
    0,
  );

export interface Context {
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
  /** Every measure of the catalogue, by id (a composite reads its parts' declarations). */
  readonly measures: ReadonlyMap<string, Measure>;
  /** The whole catalogue (the aggregates are built for all of it: evaluate/aggregates.ts). */
  readonly catalogue: readonly Measure[];
  /** The monthly aggregates that may be read instead of the facts; null: always scan. */
  readonly aggregates: ReadonlyMap<string, { spanFrom: string; spanTo: string }> | null;
  /** What the records store holds for measures over records (evaluate/records.ts), if read. */
  readonly records?: RecordInputs | undefined;
}

/** Count sides of a count-shaped measure. */
export function countSides(
  m: Measure,
): { numerator: CountSide; denominator: CountSide | null } | null {
  const c = m.compute;
  if (c.kind === 'count') return { numerator: c.count, denominator: null };
  if (c.kind === 'ratio') return { numerator: c.numerator, denominator: c.denominator };
  if (c.kind === 'survey') return surveySides(c.surveys, c.question, c.positive, c.excluded);
  return null;
}

export async function run(ctx: Context, q: CompiledQuery): Promise<Row[]> {
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

/**
 * Runs a named query once and files its columns as cell series `${key}:${column}` (by default
 * `num` and, when present, `den`), keyed by the row's month and LPA. Rows a query marks as
 * counted for the whole force (`force_level` = 1, e.g. distinct people over all LPAs) go to the
 * series `${key}:${column}@force` instead.
 */
export async function specialCells(
  ctx: Context,
  key: string,
  q: CompiledQuery,
  columns: readonly string[] = ['num', 'den'],
  /** The same rows from an aggregate, run instead of `q` (which stays the lineage). */
  read: CompiledQuery | null = null,
): Promise<Row[]> {
  const done = ctx.specialRows.get(key);
  if (done) return done;
  const rows = await run(ctx, read ?? q);
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

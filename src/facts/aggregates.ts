import { createHash } from 'node:crypto';
import {
  AGGREGATE_ROWS_SQL,
  AGGREGATES_EXIST_SQL,
  AGGREGATES_TABLE_SQL,
  allAggregateRowsSql,
  buildAggregateSql,
  countAggregateSql,
  DELETE_AGGREGATE_SQL,
  dropAggregateSql,
  INSERT_AGGREGATE_SQL,
  STAMP_AGGREGATES_SQL,
  tableMonthsSql,
} from './aggregates-sql.ts';
import { commitDurably, dataVersion, type FactsStore } from './store.ts';
import { TABLES } from './tables.ts';

/**
 * Monthly aggregates: tables of per-month rows (a month-keyed query's result over the whole span
 * of the data) that the measure engine reads instead of scanning the raw facts, so a scorecard's
 * cost grows with months, not rows. The raw facts stay the source of truth: each aggregate is a
 * definition (a SELECT from the measure compiler, stored here as data) rebuilt inside every import
 * transaction that changes a table it reads, so it commits or rolls back with the facts, and it
 * records the data version it was built at — a reader uses it only when that is the store's
 * version and its definition is the one the reader would build (otherwise it scans the facts).
 */
export type AggregateParam = string | number | boolean | null;

export interface AggregateDefinition {
  /** Lower case, digits and _: the table is `_agg_<name>`. */
  readonly name: string;
  /** The fact tables it reads: an import into one of them rebuilds it. */
  readonly tables: readonly string[];
  /** A SELECT whose rows each have a `month` column (`YYYY-MM`). */
  readonly sql: string;
  /** Its parameters; the values `SPAN_FROM` and `SPAN_TO` are replaced by the span's dates. */
  readonly params: Readonly<Record<string, AggregateParam>>;
}

/** Parameter values standing for the first day of the span and the day after it. */
export const SPAN_FROM = '@span_from';
export const SPAN_TO = '@span_to';

/**
 * How far the span reaches beyond the data, so windows that start before the first record (a
 * 24-month SPC series, last year's comparison) or end after the last (a quarter in progress) are
 * still read from the aggregate: a month-keyed query's row for a month does not depend on how
 * wide the window it was asked for is, so rows for empty months are what the raw query gives too.
 */
const MONTHS_BEFORE = 60;
const MONTHS_AFTER = 24;

export interface StoredAggregate {
  readonly name: string;
  readonly spec: string;
  readonly tables: readonly string[];
  readonly dataVersion: number;
  /** `YYYY-MM` of the span's first month and of the month after its last; null with no data. */
  readonly spanFrom: string | null;
  readonly spanTo: string | null;
  readonly rows: number;
}

type Row = Record<string, unknown> & {
  name: string;
  spec: string;
  tables: string;
  build_sql: string;
  params: string;
  data_version: bigint;
  span_from: string | null;
  span_to: string | null;
  row_count: bigint;
};

/** The fingerprint of a definition: a reader uses an aggregate only when this matches. */
export function aggregateSpec(d: AggregateDefinition): string {
  return createHash('sha256')
    .update(d.sql)
    .update('\0')
    .update(JSON.stringify(d.params))
    .update('\0')
    .update([...d.tables].sort().join(','))
    .digest('hex')
    .slice(0, 32);
}

const shiftMonth = (ym: string, by: number) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** The months the data of these tables falls in, widened; null when they hold no dated rows. */
async function spanOf(
  store: FactsStore,
  tables: readonly string[],
): Promise<{ from: string; to: string } | null> {
  let first: string | null = null;
  let last: string | null = null;
  for (const t of tables) {
    const col = TABLES[t as keyof typeof TABLES]?.dateColumn;
    if (!col) continue;
    const [r] = await store.all<{ first_month: string | null; last_month: string | null }>(
      tableMonthsSql(t, col),
    );
    if (r?.first_month && (first === null || r.first_month < first)) first = r.first_month;
    if (r?.last_month && (last === null || r.last_month > last)) last = r.last_month;
  }
  if (first === null || last === null) return null;
  return { from: shiftMonth(first, -MONTHS_BEFORE), to: shiftMonth(last, MONTHS_AFTER + 1) };
}

const bind = (
  params: Readonly<Record<string, AggregateParam>>,
  span: { from: string; to: string },
): Record<string, AggregateParam> =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      v === SPAN_FROM ? `${span.from}-01` : v === SPAN_TO ? `${span.to}-01` : v,
    ]),
  );

/** Builds one aggregate and records it at the store's (this transaction's) data version. */
async function build(
  store: FactsStore,
  d: {
    name: string;
    tables: readonly string[];
    sql: string;
    params: Record<string, AggregateParam>;
  },
  spec: string,
  now: Date,
): Promise<void> {
  const span = (await spanOf(store, d.tables)) ?? { from: '2000-01', to: '2000-01' };
  const empty = span.from === span.to;
  await store.run(buildAggregateSql(d.name, d.sql), bind(d.params, span) as never);
  const [n] = await store.all<{ n: bigint }>(countAggregateSql(d.name));
  await store.run(DELETE_AGGREGATE_SQL, { name: d.name });
  await store.run(INSERT_AGGREGATE_SQL, {
    name: d.name,
    spec,
    tables: d.tables.join(','),
    build_sql: d.sql,
    params: JSON.stringify(d.params),
    span_from: empty ? null : span.from,
    span_to: empty ? null : span.to,
    rows: Number(n?.n ?? 0),
    at: now.toISOString().slice(0, 19),
  });
}

async function stored(store: FactsStore): Promise<Row[]> {
  const [exists] = await store.all<{ n: bigint }>(AGGREGATES_EXIST_SQL);
  return Number(exists?.n ?? 0) === 0 ? [] : store.all<Row>(AGGREGATE_ROWS_SQL);
}

/** What the store holds: each aggregate's definition fingerprint, version and span. */
export async function storedAggregates(store: FactsStore): Promise<StoredAggregate[]> {
  return (await stored(store)).map((r) => ({
    name: r.name,
    spec: r.spec,
    tables: r.tables.split(',').filter(Boolean),
    dataVersion: Number(r.data_version),
    spanFrom: r.span_from,
    spanTo: r.span_to,
    rows: Number(r.row_count),
  }));
}

/**
 * Makes the store's aggregates exactly these definitions: each one missing, changed or stale is
 * (re)built, each one no longer defined is dropped; all in one durable transaction. A read-only
 * store is left as it is (readers then scan the facts). Returns how many were built.
 */
export async function defineAggregates(
  store: FactsStore,
  defs: readonly AggregateDefinition[],
  now: Date = new Date(),
): Promise<number> {
  if (store.readOnly) return 0;
  await store.run('BEGIN TRANSACTION');
  let committed = false;
  try {
    await store.run(AGGREGATES_TABLE_SQL);
    const version = await dataVersion(store);
    const have = new Map((await stored(store)).map((r) => [r.name, r]));
    let built = 0;
    for (const d of defs) {
      const spec = aggregateSpec(d);
      const h = have.get(d.name);
      if (h && h.spec === spec && Number(h.data_version) === version) continue;
      await build(store, { ...d, params: { ...d.params } }, spec, now);
      built++;
    }
    for (const name of have.keys())
      if (!defs.some((d) => d.name === name)) {
        await store.run(dropAggregateSql(name));
        await store.run(DELETE_AGGREGATE_SQL, { name });
      }
    await commitDurably(store);
    committed = true;
    return built;
  } finally {
    if (!committed) await store.run('ROLLBACK');
  }
}

/**
 * Inside an import's (or removal's) transaction, after the data version was bumped: rebuilds every
 * aggregate that reads one of `changed` (all, when null) or was not current before this
 * transaction, and marks the rest current at the new version. What it builds commits or rolls
 * back with the facts.
 */
export async function refreshAggregates(
  store: FactsStore,
  changed: readonly string[] | null,
  now: Date = new Date(),
): Promise<void> {
  const rows = await stored(store);
  if (rows.length === 0) return;
  const version = await dataVersion(store);
  for (const r of rows) {
    const tables = r.tables.split(',').filter(Boolean);
    const current = Number(r.data_version) === version - 1;
    if (current && changed !== null && !tables.some((t) => changed.includes(t))) continue;
    const params = JSON.parse(r.params) as Record<string, AggregateParam>;
    await build(store, { name: r.name, tables, sql: r.build_sql, params }, r.spec, now);
  }
  await store.run(STAMP_AGGREGATES_SQL, { previous: version - 1 });
}

export interface AggregateProblem {
  readonly name: string;
  readonly message: string;
}

const canonical = (r: Record<string, unknown>) =>
  JSON.stringify(
    Object.keys(r)
      .sort()
      .map((k) => {
        const v = r[k];
        return typeof v === 'bigint' ? Number(v) : v;
      }),
    (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v),
  );

/**
 * `bluelamp check`: every aggregate current at the store's version must equal its recomputation
 * from the raw facts over the same span (row for row; sums of decimals to 1e-9); one not current
 * is reported as stale (readers do not use it, and the next import or scorecard rebuilds it).
 */
export async function checkAggregates(store: FactsStore): Promise<{
  checked: number;
  problems: AggregateProblem[];
  stale: string[];
}> {
  const rows = await stored(store);
  const version = await dataVersion(store);
  const problems: AggregateProblem[] = [];
  const stale: string[] = [];
  let checked = 0;
  for (const r of rows) {
    if (Number(r.data_version) !== version) {
      stale.push(r.name);
      continue;
    }
    checked++;
    const span =
      r.span_from && r.span_to
        ? { from: r.span_from, to: r.span_to }
        : { from: '2000-01', to: '2000-01' };
    const params = bind(JSON.parse(r.params) as Record<string, AggregateParam>, span);
    const fresh = await store.all(r.build_sql, params as never);
    const held = await store.all(allAggregateRowsSql(r.name));
    const diff = multisetDifference(fresh.map(canonical), held.map(canonical));
    if (diff.missing.length > 0 || diff.extra.length > 0)
      problems.push({
        name: r.name,
        message: `aggregate ${r.name} holds ${held.length} rows where the raw facts give ${fresh.length}; ${diff.missing.length} recomputed row${diff.missing.length === 1 ? ' is' : 's are'} not in it, ${diff.extra.length} of its rows not recomputed (first: ${diff.missing[0] ?? diff.extra[0]})`,
      });
  }
  return { checked, problems, stale };
}

/** Rows of `a` not matched in `b` and of `b` not matched in `a`, counting repeats. */
function multisetDifference(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const missing: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n === 0) missing.push(x);
    else counts.set(x, n - 1);
  }
  const extra = [...counts].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { missing, extra };
}

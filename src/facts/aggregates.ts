import { createHash } from 'node:crypto';
import {
  addChangedRowsSql,
  AGGREGATES_ADDED_COLUMNS_SQL,
  AGGREGATE_ROWS_SQL,
  captureChangedRowsSql,
  CHANGED_MONTHS_SQL,
  deleteAggregateMonthsSql,
  DROP_CHANGED_ROWS_SQL,
  gridDiffersSql,
  insertAggregateSql,
  tableHasRowsSql,
  viaMonthsSql,
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

/**
 * Which of an aggregate's months a change to one of the tables it reads can alter, so an import
 * rebuilds those months only (a month-keyed query's rows for [lo, hi) are what it gives asked for
 * [lo, hi)). The changed rows are the batch's old rows and its new ones.
 * - `months`: the months the changed rows fall in (by the table's date column), and `after`
 *   months after each (a look-back: repeat victims look 12 months back);
 * - `onwards`: from the first changed month to the end (running totals: open investigations);
 * - `via`: the months of `table`'s rows (by `date`) whose `key` is among the changed rows' (a
 *   crime's attributes reach the months of its outcomes), and `after` months after each; with
 *   `later`, only those rows dated in a later month than the changed row.
 * A table an aggregate reads with no reach declared is rebuilt over the whole span.
 */
export type Reach =
  | { readonly kind: 'months'; readonly after: number }
  | { readonly kind: 'onwards' }
  | {
      readonly kind: 'via';
      readonly table: string;
      readonly date: string;
      readonly key: string;
      readonly after: number;
      /** Only the rows dated in a later month than the changed row (an outcome before its crime). */
      readonly later?: boolean;
    };

/** Reaches by name: `REACH.months(0)` is a change's own months. */
export const REACH = {
  months: (after: number): Reach => ({ kind: 'months', after }),
  onwards: { kind: 'onwards' } as Reach,
  /** The months of `table`'s rows by `date` that share a changed row's `key`. */
  via: (table: string, date: string, key: string, after = 0, later = false): Reach => ({
    kind: 'via',
    table,
    date,
    key,
    after,
    ...(later ? { later: true } : {}),
  }),
} as const;

export interface AggregateDefinition {
  /** Lower case, digits and _: the table is `_agg_<name>`. */
  readonly name: string;
  /** The fact tables it reads: an import into one of them rebuilds it. */
  readonly tables: readonly string[];
  /** A SELECT whose rows each have a `month` column (`YYYY-MM`). */
  readonly sql: string;
  /** Its parameters; the values `SPAN_FROM` and `SPAN_TO` are replaced by the span's dates. */
  readonly params: Readonly<Record<string, AggregateParam>>;
  /** Per table it reads, the months a change there can alter (none: the whole span). */
  readonly reach?: Readonly<Record<string, readonly Reach[]>>;
  /**
   * Every month has a row per LPA of the data (a cross join), so a change in the LPAs seen alters
   * every month: a partial rebuild that finds one rebuilds the whole span.
   */
  readonly grid?: boolean;
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
  /** The months `[from, to)` the latest import rebuilt; null when it rebuilt the whole span. */
  readonly refreshed: { readonly from: string; readonly to: string } | null;
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
  reach?: string | null;
  grid?: boolean | null;
  refreshed_from?: string | null;
  refreshed_to?: string | null;
};

/** The fingerprint of a definition: a reader uses an aggregate only when this matches. */
export function aggregateSpec(d: AggregateDefinition): string {
  return createHash('sha256')
    .update(d.sql)
    .update('\0')
    .update(JSON.stringify(d.params))
    .update('\0')
    .update([...d.tables].sort().join(','))
    .update('\0')
    .update(JSON.stringify(d.reach ?? null))
    .update(String(d.grid ?? false))
    .digest('hex')
    .slice(0, 32);
}

const shiftMonth = (ym: string, by: number) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/** A first and last month (`YYYY-MM`), as the month look-ups return them. */
type MonthBounds = { first_month: string | null; last_month: string | null };

/** Each table's first and last month, read once per define or refresh (tables do not change in it). */
type TableMonths = Map<string, MonthBounds>;

/** The months the data of these tables falls in, widened; null when they hold no dated rows. */
async function spanOf(
  store: FactsStore,
  tables: readonly string[],
  known: TableMonths,
): Promise<{ from: string; to: string } | null> {
  let first: string | null = null;
  let last: string | null = null;
  for (const t of tables) {
    const col = TABLES[t as keyof typeof TABLES]?.dateColumn;
    if (!col) continue;
    let r = known.get(t);
    if (!r) {
      [r] = await store.all<MonthBounds>(tableMonthsSql(t, col));
      known.set(t, r ?? { first_month: null, last_month: null });
    }
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

/** A stored definition, as `refreshAggregates` rebuilds it. */
interface Held {
  readonly name: string;
  readonly spec: string;
  readonly tables: readonly string[];
  readonly sql: string;
  readonly params: Record<string, AggregateParam>;
  readonly reach: Readonly<Record<string, readonly Reach[]>> | null;
  readonly grid: boolean;
  readonly span: { from: string; to: string } | null;
  readonly version: number;
}

const held = (r: Row): Held => ({
  name: r.name,
  spec: r.spec,
  tables: r.tables.split(',').filter(Boolean),
  sql: r.build_sql,
  params: JSON.parse(r.params) as Record<string, AggregateParam>,
  reach: r.reach ? (JSON.parse(r.reach) as Record<string, Reach[]>) : null,
  grid: r.grid === true,
  span: r.span_from && r.span_to ? { from: r.span_from, to: r.span_to } : null,
  version: Number(r.data_version),
});

/** Records an aggregate's bookkeeping row at this transaction's data version. */
async function record(
  store: FactsStore,
  d: Held,
  span: { from: string; to: string } | null,
  refreshed: { from: string; to: string } | null,
  now: Date,
): Promise<void> {
  const [n] = await store.all<{ n: bigint }>(countAggregateSql(d.name));
  await store.run(DELETE_AGGREGATE_SQL, { name: d.name });
  await store.run(INSERT_AGGREGATE_SQL, {
    name: d.name,
    spec: d.spec,
    tables: d.tables.join(','),
    build_sql: d.sql,
    params: JSON.stringify(d.params),
    span_from: span?.from ?? null,
    span_to: span?.to ?? null,
    rows: Number(n?.n ?? 0),
    at: now.toISOString().slice(0, 19),
    reach: d.reach ? JSON.stringify(d.reach) : null,
    grid: d.grid,
    refreshed_from: refreshed?.from ?? null,
    refreshed_to: refreshed?.to ?? null,
  });
}

/** Builds one aggregate over its whole span and records it. */
async function build(store: FactsStore, d: Held, now: Date, known: TableMonths): Promise<void> {
  const span = await spanOf(store, d.tables, known);
  const bound = span ?? { from: '2000-01', to: '2000-01' };
  await store.run(buildAggregateSql(d.name, d.sql), bind(d.params, bound) as never);
  await record(store, d, span, null, now);
}

async function ensureTable(store: FactsStore): Promise<void> {
  await store.run(AGGREGATES_TABLE_SQL);
  for (const sql of AGGREGATES_ADDED_COLUMNS_SQL) await store.run(sql);
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
    refreshed:
      r.refreshed_from && r.refreshed_to ? { from: r.refreshed_from, to: r.refreshed_to } : null,
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
    await ensureTable(store);
    const version = await dataVersion(store);
    const known: TableMonths = new Map();
    const have = new Map((await stored(store)).map((r) => [r.name, r]));
    let built = 0;
    for (const d of defs) {
      const spec = aggregateSpec(d);
      const h = have.get(d.name);
      if (h && h.spec === spec && Number(h.data_version) === version) continue;
      await build(
        store,
        {
          name: d.name,
          spec,
          tables: d.tables,
          sql: d.sql,
          params: { ...d.params },
          reach: d.reach ?? null,
          grid: d.grid ?? false,
          span: null,
          version,
        },
        now,
        known,
      );
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

/** The change an import makes: its table and batch (rows of the batch before and after). */
export interface BatchChange {
  readonly table: string;
  readonly batchId: string;
}

const keysOf = (rows: readonly Held[], table: string): string[] =>
  [
    ...new Set(
      rows.flatMap((r) =>
        (r.reach?.[table] ?? []).flatMap((x) => (x.kind === 'via' ? [x.key] : [])),
      ),
    ),
  ].sort();

const dateColumnOf = (table: string) => TABLES[table as keyof typeof TABLES]?.dateColumn ?? '';

/**
 * Before an import deletes a batch's old rows: keeps what the refresh needs of them (their months
 * and the keys aggregates look up), in a temporary table of this transaction.
 */
export async function captureChangedRows(store: FactsStore, change: BatchChange): Promise<void> {
  const rows = (await stored(store)).map(held).filter((r) => r.tables.includes(change.table));
  await store.run(DROP_CHANGED_ROWS_SQL);
  if (rows.length === 0) return;
  await store.run(
    captureChangedRowsSql(change.table, dateColumnOf(change.table), keysOf(rows, change.table)),
    { batch: change.batchId },
  );
}

const END = '9999-12';
type Months = { from: string; to: string };
const hull = (a: Months | null, b: Months | null): Months | null =>
  a === null
    ? b
    : b === null
      ? a
      : { from: a.from < b.from ? a.from : b.from, to: a.to > b.to ? a.to : b.to };

/**
 * The months of `d` the change can alter: null for none, 'all' for the whole span (a table with
 * no reach declared, or changed rows with no date where a reach needs one).
 */
async function reachOf(
  store: FactsStore,
  d: Held,
  table: string,
  changed: { first: string | null; last: string | null; undated: boolean },
  viaKnown: Map<string, MonthBounds | undefined>,
): Promise<Months | null | 'all'> {
  const reaches = d.reach?.[table];
  if (!reaches) return 'all';
  let months: Months | null = null;
  for (const x of reaches) {
    if (x.kind === 'via') {
      const sql = viaMonthsSql(x.table, x.date, x.key, x.later === true);
      if (!viaKnown.has(sql)) {
        const [any] = await store.all<{ any: boolean }>(tableHasRowsSql(x.table));
        viaKnown.set(sql, any?.any ? (await store.all<MonthBounds>(sql))[0] : undefined);
      }
      const v = viaKnown.get(sql);
      if (v?.first_month && v.last_month)
        months = hull(months, { from: v.first_month, to: shiftMonth(v.last_month, x.after + 1) });
      continue;
    }
    if (changed.undated) return 'all';
    if (changed.first === null || changed.last === null) continue;
    months = hull(months, {
      from: changed.first,
      to: x.kind === 'onwards' ? END : shiftMonth(changed.last, x.after + 1),
    });
  }
  return months;
}

/**
 * Rebuilds the months `[lo, hi)` of an aggregate (and drops its rows outside the new span), or
 * the whole of it when that is simpler or the months cannot be rebuilt alone.
 */
async function rebuildMonths(
  store: FactsStore,
  d: Held,
  reach: Months | null | 'all',
  now: Date,
  known: TableMonths,
): Promise<void> {
  const span = await spanOf(store, d.tables, known);
  if (reach === 'all' || span === null || (d.grid && d.span === null))
    return build(store, d, now, known);
  let months: Months | null = null;
  if (reach !== null) {
    const from = reach.from > span.from ? reach.from : span.from;
    const to = reach.to < span.to ? reach.to : span.to;
    if (from < to) months = { from, to };
  }
  // Months the span gained hold rows of a grid (every month has them); of any other aggregate
  // they hold rows only where the changed rows reach (every other table's rows lie in the old
  // span, which covered them), so those are rebuilt already. Months it lost are dropped below.
  if (d.grid && d.span) {
    if (span.from < d.span.from) months = hull(months, { from: span.from, to: d.span.from });
    if (span.to > d.span.to) months = hull(months, { from: d.span.to, to: span.to });
  }
  if (months && months.from <= span.from && months.to >= span.to)
    return build(store, d, now, known);
  const range = months ?? { from: span.from, to: span.from };
  await store.run(deleteAggregateMonthsSql(d.name), {
    lo: range.from,
    hi: range.to,
    from: span.from,
    to: span.to,
  });
  if (months) {
    await store.run(insertAggregateSql(d.name, d.sql), bind(d.params, months) as never);
    if (d.grid) {
      const [g] = await store.all<{ differs: boolean }>(gridDiffersSql(d.name), {
        lo: months.from,
        hi: months.to,
      });
      if (g?.differs) return build(store, d, now, known);
    }
  }
  await record(store, d, span, range, now);
}

/**
 * Inside an import's (or removal's) transaction, after the data version was bumped: brings up to
 * date every aggregate that reads the changed table (every one, when `change` is null) or was not
 * current before this transaction, and marks the rest current at the new version. For a batch's
 * import only the months its old and new rows can alter are rebuilt (`Reach`; the old rows were
 * kept by `captureChangedRows`). What it builds commits or rolls back with the facts.
 */
export async function refreshAggregates(
  store: FactsStore,
  change: BatchChange | null,
  now: Date = new Date(),
): Promise<void> {
  const raw = await stored(store);
  if (raw.length === 0) return;
  if (!('reach' in (raw[0] as Row))) await ensureTable(store);
  const rows = raw.map(held);
  const version = await dataVersion(store);
  let changed: { first: string | null; last: string | null; undated: boolean } | null = null;
  if (change) {
    const readers = rows.filter((r) => r.tables.includes(change.table));
    if (readers.length > 0) {
      const dateColumn = dateColumnOf(change.table);
      await store.run(addChangedRowsSql(change.table, dateColumn, keysOf(rows, change.table)), {
        batch: change.batchId,
      });
      const [c] = await store.all<MonthBounds & { undated: bigint }>(CHANGED_MONTHS_SQL);
      changed = {
        first: c?.first_month ?? null,
        last: c?.last_month ?? null,
        undated: dateColumn === '' || Number(c?.undated ?? 0) > 0,
      };
    }
  }
  const known: TableMonths = new Map();
  const viaKnown = new Map<string, MonthBounds | undefined>();
  for (const r of rows) {
    const current = r.version === version - 1;
    const reads = change === null || r.tables.includes(change.table);
    if (current && !reads) continue;
    if (!current || change === null || changed === null) await build(store, r, now, known);
    else
      await rebuildMonths(
        store,
        r,
        await reachOf(store, r, change.table, changed, viaKnown),
        now,
        known,
      );
  }
  await store.run(DROP_CHANGED_ROWS_SQL);
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

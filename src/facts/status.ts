import { dateColumnExpr, ident, literal } from './sql.ts';
import { allTableSpecs, type FactsStore } from './store.ts';

export interface TableStatus {
  readonly table: string;
  readonly rows: number;
  readonly from: string | null;
  readonly to: string | null;
  readonly batches: number;
  readonly lastImport: string | null;
}

export interface BatchStatus {
  readonly batchId: string;
  readonly table: string;
  readonly files: readonly string[];
  readonly rows: number;
  readonly importedAt: string;
  readonly from: string | null;
  readonly to: string | null;
}

/** Which months a source holds rows for: one per table, and one per force for data.police.uk. */
export interface SourceCoverage {
  /** The table, or `police_uk_street: <force>` (today's name of the force). */
  readonly source: string;
  readonly table: string;
  readonly force: string | null;
  /** First and last month with rows, YYYY-MM. */
  readonly from: string;
  readonly to: string;
  /** Months with at least one row. */
  readonly months: number;
  /** Months between `from` and `to` without a row, as ranges ("2014-03" or "2014-03..2014-05"). */
  readonly gaps: readonly string[];
}

export interface StoreStatus {
  readonly tables: readonly TableStatus[];
  readonly batches: readonly BatchStatus[];
  readonly lastImport: string | null;
  readonly coverage: readonly SourceCoverage[];
}

const iso = (v: unknown): string | null =>
  v instanceof Date
    ? v.toISOString().slice(0, 19)
    : v === null || v === undefined
      ? null
      : String(v);

/** What is loaded: per table rows, date range (its dating column), batches and last import. */
export async function storeStatus(store: FactsStore): Promise<StoreStatus> {
  const batchRows = await store.all<{
    batch_id: string;
    table_name: string;
    files: string;
    row_count: bigint;
    imported_at: Date;
    min_date: Date | null;
    max_date: Date | null;
  }>('SELECT * FROM _batches ORDER BY imported_at, batch_id');
  const batches: BatchStatus[] = batchRows.map((b) => ({
    batchId: b.batch_id,
    table: b.table_name,
    files: JSON.parse(b.files) as string[],
    rows: Number(b.row_count),
    importedAt: iso(b.imported_at) ?? '',
    from: iso(b.min_date),
    to: iso(b.max_date),
  }));
  // One statement for every table (and one for the coverage below), not one per table: each
  // statement costs a round trip to DuckDB's threads, which on a busy machine is most of the time.
  const specs = Object.entries(allTableSpecs());
  const counts = await store.all<{
    t: string;
    n: bigint;
    lo: string | null;
    hi: string | null;
  }>(
    specs
      .map(([name, spec]) => {
        const dated = dateColumnExpr(spec);
        const range = dated
          ? `min(${dated})::VARCHAR AS lo, max(${dated})::VARCHAR AS hi`
          : 'NULL AS lo, NULL AS hi';
        return `SELECT ${literal(name)} AS t, count(*) AS n, ${range} FROM ${ident(name)}`;
      })
      .join('\nUNION ALL '),
  );
  const tables: TableStatus[] = specs.map(([name]) => {
    const r = counts.find((c) => c.t === name);
    const mine = batches.filter((b) => b.table === name);
    return {
      table: name,
      rows: Number(r?.n ?? 0),
      from: r?.lo ?? null,
      to: r?.hi ?? null,
      batches: mine.length,
      lastImport: mine.at(-1)?.importedAt ?? null,
    };
  });
  return {
    tables,
    batches,
    coverage: await monthCoverage(store),
    lastImport:
      batches
        .map((b) => b.importedAt)
        .sort()
        .at(-1) ?? null,
  };
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The months missing between the first and last of `months` (sorted YYYY-MM), as ranges. */
export function monthGaps(months: readonly string[]): string[] {
  const gaps: string[] = [];
  for (let i = 1; i < months.length; i++) {
    const a = monthIndex(months[i - 1] as string);
    const b = monthIndex(months[i] as string);
    if (b - a <= 1) continue;
    gaps.push(b - a === 2 ? monthOf(a + 1) : `${monthOf(a + 1)}..${monthOf(b - 1)}`);
  }
  return gaps;
}

/**
 * Month coverage per source: each dated table by its dating column, and the data.police.uk
 * tables per force (`Falls within`, by today's name), since a force's months can be missing
 * while other forces' are there.
 */
export async function monthCoverage(store: FactsStore): Promise<SourceCoverage[]> {
  const out: SourceCoverage[] = [];
  const add = (table: string, force: string | null, months: string[]) => {
    if (months.length === 0) return;
    out.push({
      source: force === null ? table : `${table}: ${force}`,
      table,
      force,
      from: months[0] as string,
      to: months.at(-1) as string,
      months: months.length,
      gaps: monthGaps(months),
    });
  };
  const dated = Object.entries(allTableSpecs()).flatMap(([name, spec]) => {
    const d = dateColumnExpr(spec);
    return d === null ? [] : [[name, d] as const];
  });
  if (dated.length === 0) return out;
  const rows = await store.all<{ t: string; force: string | null; m: string }>(
    `${dated
      .map(([name, d]) =>
        name.startsWith('police_uk_')
          ? `SELECT DISTINCT ${literal(name)} AS t, coalesce(fn.current_name, t.falls_within) AS force, strftime(${d}, '%Y-%m') AS m
           FROM ${ident(name)} t LEFT JOIN ref_puk_force_names fn ON fn.published_name = t.falls_within
           WHERE ${d} IS NOT NULL`
          : `SELECT DISTINCT ${literal(name)} AS t, NULL AS force, strftime(${d}, '%Y-%m') AS m FROM ${ident(name)}
           WHERE ${d} IS NOT NULL`,
      )
      .join('\nUNION ALL ')}
     ORDER BY force, m`,
  );
  // In table order, then by force and month, as one statement per table gave them.
  for (const [name] of dated) {
    const groups = new Map<string | null, string[]>();
    for (const r of rows) {
      if (r.t !== name) continue;
      const list = groups.get(r.force) ?? [];
      list.push(r.m);
      groups.set(r.force, list);
    }
    for (const [force, months] of groups) add(name, force, months);
  }
  return out;
}

import { dateColumnExpr, ident } from './sql.ts';
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

export interface StoreStatus {
  readonly tables: readonly TableStatus[];
  readonly batches: readonly BatchStatus[];
  readonly lastImport: string | null;
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
  const tables: TableStatus[] = [];
  for (const [name, spec] of Object.entries(allTableSpecs())) {
    const dated = dateColumnExpr(spec);
    const range = dated
      ? `min(${dated})::VARCHAR AS lo, max(${dated})::VARCHAR AS hi`
      : 'NULL AS lo, NULL AS hi';
    const [r] = await store.all<{ n: bigint; lo: string | null; hi: string | null }>(
      `SELECT count(*) AS n, ${range} FROM ${ident(name)}`,
    );
    const mine = batches.filter((b) => b.table === name);
    tables.push({
      table: name,
      rows: Number(r?.n ?? 0),
      from: r?.lo ?? null,
      to: r?.hi ?? null,
      batches: mine.length,
      lastImport: mine.at(-1)?.importedAt ?? null,
    });
  }
  return {
    tables,
    batches,
    lastImport:
      batches
        .map((b) => b.importedAt)
        .sort()
        .at(-1) ?? null,
  };
}

import type { FactsStore } from '../store.ts';

/** Rows DuckDB's CSV reader rejected as malformed (its `store_rejects` tables), one per line. */
export interface Reject {
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly rule: string;
}

/** The reader appends to its rejects tables; each read starts with them empty. */
export async function clearRejects(store: FactsStore): Promise<void> {
  await store.run('DROP TABLE IF EXISTS bl_rejects');
  await store.run('DROP TABLE IF EXISTS bl_rejects_scan');
}

export async function csvRejects(store: FactsStore): Promise<Reject[]> {
  const exists = await store.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'bl_rejects'");
  if (exists.length === 0) return [];
  const rows = await store.all<{
    line: bigint;
    column_name: string | null;
    csv_line: string | null;
    error_message: string;
    error_type: string;
  }>(
    `SELECT r.line, r.column_name, r.csv_line, r.error_message, r.error_type FROM bl_rejects r
     ORDER BY r.line`,
  );
  // DuckDB lists a short row once per missing column: one issue per line is what a person needs.
  const firstPerLine = rows.filter((r, i) => i === 0 || rows[i - 1]?.line !== r.line);
  return firstPerLine.map((r) => ({
    line: Number(r.line),
    column: r.column_name ?? '(row)',
    value: (r.csv_line ?? '').replace(/\r?\n$/, ''),
    rule: `malformed CSV row (${r.error_type.toLowerCase()}): ${r.error_message}`,
  }));
}

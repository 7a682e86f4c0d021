import { BluelampError } from '../lib/errors.ts';
import { ident } from './sql.ts';
import { isProjectTable, PROJECT_TABLE_NAMES, TABLES, type ColumnSpec } from './tables.ts';
import type { FactsStore } from './store.ts';

export type ExportFormat = 'csv' | 'parquet';

/**
 * A stored London wall time as the import format writes it: to the second, with the
 * milliseconds when there are any (the importer keeps no finer part), so the text re-imports
 * to the same value.
 */
function timestampText(n: string): string {
  return `CASE WHEN microsecond(${n}) % 1000000 = 0 THEN strftime(${n}, '%Y-%m-%dT%H:%M:%S') ELSE strftime(${n}, '%Y-%m-%dT%H:%M:%S.%g') END`;
}

/** Each column as the import format writes it (the same in CSV and Parquet), so an exported file re-imports unchanged. */
function exportExpr(c: ColumnSpec): string {
  const n = ident(c.name);
  switch (c.type) {
    case 'timestamp':
      return `${timestampText(n)} AS ${n}`;
    case 'date':
      return `strftime(${n}, '%Y-%m-%d') AS ${n}`;
    default:
      return n;
  }
}

export function exportSql(table: string, format: ExportFormat): string {
  if (!isProjectTable(table)) {
    throw new BluelampError('UNKNOWN_TABLE', `There is no table "${table}".`, {
      hint: `Tables: ${PROJECT_TABLE_NAMES.join(', ')}.`,
    });
  }
  const spec = TABLES[table];
  const cols = spec.columns.map((c) => exportExpr(c)).join(', ');
  const order = spec.key.map(ident).join(', ');
  const options = format === 'csv' ? "FORMAT csv, HEADER true, QUOTE '\"'" : 'FORMAT parquet';
  return `COPY (SELECT ${cols} FROM ${ident(table)} ORDER BY ${order}) TO $out (${options})`;
}

/** Writes a table in the import format; `out` is a file path (the CLI passes /dev/stdout for standard output). */
export async function exportTable(
  store: FactsStore,
  table: string,
  format: ExportFormat,
  out: string,
): Promise<number> {
  const sql = exportSql(table, format);
  const [count] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${ident(table)}`);
  await store.run(sql, { out });
  return Number(count?.n ?? 0);
}

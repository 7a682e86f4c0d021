import { BluelampError } from '../lib/errors.ts';
import { ident } from './sql.ts';
import { isProjectTable, PROJECT_TABLE_NAMES, TABLES, type ColumnSpec } from './tables.ts';
import type { FactsStore } from './store.ts';

export type ExportFormat = 'csv' | 'parquet';

/** Each column as the import format writes it, so an exported file re-imports unchanged. */
function exportExpr(c: ColumnSpec, format: ExportFormat): string {
  const n = ident(c.name);
  if (format === 'parquet')
    return c.type === 'timestamp' || c.type === 'date'
      ? `strftime(${n}, ${c.type === 'date' ? "'%Y-%m-%d'" : "'%Y-%m-%dT%H:%M:%S'"}) AS ${n}`
      : n;
  switch (c.type) {
    case 'timestamp':
      return `strftime(${n}, '%Y-%m-%dT%H:%M:%S') AS ${n}`;
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
  const cols = spec.columns.map((c) => exportExpr(c, format)).join(', ');
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

import { ident } from './sql.ts';

/**
 * The SQL of `bluelamp check`: identifiers from the table declarations only, values as parameters.
 */

/** Per batch id: rows in the table, and the batch's record in `_batches` (absent or another table's). */
export function batchAccountSql(table: string): string {
  const t = ident(table);
  return `WITH held AS (SELECT batch_id, count(*) AS n FROM ${t} GROUP BY batch_id),
    recorded AS (SELECT batch_id, table_name, row_count FROM _batches)
    SELECT coalesce(h.batch_id, r.batch_id) AS batch_id, coalesce(h.n, 0) AS held,
      r.row_count AS recorded, r.table_name AS recorded_table
    FROM held h FULL OUTER JOIN (SELECT * FROM recorded WHERE table_name = $table) r
      ON h.batch_id IS NOT DISTINCT FROM r.batch_id
    WHERE r.batch_id IS NULL OR h.batch_id IS NULL OR h.n <> r.row_count
    ORDER BY 1`;
}

/** Every recorded batch with its table (checked against the declared tables). */
export const BATCH_TABLES_SQL = `SELECT batch_id, table_name FROM _batches ORDER BY batch_id`;

/** A batch id recorded more than once. */
export const DUPLICATE_BATCHES_SQL = `SELECT batch_id, count(*) AS n FROM _batches
  GROUP BY batch_id HAVING count(*) > 1 ORDER BY batch_id`;

/** How many values of `table.column` name no row of `refTable.refColumn`. */
export function danglingReferenceSql(
  table: string,
  column: string,
  refTable: string,
  refColumn: string,
): string {
  const c = ident(column);
  return `SELECT count(*) AS n FROM ${ident(table)} s WHERE s.${c} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${ident(refTable)} r WHERE r.${ident(refColumn)} = s.${c})`;
}

export const DATA_VERSION_ROWS_SQL = `SELECT value FROM _meta WHERE key = 'data_version'`;

/** Queries about the store itself: freshness and coverage of each table, and manual returns. */
import { TABLES } from '../../facts/tables.ts';
import { Params, type CompiledQuery } from './params.ts';

/**
 * Latest record of each fact table (freshness), and the first and last month its records fall in
 * (coverage); all NULL for a table without a date column or without rows.
 */
export function freshnessQuery(tables: readonly string[]): CompiledQuery {
  const parts = tables.map((t) => {
    const spec = TABLES[t as keyof typeof TABLES];
    const col = spec?.dateColumn;
    return col
      ? `SELECT '${t}' AS tbl, max(${col})::VARCHAR AS latest, strftime(min(${col}), '%Y-%m') AS first_month, strftime(max(${col}), '%Y-%m') AS last_month FROM ${t}`
      : `SELECT '${t}' AS tbl, NULL AS latest, NULL AS first_month, NULL AS last_month`;
  });
  return { purpose: 'freshness', sql: parts.join(' UNION ALL '), params: {} };
}

/** The periods manual returns have been submitted for (they cover those periods' months). */
export function returnPeriodsQuery(): CompiledQuery {
  return { purpose: 'return periods', sql: 'SELECT DISTINCT period FROM returns', params: {} };
}

/** The return for a measure and period label (force level when lpa is null). */
export function returnQuery(measureId: string, period: string, lpa: string | null): CompiledQuery {
  const params = new Params();
  const sql = `SELECT value, numerator, denominator, source, submitted_by, submitted_at::VARCHAR AS submitted_at FROM returns
WHERE measure_id = ${params.bind(measureId)} AND period = ${params.bind(period)} AND lpa IS NOT DISTINCT FROM ${params.bind(lpa)}`;
  return { purpose: 'manual return', sql, params: params.values };
}

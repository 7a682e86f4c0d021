/**
 * SQL of the monthly aggregates' own bookkeeping (src/facts/aggregates.ts). The aggregates' build
 * statements are not here: they come from the measure compiler as data and are run as stored.
 */
import { ident } from './sql.ts';

export const AGGREGATES_TABLE_SQL = `CREATE TABLE IF NOT EXISTS _aggregates (
  name VARCHAR NOT NULL, spec VARCHAR NOT NULL, tables VARCHAR NOT NULL, build_sql VARCHAR NOT NULL,
  params VARCHAR NOT NULL, data_version BIGINT NOT NULL, span_from VARCHAR, span_to VARCHAR,
  row_count BIGINT NOT NULL, built_at TIMESTAMP NOT NULL)`;

/** Columns added since the table was first made (a store made by an older version lacks them). */
export const AGGREGATES_ADDED_COLUMNS_SQL = [
  'ALTER TABLE _aggregates ADD COLUMN IF NOT EXISTS reach VARCHAR',
  'ALTER TABLE _aggregates ADD COLUMN IF NOT EXISTS grid BOOLEAN',
  'ALTER TABLE _aggregates ADD COLUMN IF NOT EXISTS refreshed_from VARCHAR',
  'ALTER TABLE _aggregates ADD COLUMN IF NOT EXISTS refreshed_to VARCHAR',
];

export const AGGREGATES_EXIST_SQL = `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_aggregates' AND schema_name = 'main'`;

export const AGGREGATE_ROWS_SQL = `SELECT * FROM _aggregates ORDER BY name`;

/** The table an aggregate is kept in. */
export const aggregateTable = (name: string) => ident(`_agg_${name}`);

export const buildAggregateSql = (name: string, select: string) =>
  `CREATE OR REPLACE TABLE ${aggregateTable(name)} AS ${select}`;

export const dropAggregateSql = (name: string) => `DROP TABLE IF EXISTS ${aggregateTable(name)}`;

export const countAggregateSql = (name: string) =>
  `SELECT count(*) AS n FROM ${aggregateTable(name)}`;

export const allAggregateRowsSql = (name: string) => `SELECT * FROM ${aggregateTable(name)}`;

export const DELETE_AGGREGATE_SQL = 'DELETE FROM _aggregates WHERE name = $name';

export const INSERT_AGGREGATE_SQL = `INSERT INTO _aggregates (name, spec, tables, build_sql, params, data_version,
  span_from, span_to, row_count, built_at, reach, grid, refreshed_from, refreshed_to)
  VALUES ($name, $spec, $tables, $build_sql, $params, (SELECT value FROM _meta WHERE key = 'data_version'),
  $span_from, $span_to, $rows, $at::TIMESTAMP, $reach, $grid, $refreshed_from, $refreshed_to)`;

/** Removes an aggregate's rows for the months [lo, hi) and those outside its span [from, to). */
export const deleteAggregateMonthsSql = (name: string) =>
  `DELETE FROM ${aggregateTable(name)} WHERE (month >= $lo AND month < $hi) OR month < $from OR month >= $to`;

export const insertAggregateSql = (name: string, select: string) =>
  `INSERT INTO ${aggregateTable(name)} ${select}`;

/**
 * Whether the months [lo, hi) of an aggregate hold other LPAs than the rest of it does (for one
 * whose every month has a row per LPA of the data: then it is rebuilt whole).
 */
export const gridDiffersSql = (name: string) => {
  const t = aggregateTable(name);
  const inside = `SELECT DISTINCT lpa FROM ${t} WHERE month >= $lo AND month < $hi`;
  const outside = `SELECT DISTINCT lpa FROM ${t} WHERE month < $lo OR month >= $hi`;
  return `SELECT (SELECT count(*) FROM ${t} WHERE month < $lo OR month >= $hi) > 0 AND (
    EXISTS (${inside} EXCEPT ${outside}) OR EXISTS (${outside} EXCEPT ${inside})) AS differs`;
};

/** The rows an import changes, captured for the months they touch (old rows before deletion). */
export const CHANGED_ROWS = '_aggregate_changes';

const changedSelect = (table: string, dateColumn: string, keys: readonly string[]) =>
  `SELECT ${dateColumn ? `strftime(${ident(dateColumn)}, '%Y-%m')` : 'NULL::VARCHAR'} AS m${keys.map((k) => `, ${ident(k)}`).join('')} FROM ${ident(table)} WHERE batch_id = $batch`;

export const captureChangedRowsSql = (table: string, dateColumn: string, keys: readonly string[]) =>
  `CREATE OR REPLACE TEMP TABLE ${ident(CHANGED_ROWS)} AS ${changedSelect(table, dateColumn, keys)}`;

export const addChangedRowsSql = (table: string, dateColumn: string, keys: readonly string[]) =>
  `INSERT INTO ${ident(CHANGED_ROWS)} ${changedSelect(table, dateColumn, keys)}`;

export const DROP_CHANGED_ROWS_SQL = `DROP TABLE IF EXISTS ${ident(CHANGED_ROWS)}`;

export const CHANGED_MONTHS_SQL = `SELECT min(m) AS first_month, max(m) AS last_month, count(*) AS n, count(*) FILTER (WHERE m IS NULL) AS undated FROM ${ident(CHANGED_ROWS)}`;

/** Whether a table has a row (a look-up into an empty one is skipped). */
export const tableHasRowsSql = (table: string) =>
  `SELECT EXISTS (SELECT 1 FROM ${ident(table)}) AS any`;

/** The months of `table`'s rows (by `date`) whose `key` is among the changed rows' (`later`: dated after the changed row's month). */
export const viaMonthsSql = (table: string, date: string, key: string, later: boolean) =>
  later
    ? `SELECT strftime(min(t.${ident(date)}), '%Y-%m') AS first_month, strftime(max(t.${ident(date)}), '%Y-%m') AS last_month
  FROM ${ident(table)} t JOIN ${ident(CHANGED_ROWS)} c ON c.${ident(key)} = t.${ident(key)} WHERE strftime(t.${ident(date)}, '%Y-%m') > c.m`
    : `SELECT strftime(min(${ident(date)}), '%Y-%m') AS first_month, strftime(max(${ident(date)}), '%Y-%m') AS last_month
  FROM ${ident(table)} WHERE ${ident(key)} IN (SELECT ${ident(key)} FROM ${ident(CHANGED_ROWS)})`;

/** Marks aggregates current at the data version this transaction commits. */
export const STAMP_AGGREGATES_SQL = `UPDATE _aggregates SET data_version = (SELECT value FROM _meta WHERE key = 'data_version')
  WHERE data_version = $previous`;

/** First and last month of one table's date column, for the span an aggregate is built over. */
export const tableMonthsSql = (table: string, dateColumn: string) =>
  `SELECT strftime(min(${ident(dateColumn)}), '%Y-%m') AS first_month, strftime(max(${ident(dateColumn)}), '%Y-%m') AS last_month FROM ${ident(table)}`;

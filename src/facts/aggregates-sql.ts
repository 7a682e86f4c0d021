/**
 * SQL of the monthly aggregates' own bookkeeping (src/facts/aggregates.ts). The aggregates' build
 * statements are not here: they come from the measure compiler as data and are run as stored.
 */
import { ident } from './sql.ts';

export const AGGREGATES_TABLE_SQL = `CREATE TABLE IF NOT EXISTS _aggregates (
  name VARCHAR NOT NULL, spec VARCHAR NOT NULL, tables VARCHAR NOT NULL, build_sql VARCHAR NOT NULL,
  params VARCHAR NOT NULL, data_version BIGINT NOT NULL, span_from VARCHAR, span_to VARCHAR,
  row_count BIGINT NOT NULL, built_at TIMESTAMP NOT NULL)`;

export const AGGREGATES_EXIST_SQL = `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_aggregates' AND schema_name = 'main'`;

export const AGGREGATE_ROWS_SQL = `SELECT name, spec, tables, build_sql, params, data_version, span_from, span_to, row_count FROM _aggregates ORDER BY name`;

/** The table an aggregate is kept in. */
export const aggregateTable = (name: string) => ident(`_agg_${name}`);

export const buildAggregateSql = (name: string, select: string) =>
  `CREATE OR REPLACE TABLE ${aggregateTable(name)} AS ${select}`;

export const dropAggregateSql = (name: string) => `DROP TABLE IF EXISTS ${aggregateTable(name)}`;

export const countAggregateSql = (name: string) =>
  `SELECT count(*) AS n FROM ${aggregateTable(name)}`;

export const allAggregateRowsSql = (name: string) => `SELECT * FROM ${aggregateTable(name)}`;

export const DELETE_AGGREGATE_SQL = 'DELETE FROM _aggregates WHERE name = $name';

export const INSERT_AGGREGATE_SQL = `INSERT INTO _aggregates VALUES ($name, $spec, $tables, $build_sql, $params,
  (SELECT value FROM _meta WHERE key = 'data_version'), $span_from, $span_to, $rows, $at::TIMESTAMP)`;

/** Marks aggregates current at the data version this transaction commits. */
export const STAMP_AGGREGATES_SQL = `UPDATE _aggregates SET data_version = (SELECT value FROM _meta WHERE key = 'data_version')
  WHERE data_version = $previous`;

/** First and last month of one table's date column, for the span an aggregate is built over. */
export const tableMonthsSql = (table: string, dateColumn: string) =>
  `SELECT strftime(min(${ident(dateColumn)}), '%Y-%m') AS first_month, strftime(max(${ident(dateColumn)}), '%Y-%m') AS last_month FROM ${ident(table)}`;

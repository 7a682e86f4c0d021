/**
 * The PostgreSQL side of the baseline, built as a warehouse team would build it given the same
 * design: the same rows (every table of the DuckDB store, exported by DuckDB itself, so both
 * hold exactly the same data), an index on each table's date column and on every `*_id` join
 * column, the same monthly aggregates built in PostgreSQL from the same raw rows (CREATE TABLE
 * AS of the translated full-span queries, indexed on month), then VACUUM ANALYZE. Every
 * aggregate is checked row for row against DuckDB's before anything is timed.
 */
import { join } from 'node:path';
import type pg from 'pg';
import type { FactsStore } from '../../src/facts/store.ts';
import { allTableSpecs } from '../../src/facts/store.ts';
import { differences } from './compare.ts';
import { toPostgres } from './pg-dialect.ts';
import type { PgServer } from './postgres.ts';

const PG_TYPE: Record<string, string> = {
  VARCHAR: 'text',
  BIGINT: 'bigint',
  INTEGER: 'integer',
  HUGEINT: 'numeric',
  DOUBLE: 'double precision',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
};

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface PgLoad {
  readonly tables: number;
  readonly rows: number;
  readonly indexes: number;
  readonly aggregates: number;
  /** Export from DuckDB and COPY into PostgreSQL. */
  readonly copyS: number;
  readonly indexS: number;
  /** Building the monthly aggregates in PostgreSQL. */
  readonly aggregatesS: number;
  readonly analyzeS: number;
  /** The database's size on disk, indexes and aggregates included. */
  readonly bytes: number;
}

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

export async function loadPostgres(
  store: FactsStore,
  server: PgServer,
  client: pg.Client,
  workDir: string,
): Promise<PgLoad> {
  const tables = (
    await store.all<{ table_name: string }>(
      `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'
         AND NOT starts_with(table_name, '_agg_') AND table_name <> '_query_cache' ORDER BY table_name`,
    )
  ).map((r) => r.table_name);
  let t = process.hrtime.bigint();
  let rows = 0;
  for (const table of tables) {
    const cols = await store.all<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'main' AND table_name = $t ORDER BY ordinal_position`,
      { t: table },
    );
    const ddl = cols.map((c) => {
      const type = PG_TYPE[c.data_type];
      if (!type)
        throw new Error(`${table}.${c.column_name}: no PostgreSQL type for ${c.data_type}`);
      return `${q(c.column_name)} ${type}`;
    });
    await client.query(`DROP TABLE IF EXISTS ${q(table)}`);
    await client.query(`CREATE TABLE ${q(table)} (${ddl.join(', ')})`);
    const file = join(workDir, `${table}.csv`);
    await store.run(`COPY (SELECT * FROM ${q(table)}) TO '${file}' (FORMAT csv, HEADER true)`);
    server.psql(['-c', `\\copy ${q(table)} FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
    const [n] = await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${q(table)}`);
    rows += Number(n?.n ?? 0);
  }
  const copyS = since(t);

  t = process.hrtime.bigint();
  const specs = allTableSpecs();
  let indexes = 0;
  for (const table of tables) {
    const { rows: cols } = await client.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [table],
    );
    const names = cols.map((c) => c.column_name);
    const date = specs[table]?.dateColumn;
    const indexed = names.filter((c) => c === date || (c.endsWith('_id') && c !== 'batch_id'));
    for (const c of indexed) {
      await client.query(`CREATE INDEX ON ${q(table)} (${q(c)})`);
      indexes++;
    }
  }
  const indexS = since(t);

  t = process.hrtime.bigint();
  const defs = await store.all<{
    name: string;
    build_sql: string;
    params: string;
    span_from: string | null;
    span_to: string | null;
  }>('SELECT name, build_sql, params, span_from, span_to FROM _aggregates ORDER BY name');
  for (const d of defs) {
    const span = { from: d.span_from ?? '2000-01', to: d.span_to ?? '2000-01' };
    const params = Object.fromEntries(
      Object.entries(JSON.parse(d.params) as Record<string, unknown>).map(([k, v]) => [
        k,
        v === '@span_from' ? `${span.from}-01` : v === '@span_to' ? `${span.to}-01` : v,
      ]),
    );
    const table = q(`_agg_${d.name}`);
    const { text, values } = toPostgres(d.build_sql, params);
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} AS ${text}`, values);
    await client.query(`CREATE INDEX ON ${table} (month)`);
  }
  const aggregatesS = since(t);

  t = process.hrtime.bigint();
  await client.query('VACUUM ANALYZE');
  const analyzeS = since(t);

  for (const d of defs) {
    const table = q(`_agg_${d.name}`);
    const diff = differences(
      await store.all(`SELECT * FROM ${table}`),
      (await client.query(`SELECT * FROM ${table}`)).rows,
    );
    if (diff) throw new Error(`PostgreSQL's aggregate ${d.name} differs from DuckDB's: ${diff}`);
  }
  const { rows: size } = await client.query<{ bytes: string }>(
    'SELECT pg_database_size(current_database()) AS bytes',
  );
  return {
    bytes: Number(size[0]?.bytes ?? 0),
    tables: tables.length,
    rows,
    indexes,
    aggregates: defs.length,
    copyS,
    indexS,
    aggregatesS,
    analyzeS,
  };
}

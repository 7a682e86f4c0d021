import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import {
  BATCHES_TABLE_SQL,
  createTableSql,
  ident,
  META_TABLE_SQL,
  QUERY_CACHE_TABLE_SQL,
} from './sql.ts';
import { TABLES, type TableSpec } from './tables.ts';
import { EXTRA_TABLES } from './extra-tables.ts';
import { loadReferenceTables } from './reference/load.ts';

/**
 * The facts store: one DuckDB file in the data directory. Callers pass SQL from the SQL modules
 * and bind every user-supplied value as a parameter.
 */
export type Params = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, unknown>;

export interface FactsStore {
  readonly path: string;
  readonly connection: DuckDBConnection;
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<void>;
  close(): void;
}

export const FACTS_FILE = 'facts.duckdb';

/** Every fact table, the project-format ones and those of other sources (data.police.uk). */
export function allTableSpecs(): Record<string, TableSpec> {
  return { ...TABLES, ...EXTRA_TABLES };
}

export async function openFactsStore(dataDir: string | ':memory:'): Promise<FactsStore> {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, FACTS_FILE);
  }
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  // ICU is linked in but loads after start-up, so the zone is set per connection.
  await connection.run("SET TimeZone = 'Europe/London'");
  const store: FactsStore = {
    path,
    connection,
    async all<T extends Row>(sql: string, params?: Params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    async run(sql: string, params?: Params) {
      await connection.run(sql, params);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  await ensureSchema(store);
  return store;
}

async function ensureSchema(store: FactsStore): Promise<void> {
  await store.run(BATCHES_TABLE_SQL);
  await store.run(META_TABLE_SQL);
  await store.run(QUERY_CACHE_TABLE_SQL);
  if ((await store.all("SELECT 1 FROM _meta WHERE key = 'data_version'")).length === 0) {
    await store.run("INSERT INTO _meta VALUES ('data_version', 0)");
  }
  for (const [name, spec] of Object.entries(allTableSpecs())) {
    await store.run(createTableSql(ident(name), spec));
  }
  await loadReferenceTables(store);
}

/** The facts' version: it changes with every committed import or removal. */
export async function dataVersion(store: FactsStore): Promise<number> {
  const [row] = await store.all<{ value: bigint }>(
    "SELECT value FROM _meta WHERE key = 'data_version'",
  );
  return Number(row?.value ?? 0);
}

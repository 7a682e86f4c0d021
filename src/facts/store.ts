import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  BATCHES_TABLE_SQL,
  createTableSql,
  ident,
  META_TABLE_SQL,
  QUERY_CACHE_TABLE_SQL,
  sqlType,
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
  /** Opened read-only (the data directory cannot be written): nothing may be written, not even caches. */
  readonly readOnly?: boolean;
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<void>;
  /**
   * Stops the running statement and makes every later one (but a ROLLBACK) throw `reason`, so a
   * signal ends an open transaction by rolling it back (SIGINT, SIGTERM: src/lib/signals.ts).
   */
  interrupt(reason: Error): void;
  /**
   * Another connection to the same database, for work that must not share this one's
   * transaction: an import in the web service runs on its own connection, so readers on this one
   * keep seeing the committed facts while it loads (DuckDB isolates transactions). Its `close`
   * closes only that connection.
   */
  connect(): Promise<FactsStore>;
  close(): void;
}

export const FACTS_FILE = 'facts.duckdb';

/** Every fact table, the project-format ones and those of other sources (data.police.uk). */
export function allTableSpecs(): Record<string, TableSpec> {
  return { ...TABLES, ...EXTRA_TABLES };
}

export async function openFactsStore(
  dataDir: string | ':memory:',
  opts: { readOnly?: boolean } = {},
): Promise<FactsStore> {
  const readOnly = opts.readOnly === true && dataDir !== ':memory:';
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    if (!readOnly) mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, FACTS_FILE);
  }
  // Imported here, not above: the native library takes a good part of a second to load, and
  // modules that only need this module's constants (`holdsData`, `bluelamp --help`) skip it.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const onConnection = async (closeAll: boolean): Promise<FactsStore> => {
    const connection = await instance.connect();
    // ICU is linked in but loads after start-up, so the zone is set per connection.
    await connection.run("SET TimeZone = 'Europe/London'");
    let interrupted: Error | null = null;
    // DuckDB reports an interrupted statement as its own error; the caller is told why instead.
    const rethrowInterrupt = (e: unknown): never => {
      throw interrupted ?? e;
    };
    return {
      path,
      connection,
      readOnly,
      async all<T extends Row>(sql: string, params?: Params) {
        if (interrupted) throw interrupted;
        const reader = await connection.runAndReadAll(sql, params).catch(rethrowInterrupt);
        return reader.getRowObjectsJS() as T[];
      },
      async run(sql: string, params?: Params) {
        if (interrupted && sql !== 'ROLLBACK') throw interrupted;
        await connection.run(sql, params).catch(rethrowInterrupt);
      },
      interrupt(reason: Error) {
        interrupted = reason;
        connection.interrupt();
      },
      connect: () => onConnection(false),
      close() {
        connection.closeSync();
        if (closeAll) instance.closeSync();
      },
    };
  };
  const store = await onConnection(true);
  // A read-only store keeps the schema it was written with.
  if (!readOnly) await ensureSchema(store);
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
    // A column added to the format later: a store made before it gains it (empty).
    for (const c of spec.columns)
      if (c.optionalInHeader)
        await store.run(
          `ALTER TABLE ${ident(name)} ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${sqlType(c)}`,
        );
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

/**
 * Commits the open transaction as one checkpoint of the database file instead of a write-ahead-log
 * entry. Why: DuckDB (1.5) writes a large insert's row groups to the file before the commit and
 * logs only pointers to them; if the process dies while that log entry is half written, replaying
 * the log keeps those row groups although the rest of the transaction (its deletes, the batch
 * record, the data version) is rolled back — a torn import. A checkpoint switches the file's
 * header in one write, so after a crash the store is wholly before or wholly after the commit.
 * With the WAL skipped, a failed checkpoint fails the COMMIT (and nothing is changed on disk).
 */
export async function commitDurably(store: FactsStore): Promise<void> {
  await store.run("SET checkpoint_threshold = '0b'");
  await store.run('SET auto_checkpoint_skip_wal_threshold = 0');
  try {
    await store.run('COMMIT');
  } finally {
    // Straight on the connection: once COMMIT has returned, an interrupt must not fail the import.
    await store.connection.run('RESET checkpoint_threshold');
    await store.connection.run('RESET auto_checkpoint_skip_wal_threshold');
  }
}

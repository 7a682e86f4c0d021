import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as DuckDB from '@duckdb/node-api';
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
import { loadReferenceTables, REFERENCE_TABLES, type RefTable } from './reference/load.ts';

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
  // Loaded here, not above: the native library takes a good part of a second to load, and
  // modules that only need this module's constants (`holdsData`, `bluelamp --help`) skip it.
  // Required, not imported: `import()` of this CommonJS package has Node parse every one of its
  // files for their export names first, which costs a good part of `bluelamp status`'s start.
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDB;
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

/** Every statement that makes the schema; each is a no-op on a store that already has it. */
export function schemaStatements(): string[] {
  const out = [BATCHES_TABLE_SQL, META_TABLE_SQL, QUERY_CACHE_TABLE_SQL];
  for (const [name, spec] of Object.entries(allTableSpecs())) {
    out.push(createTableSql(ident(name), spec));
    // A column added to the format later: a store made before it gains it (empty).
    for (const c of spec.columns)
      if (c.optionalInHeader)
        out.push(
          `ALTER TABLE ${ident(name)} ADD COLUMN IF NOT EXISTS ${ident(c.name)} ${sqlType(c)}`,
        );
  }
  return out;
}

/** The `_meta` key of the schema stamp. */
export const STAMP_KEY = 'schema_stamp';
let stampOfThisVersion: bigint | null = null;

/**
 * A hash of schema statements and reference tables (declarations and rows), as a positive
 * BIGINT: any change to either, a column or a reference row, gives another stamp.
 */
export function stampOf(statements: readonly string[], reference: readonly RefTable[]): bigint {
  const hash = createHash('sha256').update(JSON.stringify([statements, reference]));
  return BigInt(`0x${hash.digest('hex').slice(0, 15)}`);
}

/**
 * What this version of the code makes of a store. A store whose `_meta` holds it has been
 * brought up to this schema and reference data already.
 */
export function schemaStamp(): bigint {
  stampOfThisVersion ??= stampOf(schemaStatements(), REFERENCE_TABLES);
  return stampOfThisVersion;
}

/** How many columns each table of the store has. */
async function columnCounts(store: FactsStore): Promise<Map<string, number>> {
  // duckdb_tables(), not duckdb_columns(): the latter costs tens of milliseconds on a big store.
  const rows = await store.all<{ t: string; n: bigint }>(
    "SELECT table_name AS t, column_count AS n FROM duckdb_tables() WHERE schema_name = 'main'",
  );
  return new Map(rows.map((r) => [r.t, Number(r.n)]));
}

/** The tables this version reads, with the number of columns each has at least. */
function expectedColumnCounts(): [string, number][] {
  return [
    ['_batches', 1],
    ['_meta', 2],
    ['_query_cache', 1],
    ...Object.entries(allTableSpecs()).map(
      ([name, spec]): [string, number] => [name, spec.columns.length + 1], // + batch_id
    ),
    ...REFERENCE_TABLES.map((t): [string, number] => [t.name, t.columns.length]),
  ];
}

/**
 * True when the store was last brought up to this schema and reference data (its stamp) and
 * still has every table, with all its columns, and its data version: a column dropped or a table
 * lost since (by hand, or a store put together by other means) is not skipped on the stamp's word.
 */
async function isCurrent(store: FactsStore, stamp: bigint): Promise<boolean> {
  const present = await columnCounts(store);
  if (!expectedColumnCounts().every(([t, n]) => (present.get(t) ?? 0) >= n)) return false;
  const rows = await store.all<{ key: string; value: bigint }>(
    'SELECT key, value FROM _meta WHERE key IN ($1, $2)',
    ['data_version', STAMP_KEY],
  );
  return (
    rows.some((r) => r.key === 'data_version') &&
    rows.some((r) => r.key === STAMP_KEY && r.value === stamp)
  );
}

/**
 * Brings the store up to this version's schema: creates missing tables, adds columns added to
 * the format since, and rebuilds the reference tables. Skipped when the schema stamp in `_meta`
 * says this was done by code with the same tables and reference data, so a command that only
 * reads (`bluelamp status`) writes nothing and its close has nothing to checkpoint. The stamp is
 * written last: a store left half brought up has the old one and is brought up again.
 */
async function ensureSchema(store: FactsStore): Promise<void> {
  const stamp = schemaStamp();
  if (await isCurrent(store, stamp)) return;
  for (const sql of schemaStatements()) await store.run(sql);
  if ((await store.all("SELECT 1 FROM _meta WHERE key = 'data_version'")).length === 0) {
    await store.run("INSERT INTO _meta VALUES ('data_version', 0)");
  }
  await loadReferenceTables(store);
  await store.run('DELETE FROM _meta WHERE key = $1', [STAMP_KEY]);
  await store.run('INSERT INTO _meta VALUES ($1, $2)', [STAMP_KEY, stamp]);
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

import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BluelampError } from '../../lib/errors.ts';
import { ident } from '../sql.ts';
import type { FactsStore } from '../store.ts';

/**
 * A snapshot directory holds published copies of the facts store, each a folder
 * `facts-v<dataVersion>-<time>-<tag>/` with the DuckDB file (`facts.duckdb`, so it opens like a
 * data directory) and `manifest.json`; `CURRENT.json` names the one readers should use. Readers
 * only ever follow CURRENT.json, which is replaced atomically, so they never see a half-written
 * snapshot.
 */
export const CURRENT_FILE = 'CURRENT.json';
export const MANIFEST_FILE = 'manifest.json';
export const SNAPSHOT_NAME = /^facts-v(\d+)-(\d{8}T\d{9}Z)-[0-9a-f]{8}$/;

const TableSum = z.object({ rows: z.number().int().nonnegative(), checksum: z.string() }).strict();
export type TableSums = Record<string, z.infer<typeof TableSum>>;

export const SnapshotPointer = z
  .object({
    format: z.literal(1),
    /** The snapshot's folder name in the snapshot directory. */
    snapshot: z.string().regex(SNAPSHOT_NAME),
    dataVersion: z.number().int().nonnegative(),
    publishedAt: z.iso.datetime(),
    /** Of the snapshot's facts.duckdb, for a copy made to another machine. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** Rows and an order-free checksum of every table, equal to the source's when published. */
    tables: z.record(z.string(), TableSum),
  })
  .strict();
export type SnapshotPointer = z.infer<typeof SnapshotPointer>;

/** Row count and order-free checksum (sum of row hashes) of every table in the store. */
export async function tableChecksums(store: FactsStore): Promise<TableSums> {
  const names = await store.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name`,
  );
  const sums: TableSums = {};
  for (const { name } of names) {
    const [r] = await store.all<{ rows: number; checksum: string }>(
      `SELECT count(*)::INTEGER AS rows, coalesce(sum(hash(t)), 0)::VARCHAR AS checksum FROM ${ident(name)} t`,
    );
    sums[name] = { rows: r?.rows ?? 0, checksum: r?.checksum ?? '0' };
  }
  return sums;
}

/** Row counts only (no hashing), for a reader checking the snapshot it opened. */
export async function tableRowCounts(store: FactsStore): Promise<Record<string, number>> {
  const names = await store.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main'`,
  );
  if (names.length === 0) return {};
  const rows = await store.all<{ name: string; rows: number }>(
    names
      .map(
        (_, i) =>
          `SELECT $${i + 1} AS name, count(*)::INTEGER AS rows FROM ${ident(names[i]!.name)}`,
      )
      .join(' UNION ALL '),
    names.map((n) => n.name),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.rows]));
}

/** The tables whose sums differ (or exist on one side only), for an error message. */
export function differingTables(a: TableSums, b: TableSums): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names]
    .filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.checksum !== b[n]?.checksum)
    .sort();
}

/** Writes a file and flushes it to the disk before returning. */
export function writeFileDurably(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file, or a folder's entries (a rename into it), to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces CURRENT.json in one rename: a reader sees the old pointer or the new, never half. */
export function writePointer(dir: string, pointer: SnapshotPointer): void {
  const temporary = join(dir, `.${CURRENT_FILE}.${process.pid}.partial`);
  try {
    writeFileDurably(temporary, `${JSON.stringify(pointer, null, 2)}\n`);
    renameSync(temporary, join(dir, CURRENT_FILE));
    fsyncPath(dir);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** CURRENT.json of a snapshot directory; null when there is none yet. */
export function readPointer(dir: string): SnapshotPointer | null {
  let text: string;
  try {
    text = readFileSync(join(dir, CURRENT_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(dir, 'not valid JSON');
  }
  const parsed = SnapshotPointer.safeParse(json);
  if (!parsed.success)
    throw damaged(dir, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0]);
  return parsed.data;
}

const damaged = (dir: string, why: string | undefined) =>
  new BluelampError(
    'STORE_INCONSISTENT',
    `${join(dir, CURRENT_FILE)} is damaged (${why ?? 'not a snapshot pointer'}).`,
    { hint: 'Run `bluelamp publish-facts` again to write a new snapshot and pointer.' },
  );

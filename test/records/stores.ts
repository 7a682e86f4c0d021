import { sql } from 'drizzle-orm';
import type { Records } from '../../src/records/api.ts';
import type { Db } from '../../src/records/db.ts';
import { openRecordsStore } from '../../src/records/open.ts';
import { tempDir } from '../helpers/files.ts';
import { testDatabase } from '../helpers/postgres.ts';

/** A clock the tests move by hand. */
export function testClock(start = '2021-07-05T09:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

export type TestClock = ReturnType<typeof testClock>;

export interface TestStore {
  records: Records;
  db: Db;
  clock: TestClock;
  /** Closes the store and opens it again on the same data (PGlite folder or database). */
  reopen(): Promise<void>;
  cleanup(): Promise<void>;
}

type Opener = () => Promise<TestStore>;

async function make(
  open: (clock: TestClock) => ReturnType<typeof openRecordsStore>,
  done: () => Promise<void>,
): Promise<TestStore> {
  const clock = testClock();
  const s = { ...(await open(clock)), clock } as TestStore;
  s.reopen = async () => {
    await s.records.close();
    Object.assign(s, await open(clock));
  };
  s.cleanup = async () => {
    await s.records.close();
    await done();
  };
  return s;
}

export const pgliteStore: Opener = async () => {
  const { dir, cleanup } = tempDir('bluelamp-records-');
  return make(
    (clock) => openRecordsStore({ dataDir: dir, clock }),
    async () => cleanup(),
  );
};

export const postgresStore: Opener = async () => {
  const { dir, cleanup } = tempDir('bluelamp-records-');
  const database = await testDatabase();
  return make(
    (clock) => openRecordsStore({ dataDir: dir, databaseUrl: database.url, clock }),
    async () => {
      cleanup();
      await database.drop();
    },
  );
};

/** Both stores, for `describe.each`: PGlite always, PostgreSQL always (a failure when missing). */
export const STORES: [string, Opener][] = [
  ['PGlite', pgliteStore],
  ['PostgreSQL', postgresStore],
];

/** Runs raw SQL, returning the rows. */
export async function rows(
  db: Db,
  query: ReturnType<typeof sql>,
): Promise<Record<string, unknown>[]> {
  const r = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return r.rows;
}

/** Opens a data directory's records (PGlite) for a moment, as a test's check. */
export async function withRecordsOf<T>(
  dataDir: string,
  work: (r: Records) => Promise<T>,
): Promise<T> {
  const { records } = await openRecordsStore({ dataDir, clock: { now: () => new Date() } });
  try {
    return await work(records);
  } finally {
    await records.close();
  }
}

/** Empties the given tables of a data directory's records (never audit_log: it refuses). */
export async function clearRecordsOf(dataDir: string, tables: readonly string[]): Promise<void> {
  const { records, db } = await openRecordsStore({ dataDir, clock: { now: () => new Date() } });
  try {
    for (const t of tables) await db.execute(sql.raw(`delete from ${t}`));
  } finally {
    await records.close();
  }
}

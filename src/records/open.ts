import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { BluelampError } from '../lib/errors.ts';
import type { Records } from './api.ts';
import { auditRepo } from './audit.ts';
import { boardReviewsRepo } from './accountability/board-reviews.ts';
import { EVIDENCE_DIR, evidenceFilesRepo, folderBlobs } from './accountability/evidence-files.ts';
import { findingsRepo } from './accountability/findings.ts';
import { policingBodiesRepo } from './accountability/bodies.ts';
import { responsesRepo } from './accountability/responses.ts';
import { planRepo } from './accountability/plan.ts';
import { deliveryRepo } from './accountability/delivery.ts';
import { consultationRepo } from './accountability/consultation.ts';
import { meetingsRepo } from './accountability/meetings.ts';
import { challengesRepo } from './accountability/challenges.ts';
import { meetingActionsRepo } from './accountability/actions.ts';
import { findingSourcesRepo } from './accountability/sources.ts';
import { tasksRepo } from './accountability/tasks.ts';
import { areasRepo } from './accountability/areas.ts';
import { complaintsRepo } from './accountability/complaints.ts';
import { workProgrammeRepo } from './accountability/work-programme.ts';
import { trackerRepo } from './accountability/tracker-import.ts';
import { commentaryRepo } from './commentary.ts';
import { importDataDirFiles, type FileKindName } from './import-files.ts';
import { quotesRepo } from './quotes.ts';
import { rebasesRepo } from './rebases.ts';
import {
  silentRecordsLogger,
  type Clock,
  type Db,
  type RecordsLogger,
  type RepoContext,
} from './db.ts';
import { dummyHash } from './passwords.ts';
import { publicationsRepo } from './publications.ts';
import * as schema from './schema.ts';
import { sessionsRepo } from './sessions.ts';
import { settingsRepo } from './settings.ts';
import { tokensRepo } from './tokens.ts';
import { usersRepo } from './users.ts';

export interface OpenRecordsOptions {
  readonly dataDir: string;
  /** A PostgreSQL server (`DATABASE_URL`); without it, PGlite in `<dataDir>/records`. */
  readonly databaseUrl?: string | undefined;
  readonly clock: Clock;
  readonly logger?: RecordsLogger;
  /** Which of the data directory's JSON files to move in at open (default: all moved so far). */
  readonly importFiles?: readonly FileKindName[];
}

/** The data directory's JSON files now kept in the store, imported once at open. */
export const MOVED_FILES: readonly FileKindName[] = ['commentary', 'quotes', 'rebases', 'settings'];

/** The folder of the embedded store inside the data directory. */
export const RECORDS_DIR = 'records';
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** Held while migrating, so two processes starting on one server do not migrate at once. */
const MIGRATION_LOCK = 0x626c7565; // "blue"

async function openPglite(dataDir: string) {
  const dir = join(dataDir, RECORDS_DIR);
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return { db: db as unknown as Db, close: () => client.close() };
}

async function openPostgres(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client's error (the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    await pool.end();
    throw new BluelampError(
      'DEPENDENCY_MISSING',
      'Cannot connect to the records database (DATABASE_URL).',
      {
        hint: 'Check that the PostgreSQL server is running and that DATABASE_URL names it.',
        cause: e,
      },
    );
  }
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return { db: drizzlePg({ client: pool, schema }) as unknown as Db, close: () => pool.end() };
}

/**
 * Opens the records store and brings its schema up to date (drizzle's migrator: each migration
 * in ./migrations applied once, in order, recorded in the `drizzle` schema). PGlite keeps one
 * process per folder: the data-directory lock (or the one serving process) ensures that.
 */
export async function openRecords(opts: OpenRecordsOptions): Promise<Records> {
  return (await openRecordsStore(opts)).records;
}

/** The store and its Drizzle database, for the file import on open and for tests' raw SQL. */
export async function openRecordsStore(
  opts: OpenRecordsOptions,
): Promise<{ records: Records; db: Db }> {
  const logger = opts.logger ?? silentRecordsLogger;
  const kind = opts.databaseUrl ? 'postgres' : 'pglite';
  const { db, close } = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl)
    : await openPglite(opts.dataDir);
  try {
    await importDataDirFiles(db, opts.dataDir, opts.clock, opts.importFiles ?? MOVED_FILES);
  } catch (e) {
    await close();
    throw e;
  }
  void dummyHash(); // worked out now, so the first unknown email costs no more than any other
  const ctx: RepoContext = { db, clock: opts.clock, logger };
  logger.info('records.open', { kind });
  // Evidence files live in the data directory whichever database holds their rows.
  const evidence = folderBlobs(join(opts.dataDir, EVIDENCE_DIR));
  let closed = false;
  const records: Records = {
    kind,
    users: usersRepo(ctx),
    sessions: sessionsRepo(ctx),
    tokens: tokensRepo(ctx),
    audit: auditRepo(ctx),
    settings: settingsRepo(ctx),
    publications: publicationsRepo(ctx),
    commentary: commentaryRepo(ctx),
    quotes: quotesRepo(ctx),
    rebases: rebasesRepo(ctx),
    policingBodies: policingBodiesRepo(ctx),
    findingSources: findingSourcesRepo(ctx),
    findings: findingsRepo(ctx, evidence),
    boardReviews: boardReviewsRepo(ctx),
    evidenceFiles: evidenceFilesRepo(ctx, evidence),
    responses: responsesRepo(ctx),
    tasks: tasksRepo(ctx),
    areas: areasRepo(ctx),
    complaints: complaintsRepo(ctx),
    workProgramme: workProgrammeRepo(ctx),
    tracker: trackerRepo(ctx),
    plan: planRepo(ctx),
    delivery: deliveryRepo(ctx),
    consultation: consultationRepo(ctx),
    meetings: meetingsRepo(ctx),
    challenges: challengesRepo(ctx),
    meetingActions: meetingActionsRepo(ctx),
    async close() {
      if (closed) return;
      closed = true;
      await close();
      logger.debug('records.close', { kind });
    },
  };
  return { records, db };
}

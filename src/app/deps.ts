import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, LOCK_FILE, type DataDirLock } from '../lib/lock.ts';
import { BluelampError } from '../lib/errors.ts';
import { faultOf, faultToError } from '../lib/fs-faults.ts';
import { FACTS_FILE, openFactsStore, type FactsStore } from '../facts/store.ts';
import type { Records } from '../records/api.ts';
import { createLogger, type Logger } from './logger.ts';

/**
 * The one place that builds what a command (and later a web request) works with: the clock, the
 * logger, the data-directory lock and the stores. The CLI wraps it with signal handling
 * (`withData` in src/cli/context.ts); the web app will build it once at start-up.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * `create`: may make the data directory and its store (`demo`, `import`).
 * `write`: the directory must already hold Bluelamp data and be writable; it is never opened
 * read-only in its place.
 * `read`: the directory must already hold Bluelamp data, so a mistyped --data-dir is refused
 * instead of becoming an empty store that scores every measure; one we cannot write (a read-only
 * disk, a copy on a DVD) is read read-only and without the lock.
 */
export type DataAccess = 'read' | 'write' | 'create';

export interface DepsOptions {
  readonly dataDir: string;
  readonly access: DataAccess;
  /** Who holds the lock, as `bluelamp status` and a refused second process name it. */
  readonly command: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** A line for the person at the terminal (a lock being waited for, a read-only directory). */
  readonly notice?: (text: string) => void;
  /** The records on a PostgreSQL server (`DATABASE_URL`); PGlite in the data directory without. */
  readonly databaseUrl?: string | undefined;
}

export interface Deps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly facts: FactsStore;
  /** True when the store was opened read-only (an unwritable data directory, read access). */
  readonly readOnly: boolean;
  /**
   * The records store (users, tokens, settings, commentary…), opened on first use: PGlite in
   * the data directory, which needs the lock (so not on a read-only directory), or the
   * PostgreSQL server of `databaseUrl`.
   */
  records(): Promise<Records>;
  /**
   * For a read: the records if there can be any (a server, the PGlite folder, or a file still to
   * move in), else null without creating the store; null too on a read-only directory (with a
   * notice), where the embedded store cannot be opened.
   */
  recordsIfAny(): Promise<Records | null>;
  /**
   * Closes the stores, then releases the lock; safe to call twice. When the records were never
   * opened it finishes before returning, so a caller that does not await it loses nothing.
   */
  close(): Promise<void>;
}

const NO_DATA_HINT = 'Run `bluelamp demo` or `bluelamp import`, or give the right --data-dir.';

function kindOf(path: string): 'file' | 'folder' | null {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

/** A data directory holds Bluelamp data when it has the facts store file. */
export function holdsData(dataDir: string): boolean {
  return kindOf(dataDir) === 'folder' && kindOf(join(dataDir, FACTS_FILE)) === 'file';
}

function checkDataDir(dataDir: string, access: DataAccess): void {
  if (kindOf(dataDir) === 'file')
    throw new BluelampError('NOT_A_DATA_DIR', `${dataDir} is a file, not a data directory.`, {
      hint: NO_DATA_HINT,
    });
  if (access !== 'create' && !holdsData(dataDir))
    throw new BluelampError(
      'NOT_A_DATA_DIR',
      `no Bluelamp data here (${dataDir}) — run \`bluelamp demo\` or \`bluelamp import\`.`,
      { hint: NO_DATA_HINT },
    );
}

/** The data directory or the store cannot be written by us (read-only disk, no permission). */
function isUnwritable(e: unknown): boolean {
  const kind = faultOf(e)?.kind;
  return kind === 'read_only' || kind === 'permission';
}

function writable(dataDir: string): boolean {
  try {
    accessSync(dataDir, constants.W_OK);
    accessSync(join(dataDir, FACTS_FILE), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Checks the data directory, takes its lock, then opens the facts store; `close` undoes both. */
export async function buildDeps(opts: DepsOptions): Promise<Deps> {
  const { dataDir, access, command } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger();
  checkDataDir(dataDir, access);
  let lock: DataDirLock | null = null;
  try {
    lock = acquireLock(dataDir, command, () => clock.now(), opts.notice);
  } catch (e) {
    if (access !== 'read' || !isUnwritable(e))
      throw faultToError(e, { dataDir, path: join(dataDir, LOCK_FILE), writing: true }) ?? e;
    opts.notice?.(
      `bluelamp: note: the data directory ${dataDir} is read-only; reading it without taking the lock.`,
    );
  }
  let facts: FactsStore;
  let readOnly = access === 'read' && (lock === null || !writable(dataDir));
  try {
    facts = await openFactsStore(dataDir, { readOnly }).catch((e: unknown) => {
      if (access !== 'read' || readOnly || !isUnwritable(e)) throw e;
      readOnly = true;
      return openFactsStore(dataDir, { readOnly: true });
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  logger.info('data.open', {
    command: command.replace(/ /g, '.'),
    access,
    readOnly,
    locked: lock !== null,
  });
  let closed = false;
  let records: Promise<Records> | null = null;
  const canOpenHere = () => Boolean(opts.databaseUrl) || (lock !== null && !readOnly);
  // The records store (PGlite, Drizzle) is imported when first used, not by every command that
  // reads the facts only (`bluelamp status`: src/cli/CONTEXT.md).
  const openOnce = () => {
    records ??= import('../records/open.ts').then(({ openRecords }) =>
      openRecords({ dataDir, databaseUrl: opts.databaseUrl, clock, logger }),
    );
    return records;
  };
  const anyHere = async () => {
    const [{ MOVED_FILES, RECORDS_DIR }, { FILE_KINDS }] = await Promise.all([
      import('../records/open.ts'),
      import('../records/import-files.ts'),
    ]);
    return (
      kindOf(join(dataDir, RECORDS_DIR)) === 'folder' ||
      MOVED_FILES.some((k) => kindOf(join(dataDir, FILE_KINDS[k].file)) === 'file')
    );
  };
  return {
    clock,
    logger,
    dataDir,
    facts,
    readOnly,
    records() {
      if (closed) return Promise.reject(new Error('records() after close()'));
      if (!canOpenHere())
        return Promise.reject(
          new BluelampError(
            'READ_ONLY',
            `The records (users, settings, commentary) are kept in the data directory ${dataDir}, which cannot be written here.`,
            { hint: 'Use a writable copy of the data directory, or set DATABASE_URL.' },
          ),
        );
      return openOnce();
    },
    async recordsIfAny() {
      if (closed) throw new Error('recordsIfAny() after close()');
      if (opts.databaseUrl) return openOnce();
      if (!(await anyHere())) return null;
      if (canOpenHere()) return openOnce();
      opts.notice?.(
        'bluelamp: note: the records (commentary, rebases, quote decisions) cannot be read from a read-only data directory; they are left out.',
      );
      return null;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (records) await (await records.catch(() => null))?.close();
      } finally {
        try {
          facts.close();
        } finally {
          lock?.release();
          logger.debug('data.close', { command: command.replace(/ /g, '.') });
        }
      }
    },
  };
}

import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquireLock, LOCK_FILE, type DataDirLock } from '../lib/lock.ts';
import { BluelampError } from '../lib/errors.ts';
import { faultOf, faultToError } from '../lib/fs-faults.ts';
import { FACTS_FILE, openFactsStore, type FactsStore } from '../facts/store.ts';
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
}

export interface Deps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly facts: FactsStore;
  /** True when the store was opened read-only (an unwritable data directory, read access). */
  readonly readOnly: boolean;
  /** Closes the stores, then releases the lock; safe to call twice. */
  close(): void;
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
  return {
    clock,
    logger,
    dataDir,
    facts,
    readOnly,
    close() {
      if (closed) return;
      closed = true;
      try {
        facts.close();
      } finally {
        lock?.release();
        logger.debug('data.close', { command: command.replace(/ /g, '.') });
      }
    },
  };
}

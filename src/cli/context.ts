import { accessSync, constants, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acquireLock, LOCK_FILE, type DataDirLock } from '../lib/lock.ts';
import { BluelampError } from '../lib/errors.ts';
import { faultOf, faultToError } from '../lib/fs-faults.ts';
import { FACTS_FILE, openFactsStore, type FactsStore } from '../facts/store.ts';
import { interruptible, interruptedBeforeWork } from './interruptible.ts';
import { trapSignals, type TrappedSignal } from '../lib/signals.ts';

/** What every command gets: the data directory, its lock and its stores, and output streams. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  readonly readStdin: () => string;
  readonly now: () => Date;
  readonly env: NodeJS.ProcessEnv;
}

export function dataDirOf(opts: { dataDir?: string }, env: NodeJS.ProcessEnv): string {
  return resolve(opts.dataDir ?? env.BLUELAMP_DATA_DIR ?? './bluelamp-data');
}

/**
 * `create`: the command may make the data directory and its store (only `demo` and `import`).
 * `read`: the directory must already hold Bluelamp data, so a mistyped --data-dir is refused
 * instead of becoming an empty store that scores every measure.
 */
export type DataAccess = 'read' | 'create';

const CREATING_COMMANDS = new Set(['demo', 'import']);

/** The access a command needs, from its name as passed to `withData` ("import crimes" → create). */
export function accessFor(command: string): DataAccess {
  return CREATING_COMMANDS.has(command.split(' ')[0] ?? '') ? 'create' : 'read';
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
  if (access === 'read' && !holdsData(dataDir))
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

export interface OpenData {
  readonly dataDir: string;
  readonly store: FactsStore;
  close(): void;
}

/**
 * Checks the data directory, takes its lock, then opens the facts store; `close` undoes both.
 * A read command on a data directory it cannot write (a read-only disk, a copy on a DVD) reads
 * the store read-only and without the lock: nobody can be writing through this path either.
 */
export async function openData(
  dataDir: string,
  command: string,
  now: () => Date,
  opts: { access?: DataAccess; notice?: (text: string) => void } = {},
): Promise<OpenData> {
  const access = opts.access ?? accessFor(command);
  checkDataDir(dataDir, access);
  let lock: DataDirLock | null = null;
  try {
    lock = acquireLock(dataDir, command, now, opts.notice);
  } catch (e) {
    if (access === 'create' || !isUnwritable(e))
      throw faultToError(e, { dataDir, path: join(dataDir, LOCK_FILE), writing: true }) ?? e;
    opts.notice?.(
      `bluelamp: note: the data directory ${dataDir} is read-only; reading it without taking the lock.`,
    );
  }
  let store: FactsStore;
  try {
    const readOnly = access === 'read' && (lock === null || !writable(dataDir));
    store = await openFactsStore(dataDir, { readOnly }).catch((e: unknown) => {
      if (access === 'create' || readOnly || !isUnwritable(e)) throw e;
      return openFactsStore(dataDir, { readOnly: true });
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  return {
    dataDir,
    store,
    close() {
      try {
        store.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function withData<T>(
  dataDir: string,
  command: string,
  io: CliIO,
  work: (d: OpenData) => Promise<T>,
): Promise<T> {
  // A signal while the lock is taken and the store opened (before `interruptible` traps it)
  // must still release the lock and say so, not kill the process with the lock held.
  let early: TrappedSignal | null = null;
  const untrapEarly = trapSignals((s) => {
    early = s;
  });
  let d: OpenData;
  try {
    d = await openData(dataDir, command, io.now, { notice: io.err });
  } finally {
    untrapEarly();
  }
  const pending = early as TrappedSignal | null;
  if (pending !== null) {
    d.close();
    throw interruptedBeforeWork(pending);
  }
  let result: T;
  try {
    result = await interruptible(d.store, () => work(d));
  } catch (e) {
    // The command's own error is the one to report; closing (which still releases the lock)
    // may fail for the same reason, e.g. a full disk, and must not hide it.
    try {
      d.close();
    } catch {
      // reported through `e`
    }
    throw e;
  }
  d.close();
  return result;
}

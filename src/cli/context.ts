import { resolve } from 'node:path';
import type { DataAccess, Deps } from '../app/deps.ts';
import { BluelampError } from '../lib/errors.ts';
import { acquireLockWaiting } from '../lib/lock.ts';
import type { Records } from '../records/api.ts';
import { createLogger } from '../app/logger.ts';
import { interruptible, interruptedBeforeWork } from './interruptible.ts';
import { trapSignals, type TrappedSignal } from '../lib/signals.ts';

// Every command module imports this one, and `bluelamp --help` imports every command module: the
// stores (DuckDB, PGlite, Drizzle) are imported only when a command opens them (src/cli/CONTEXT.md).

/** What every command gets: output streams, standard input, the clock and the environment. */
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

/** How the CLI opens a data directory: the shared dependency builder of src/app. */
export type { DataAccess, Deps } from '../app/deps.ts';

const CREATING_COMMANDS = new Set(['demo', 'import']);

/** The access a command needs, from its name as passed to `withData` ("import crimes" → create). */
export function accessFor(command: string): DataAccess {
  return CREATING_COMMANDS.has(command.split(' ')[0] ?? '') ? 'create' : 'read';
}

/**
 * Runs a command's work on the data directory: builds its dependencies (src/app/deps.ts) with
 * the CLI's clock, a logger on standard error and notices to the terminal, and stops cleanly on
 * SIGINT or SIGTERM (exit 130 / 143) whether the signal comes while opening or while working.
 */
export async function withData<T>(
  dataDir: string,
  command: string,
  io: CliIO,
  work: (d: Deps) => Promise<T>,
): Promise<T> {
  // A signal while the lock is taken and the store opened (before `interruptible` traps it)
  // must still release the lock and say so, not kill the process with the lock held.
  let early: TrappedSignal | null = null;
  const untrapEarly = trapSignals((s) => {
    early = s;
  });
  let d: Deps;
  try {
    const { buildDeps } = await import('../app/deps.ts');
    d = await buildDeps({
      dataDir,
      access: accessFor(command),
      command,
      clock: { now: io.now },
      logger: createLogger({ env: io.env, write: io.err }),
      notice: io.err,
      databaseUrl: io.env.DATABASE_URL || undefined,
    });
  } finally {
    untrapEarly();
  }
  const pending = early as TrappedSignal | null;
  if (pending !== null) {
    await d.close();
    throw interruptedBeforeWork(pending);
  }
  let result: T;
  try {
    result = await interruptible(d.facts, () => work(d));
  } catch (e) {
    // The command's own error is the one to report; closing (which still releases the lock)
    // may fail for the same reason, e.g. a full disk, and must not hide it.
    try {
      await d.close();
    } catch {
      // reported through `e`
    }
    throw e;
  }
  await d.close();
  return result;
}

/**
 * Runs a short read or change of the records (commentary, rebases, quote decisions) without
 * opening the facts store: waits for the data-directory lock (writers queue rather than fail,
 * and the embedded records store takes one process at a time), opens the records, and closes
 * them and releases the lock whatever happens. A directory without Bluelamp data is refused.
 */
export async function withRecords<T>(
  dataDir: string,
  command: string,
  io: CliIO,
  work: (records: Records) => Promise<T>,
): Promise<T> {
  const [{ holdsData }, { openRecords }] = await Promise.all([
    import('../app/deps.ts'),
    import('../records/open.ts'),
  ]);
  if (!holdsData(dataDir))
    throw new BluelampError(
      'NOT_A_DATA_DIR',
      `no Bluelamp data here (${dataDir}) — run \`bluelamp demo\` or \`bluelamp import\`.`,
      { hint: 'Run `bluelamp demo` or `bluelamp import`, or give the right --data-dir.' },
    );
  const lock = await acquireLockWaiting(dataDir, command, { now: io.now, notice: io.err });
  try {
    const records = await openRecords({
      dataDir,
      databaseUrl: io.env.DATABASE_URL || undefined,
      clock: { now: io.now },
      logger: createLogger({ env: io.env, write: io.err }),
    });
    try {
      return await work(records);
    } finally {
      await records.close();
    }
  } finally {
    lock.release();
  }
}

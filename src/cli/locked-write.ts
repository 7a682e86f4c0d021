import { BluelampError } from '../lib/errors.ts';
import { acquireLockWaiting } from '../lib/lock.ts';
import { holdsData } from '../app/deps.ts';
import type { CommandContext } from './main.ts';

/**
 * Runs a short read-change-write of one of the analyst's files (commentary, rebases, quote
 * decisions) under the data-directory lock. Writers queue on the lock rather than fail, so
 * none loses another's change; a directory without Bluelamp data is refused, never created.
 */
export async function withLockedWrite<T>(
  ctx: CommandContext,
  command: string,
  work: (dataDir: string) => T,
): Promise<T> {
  const dataDir = existingDataDir(ctx);
  const lock = await acquireLockWaiting(dataDir, command, {
    now: ctx.io.now,
    notice: ctx.io.err,
  });
  try {
    return work(dataDir);
  } finally {
    lock.release();
  }
}

/** A read of the analyst's files also needs a real data directory (a typo is not "none yet"). */
export function existingDataDir(ctx: CommandContext): string {
  const dataDir = ctx.dataDir();
  if (!holdsData(dataDir))
    throw new BluelampError(
      'NOT_A_DATA_DIR',
      `no Bluelamp data here (${dataDir}) — run \`bluelamp demo\` or \`bluelamp import\`.`,
      { hint: 'Run `bluelamp demo` or `bluelamp import`, or give the right --data-dir.' },
    );
  return dataDir;
}

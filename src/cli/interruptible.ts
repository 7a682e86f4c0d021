import { BluelampError } from '../lib/errors.ts';
import { trapSignals, type TrappedSignal } from '../lib/signals.ts';
import type { FactsStore } from '../facts/store.ts';

/** The data version, read straight on the connection (an interrupted store refuses its own reads). */
async function versionOf(store: FactsStore): Promise<bigint | null> {
  try {
    const reader = await store.connection.runAndReadAll(
      "SELECT value FROM _meta WHERE key = 'data_version'",
    );
    return (reader.getRows()[0]?.[0] as bigint | undefined) ?? null;
  } catch {
    return null;
  }
}

const CODE = { SIGINT: 'INTERRUPTED', SIGTERM: 'TERMINATED' } as const;

/**
 * Runs a command's work so that SIGINT or SIGTERM stops it cleanly: the running statement is
 * interrupted, every later one refused, so the open transaction rolls back; the caller then
 * closes the store and releases the lock as for any error. What the user is told depends on what
 * the store holds afterwards: the data version moves only with a committed import or removal.
 */
export async function interruptible<T>(store: FactsStore, work: () => Promise<T>): Promise<T> {
  let signal: TrappedSignal | null = null;
  const before = await versionOf(store);
  const untrap = trapSignals((s) => {
    signal = s;
    store.interrupt(new BluelampError(CODE[s], `interrupted by ${s}.`));
  });
  let value: T | undefined;
  try {
    value = await work();
  } catch (e) {
    if (signal === null) throw e;
  } finally {
    untrap();
  }
  // (Set by the trap; TypeScript cannot see that the callback may have run.)
  const s = signal as TrappedSignal | null;
  if (s === null) return value as T;
  // Whatever transaction is still open is abandoned (no-op, and an error ignored, if none is).
  await store.connection.run('ROLLBACK').catch(() => undefined);
  const changed = (await versionOf(store)) !== before;
  throw new BluelampError(
    CODE[s],
    changed
      ? `interrupted by ${s}; the work in progress was rolled back, what had completed before it is kept.`
      : `interrupted by ${s}; nothing was imported or changed.`,
    {
      hint: changed
        ? '"bluelamp status" shows what is loaded; run the command again to finish.'
        : 'Run the command again when you are ready.',
    },
  );
}

/** A signal that came while the store was being opened: nothing had started. */
export function interruptedBeforeWork(s: TrappedSignal): BluelampError {
  return new BluelampError(CODE[s], `interrupted by ${s}; nothing was imported or changed.`, {
    hint: 'Run the command again when you are ready.',
  });
}

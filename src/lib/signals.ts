/**
 * SIGINT (Ctrl-C) and SIGTERM during a command: instead of dying mid-transaction, the command is
 * told, stops its statement, rolls back and releases the lock (src/cli/interruptible.ts). The
 * exit codes are the shell's convention, 128 + the signal number. A second signal exits at once:
 * whatever was not committed is not in the store, and the lock left behind is stale and taken over.
 */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
export type TrappedSignal = keyof typeof SIGNAL_EXIT_CODES;

/** Calls `onSignal` on the first SIGINT or SIGTERM; returns the function that removes the trap. */
export function trapSignals(onSignal: (signal: TrappedSignal) => void): () => void {
  let seen = false;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as TrappedSignal[]).map((signal) => {
    const handler = () => {
      if (seen) process.exit(SIGNAL_EXIT_CODES[signal]);
      seen = true;
      onSignal(signal);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => {
    for (const off of handlers) off();
  };
}

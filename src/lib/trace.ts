/**
 * A test hook: with BLUELAMP_TRACE_PHASES=1 a long operation names each phase on stderr as it
 * starts (`bluelamp-trace: PHASE`), so the crash test can kill an import at chosen points.
 * Written synchronously (stderr to a pipe or file is synchronous on Linux and macOS), so the line
 * is out before the phase begins.
 */
export function tracePhase(phase: string): void {
  if (process.env.BLUELAMP_TRACE_PHASES === '1') process.stderr.write(`bluelamp-trace: ${phase}\n`);
}

import cliProgress from 'cli-progress';
import type { ImportProgress } from '../facts/import/progress.ts';
import type { CliIO } from './context.ts';
import { basename } from 'node:path';

/** A progress bar on a terminal (percent, elapsed, rows per second); silent otherwise. */
export function progressReporter(io: CliIO): {
  update: (p: ImportProgress) => void;
  stop: () => void;
} {
  if (!io.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} {file} [{bar}] {percentage}% | {duration}s | {rate} rows/s',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(p) {
      const payload = {
        phase: p.phase === 'read' ? 'Reading and checking' : 'Loading',
        file: basename(p.file),
        rate:
          p.rows > 0
            ? Math.round(p.rows / ((Date.now() - started) / 1000)).toLocaleString('en-GB')
            : '…',
      };
      if (!running) {
        bar.start(100, 0, payload);
        running = true;
      }
      bar.update(Math.round(p.fraction * 100), payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

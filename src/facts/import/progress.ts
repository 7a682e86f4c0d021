import type { FactsStore } from '../store.ts';

export interface ImportProgress {
  readonly phase: 'read' | 'load';
  readonly file: string;
  /** 0–1 within the phase for this file. */
  readonly fraction: number;
  readonly rows: number;
}

/** Runs a long statement while polling DuckDB's own query progress. */
export async function withProgress(
  store: FactsStore,
  work: () => Promise<void>,
  report: (fraction: number) => void,
  everyMs = 250,
): Promise<void> {
  const timer = setInterval(() => {
    const p = store.connection.progress;
    if (p.percentage >= 0) report(Math.min(1, p.percentage / 100));
  }, everyMs);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}

import { openRecords } from '../records/open.ts';
import type { Records } from '../records/api.ts';
import { isBluelampError, BluelampError } from '../lib/errors.ts';
import type { WebDeps } from '../web/deps.ts';
import type { FactsSource } from './facts-source.ts';
import { inMemoryJobs } from '../web/jobs.ts';
import { buildDeps, systemClock, type Clock } from './deps.ts';
import { liveFactsSource, snapshotFactsSource } from './facts-source.ts';
import { createLogger, type Logger } from './logger.ts';
import { createResultsCache, type ResultsCache } from './results-cache.ts';
import { webEngine } from './web-engine.ts';
import { recordsAwareResults } from './records-inputs.ts';
import { gatedFacts, importGate, issueText, webImports } from './web-imports.ts';
import { webDocuments } from './web-documents.ts';
import { webReports } from './web-reports.ts';
import type { FactsStore } from '../facts/store.ts';
import { webCharts } from './web-charts.ts';

export interface WebDepsOptions {
  readonly dataDir: string;
  /** Records on a PostgreSQL server; PGlite in the data directory without it. */
  readonly databaseUrl?: string | undefined;
  /**
   * Serve facts from published snapshots (`bluelamp publish-facts`) in this folder instead of
   * holding the data directory's store: several processes can then serve one force, with
   * records in one PostgreSQL server.
   */
  readonly factsSnapshot?: string | undefined;
  readonly secureCookies?: boolean;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly notice?: (text: string) => void;
  readonly demoSignIns?: WebDeps['demoSignIns'];
  /**
   * False: compute every result afresh (no results cache, no query cache) — for measuring the
   * uncached cost (`BLUELAMP_RESULTS_CACHE=off bluelamp serve`, bench/web).
   */
  readonly cache?: boolean;
}

/**
 * Builds what the web app runs with, once, at start-up: the facts (the data directory's store,
 * locked for this process's lifetime, or a published snapshot), the records store, background
 * jobs and the results cache. `close` ends them in reverse order.
 */
export async function buildWebDeps(
  opts: WebDepsOptions,
): Promise<{ deps: WebDeps; close(): Promise<void> }> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger();
  const closers: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    let facts: FactsSource;
    let liveStore: FactsStore | null = null;
    if (opts.factsSnapshot) {
      if (!opts.databaseUrl)
        throw new BluelampError(
          'BAD_INPUT',
          'Serving from a facts snapshot needs the records in a PostgreSQL server.',
          {
            hint: 'Set DATABASE_URL, or serve the data directory itself without --facts-snapshot.',
          },
        );
      const source = await snapshotFactsSource(opts.factsSnapshot, { clock, logger });
      closers.push(() => source.close());
      facts = source;
    } else {
      const base = await buildDeps({
        dataDir: opts.dataDir,
        access: 'write',
        command: 'serve',
        clock,
        logger,
        ...(opts.notice ? { notice: opts.notice } : {}),
      });
      closers.push(() => base.close());
      facts = liveFactsSource(base.facts);
      liveStore = base.facts;
    }
    // Imports from the data page write the live store; readers never see one half-done.
    const gate = importGate();
    facts = gatedFacts(facts, gate);
    const records: Records = await openRecords({
      dataDir: opts.dataDir,
      databaseUrl: opts.databaseUrl,
      clock,
    });
    closers.push(() => records.close());
    const cache = opts.cache ?? true;
    const results = cache
      ? recordsAwareResults(createResultsCache(), records, clock)
      : uncachedResults;
    const deps: WebDeps = {
      clock,
      logger,
      records,
      facts,
      jobs: inMemoryJobs({
        now: () => clock.now(),
        onError: (_job, e) =>
          isBluelampError(e)
            ? {
                code: e.code,
                message: e.message,
                ...(e.hint ? { hint: e.hint } : {}),
                details: e.issues.map((i) => ({ ...i, text: issueText(i) })),
              }
            : null,
      }),
      results,
      engine: webEngine({
        facts,
        results,
        records,
        dataDir: opts.dataDir,
        queryCache: cache,
        clock,
      }),
      charts: webCharts(),
      imports: webImports({ store: liveStore, gate, now: () => clock.now() }),
      reports: webReports({ facts, records, dataDir: opts.dataDir, now: () => clock.now() }),
      documents: webDocuments(),
      dataDir: opts.dataDir,
      secureCookies: opts.secureCookies ?? false,
      ...(opts.demoSignIns ? { demoSignIns: opts.demoSignIns } : {}),
    };
    return { deps, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** A results "cache" that stores nothing: every request computes. */
const uncachedResults: ResultsCache = {
  getOrCompute: (_key, compute) => compute(),
  stats: () => ({ hits: 0, misses: 0, size: 0, dataVersion: null }),
  clear: () => undefined,
};

import { evaluateMeasure, evaluateScorecard } from '../measures/engine.ts';
import type { WebEngine } from '../web/deps.ts';
import type { FactsSource } from './facts-source.ts';
import { rebasesByMeasure } from './rebases.ts';
import type { ResultsCache } from './results-cache.ts';
import type { Records } from '../records/api.ts';
import { recordInputs } from './records-inputs.ts';

/**
 * The measure engine as the web app calls it: the same functions, options and rebases as the
 * CLI's `scorecard` and `measure` (so the API answers exactly what `--json` prints), computed
 * once per data version through the results cache. A snapshot is read-only, so the engine's
 * query cache (a table in the store) is used only on the live store.
 */
export function webEngine(opts: {
  facts: FactsSource;
  results: ResultsCache;
  dataDir: string;
  /** Where the recorded rebases are kept. */
  records: Records;
  /** Use the engine's query cache in the store (live store only); default true. */
  queryCache?: boolean;
  /** "Today" for measures over records (the day the register is read). */
  clock?: { now(): Date };
}): WebEngine {
  const now = () => (opts.clock ?? { now: () => new Date() }).now();
  const { facts, results } = opts;
  const queryCache = () => (opts.queryCache ?? true) && facts.writable;
  return {
    scorecard: ({ period, lpa }) =>
      facts.use(({ store, dataVersion }) =>
        results.getOrCompute(
          { dataVersion, kind: 'scorecard', period, lpa, edition: 'full' },
          async () =>
            evaluateScorecard(store, {
              period,
              lpa,
              cache: queryCache(),
              rebases: await rebasesByMeasure(opts.records),
              records: await recordInputs(opts.records, now()),
            }),
        ),
      ),
    measure: (id, { period, lpa }) =>
      facts.use(({ store, dataVersion }) =>
        results.getOrCompute(
          { dataVersion, kind: 'measure', measure: id, period, lpa, edition: 'full' },
          async () =>
            evaluateMeasure(store, id, {
              period,
              lpa,
              cache: queryCache(),
              rebases: await rebasesByMeasure(opts.records),
              records: await recordInputs(opts.records, now()),
            }),
        ),
      ),
  };
}

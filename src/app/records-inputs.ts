import type { RecordInputs } from '../measures/engine.ts';
import type { Records } from '../records/api.ts';
import { londonDate } from '../records/accountability/clock.ts';
import type { ResultKey, ResultsCache } from './results-cache.ts';

/**
 * What the measure engine reads from the records store for the measures over records
 * (`compute.kind: 'records'`, src/measures/evaluate/records.ts): src/measures may not import
 * src/records, so the CLI's scorecard and measure, the report and the web engine read them here
 * and pass them in. Today that is the findings register, for `recommendations_open`: each
 * finding's publication and closing dates and scope (no text, no people).
 *
 * `records` null: a store not made yet (or unreadable here); the engine then says the records
 * were not read, as before.
 */
export async function recordInputs(records: Records | null, now: Date): Promise<RecordInputs> {
  if (!records) return {};
  const spans = await records.tasks.findingSpans();
  return {
    open_recommendations: {
      today: londonDate(now),
      findings: spans.map((s) => ({
        publishedOn: s.publishedOn,
        closedOn: s.closedOn,
        scope: s.scope,
      })),
    },
  };
}

/** How often the web checks whether the register changed (as settings are re-read). */
export const REGISTER_CHECK_MS = 5_000;

/**
 * The web's results cache, emptied when what the engine reads from the records changes (a
 * finding added, moved or closed; a new day, which moves "today" for a period still running),
 * checked at most every few seconds. Results and page models are otherwise kept against the
 * facts' data version only, which records changes do not move.
 */
export function recordsAwareResults(
  inner: ResultsCache,
  records: Records,
  clock: { now(): Date },
): ResultsCache {
  let seen: string | null = null;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | null = null;
  const check = async () => {
    const now = clock.now();
    const t = now.getTime();
    if (t - checkedAt < REGISTER_CHECK_MS && t >= checkedAt) return;
    checking ??= (async () => {
      try {
        const version = `${londonDate(now)}|${await records.tasks.registerVersion()}`;
        if (seen !== null && version !== seen) inner.clear();
        seen = version;
        checkedAt = t;
      } finally {
        checking = null;
      }
    })();
    await checking;
  };
  return {
    async getOrCompute<T>(key: ResultKey, compute: () => Promise<T>): Promise<T> {
      await check();
      return inner.getOrCompute(key, compute);
    },
    stats: () => inner.stats(),
    clear: () => inner.clear(),
  };
}

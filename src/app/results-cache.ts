/**
 * Computed results (a scorecard, a measure, a page's model) kept in memory against the facts'
 * data version, so that many people looking at the same figures cost one computation. A result
 * never outlives its data: once a newer data version is seen, every entry of an older one is
 * dropped, and a request still working on the older facts computes without storing. Bounded by
 * entry count, least recently used first out. Identical requests arriving together compute once.
 *
 * Cached values are shared between requests: callers must not change them.
 */
export interface ResultKey {
  readonly dataVersion: number;
  /** What was computed, e.g. 'scorecard', 'measure', 'public-scorecard'. */
  readonly kind: string;
  readonly measure?: string | null;
  readonly period: string;
  readonly lpa?: string | null;
  /** The edition or audience: 'full', 'public', … */
  readonly edition: string;
}

export interface ResultsCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
  readonly dataVersion: number | null;
}

export interface ResultsCache {
  getOrCompute<T>(key: ResultKey, compute: () => Promise<T>): Promise<T>;
  stats(): ResultsCacheStats;
  clear(): void;
}

const keyText = (k: ResultKey) =>
  JSON.stringify([k.dataVersion, k.kind, k.measure ?? null, k.period, k.lpa ?? null, k.edition]);

export function createResultsCache(opts: { maxEntries?: number } = {}): ResultsCache {
  const maxEntries = opts.maxEntries ?? 500;
  if (!(Number.isInteger(maxEntries) && maxEntries > 0))
    throw new RangeError('maxEntries must be a positive whole number');
  // A Map keeps insertion order: re-inserting on a hit makes the first entry the least recent.
  const entries = new Map<string, unknown>();
  const inFlight = new Map<string, Promise<unknown>>();
  let newest: number | null = null;
  let hits = 0;
  let misses = 0;

  /** A newer version makes every older entry unreachable: they go at once. */
  const see = (version: number) => {
    if (newest !== null && version <= newest) return;
    newest = version;
    entries.clear();
  };

  return {
    async getOrCompute<T>(key: ResultKey, compute: () => Promise<T>): Promise<T> {
      see(key.dataVersion);
      const text = keyText(key);
      if (entries.has(text)) {
        hits++;
        const value = entries.get(text);
        entries.delete(text);
        entries.set(text, value);
        return value as T;
      }
      const running = inFlight.get(text);
      if (running) {
        hits++;
        return running as Promise<T>;
      }
      misses++;
      const promise = compute().then((value) => {
        // Stored only while its version is the newest; a failure is never stored.
        if (key.dataVersion === newest) {
          entries.set(text, value);
          while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        }
        return value;
      });
      inFlight.set(text, promise);
      try {
        return await promise;
      } finally {
        inFlight.delete(text);
      }
    },
    stats: () => ({ hits, misses, size: entries.size, dataVersion: newest }),
    clear() {
      entries.clear();
    },
  };
}

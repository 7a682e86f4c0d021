import { describe, expect, it } from 'vitest';
import { createResultsCache, type ResultKey } from '../../src/app/results-cache.ts';

const key = (over: Partial<ResultKey> = {}): ResultKey => ({
  dataVersion: 1,
  kind: 'measure',
  measure: 'crime_volume',
  period: '2021/22-Q1',
  lpa: null,
  edition: 'full',
  ...over,
});

/** A computation that counts its calls and resolves when told. */
function deferred<T>(value: T) {
  let calls = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  return {
    fn: async () => {
      calls++;
      await gate;
      return value;
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe('the results cache', () => {
  it('computes on a miss and answers a hit without computing', async () => {
    const cache = createResultsCache();
    let calls = 0;
    const compute = async () => ({ n: ++calls });
    expect(await cache.getOrCompute(key(), compute)).toEqual({ n: 1 });
    expect(await cache.getOrCompute(key(), compute)).toEqual({ n: 1 });
    expect(calls).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it('keeps every part of the key apart', async () => {
    const cache = createResultsCache();
    const parts: Partial<ResultKey>[] = [
      {},
      { kind: 'scorecard' },
      { measure: 'other' },
      { period: '2021/22-Q2' },
      { lpa: 'North' },
      { edition: 'public' },
    ];
    for (const [i, p] of parts.entries())
      expect(await cache.getOrCompute(key(p), async () => i)).toBe(i);
    expect(cache.stats().size).toBe(parts.length);
    // lpa null and undefined are the same key (force-wide).
    expect(await cache.getOrCompute(key({ lpa: undefined }), async () => -1)).toBe(0);
  });

  it('computes identical concurrent requests once (single flight)', async () => {
    const cache = createResultsCache();
    const d = deferred('result');
    const all = Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute(key(), d.fn)));
    await Promise.resolve();
    d.release();
    expect(await all).toEqual(Array(10).fill('result'));
    expect(d.calls()).toBe(1);
  });

  it('does not store a failure: the next request computes again', async () => {
    const cache = createResultsCache();
    await expect(
      cache.getOrCompute(key(), async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await cache.getOrCompute(key(), async () => 'ok')).toBe('ok');
  });

  it('a new data version evicts every older entry; older requests compute without storing', async () => {
    const cache = createResultsCache();
    await cache.getOrCompute(key({ measure: 'a' }), async () => 'a1');
    await cache.getOrCompute(key({ measure: 'b' }), async () => 'b1');
    expect(cache.stats().size).toBe(2);
    expect(await cache.getOrCompute(key({ dataVersion: 2, measure: 'a' }), async () => 'a2')).toBe(
      'a2',
    );
    expect(cache.stats()).toMatchObject({ size: 1, dataVersion: 2 });
    // A request still on version 1 (its snapshot not yet swapped) gets fresh version-1 figures.
    expect(await cache.getOrCompute(key({ measure: 'b' }), async () => 'b1 again')).toBe(
      'b1 again',
    );
    expect(cache.stats().size).toBe(1);
  });

  it('a computation that finishes after a newer version was seen is not stored', async () => {
    const cache = createResultsCache();
    const slow = deferred('old');
    const pending = cache.getOrCompute(key(), slow.fn);
    await cache.getOrCompute(key({ dataVersion: 2 }), async () => 'new');
    slow.release();
    expect(await pending).toBe('old');
    expect(cache.stats().size).toBe(1);
    expect(await cache.getOrCompute(key(), async () => 'recomputed')).toBe('recomputed');
  });

  it('is bounded by entry count, least recently used out first', async () => {
    const cache = createResultsCache({ maxEntries: 3 });
    for (const m of ['a', 'b', 'c']) await cache.getOrCompute(key({ measure: m }), async () => m);
    await cache.getOrCompute(key({ measure: 'a' }), async () => 'a!'); // a is now most recent
    await cache.getOrCompute(key({ measure: 'd' }), async () => 'd');
    expect(cache.stats().size).toBe(3);
    expect(await cache.getOrCompute(key({ measure: 'a' }), async () => 'a!')).toBe('a');
    expect(await cache.getOrCompute(key({ measure: 'b' }), async () => 'b!')).toBe('b!');
    expect(() => createResultsCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});

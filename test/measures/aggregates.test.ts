import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { checkAggregates, storedAggregates } from '../../src/facts/aggregates.ts';
import { checkStore } from '../../src/facts/check.ts';
import { dataVersion, openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { evaluateMeasure, evaluateScorecard } from '../../src/measures/engine.ts';
import { catalogued } from '../../src/measures/evaluate/aggregates.ts';
import { catalogue } from '../../src/measures/load-catalogue.ts';
import { runCli } from '../helpers/cli.ts';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';

/**
 * The monthly aggregates (src/facts/aggregates.ts, src/measures/evaluate/aggregates.ts): after
 * the demo's imports, an added batch and its replacement, every aggregate is current and equal to
 * its recomputation from the raw facts, and the scorecard read from them is the scorecard read
 * from the facts, number for number. (Killed imports: test/facts/crash.test.ts, whose store has
 * aggregates and whose fingerprint covers them.)
 */
let dir: string;
let cleanup: () => void;
let data: string;
const PERIOD = '2021/22-Q1';
const DEFINED = catalogued(catalogue()).definitions.length;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('bluelamp-aggregates-'));
  data = join(dir, 'data');
  const r = await runCli(['--data-dir', data, 'demo', '--scale', '0.05', '--seed', '7']);
  expect(r.code, r.err).toBe(0);
}, 300_000);
afterAll(() => cleanup());

/** Opens a store and records the SQL of every statement sent through it. */
async function recorded(path: string): Promise<{ store: FactsStore; sql: string[] }> {
  const store = await openFactsStore(path);
  const sql: string[] = [];
  return {
    sql,
    store: {
      ...store,
      all: (q, p) => {
        sql.push(q);
        return store.all(q, p);
      },
    },
  };
}

async function bothWays(store: FactsStore, opts: { period: string; lpa?: string }) {
  const a = await evaluateScorecard(store, {
    ...opts,
    tiers: ['gold', 'silver', 'bronze'],
    cache: false,
  });
  const b = await evaluateScorecard(store, {
    ...opts,
    tiers: ['gold', 'silver', 'bronze'],
    cache: false,
    aggregates: false,
  });
  return { a, b };
}

async function expectCurrentAndEqual(store: FactsStore): Promise<void> {
  const version = await dataVersion(store);
  const held = await storedAggregates(store);
  expect(held.map((a) => a.name).sort()).toEqual(
    catalogued(catalogue())
      .definitions.map((d) => d.name)
      .sort(),
  );
  for (const a of held) expect(a.dataVersion, a.name).toBe(version);
  expect(await checkAggregates(store)).toEqual({ checked: DEFINED, problems: [], stale: [] });
}

describe('monthly aggregates', () => {
  it('are current and equal to the facts after the demo’s imports, and check says so', async () => {
    const store = await openFactsStore(data);
    try {
      await expectCurrentAndEqual(store);
      const r = await checkStore(store);
      expect(r).toMatchObject({ ok: true, aggregates: DEFINED, staleAggregates: [] });
    } finally {
      store.close();
    }
  });

  it('give the scorecard the facts give, read from the aggregates (force, an LPA, a measure)', async () => {
    const { store, sql } = await recorded(data);
    try {
      const [lpaRow] = await store.all<{ lpa: string }>('SELECT min(lpa) AS lpa FROM crimes');
      for (const opts of [{ period: PERIOD }, { period: '2020/21', lpa: lpaRow?.lpa as string }]) {
        sql.length = 0;
        const { a, b } = await bothWays(store, opts);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        const read = sql.join('\n');
        for (const t of ['_agg_scan_crimes', '_agg_repeat_victims', '_agg_open_investigations'])
          expect(read).toContain(t);
      }
      // The raw path reads no aggregate; a result's lineage names the query over the facts.
      sql.length = 0;
      await evaluateScorecard(store, { period: PERIOD, cache: false, aggregates: false });
      expect(sql.join('\n')).not.toContain('_agg_');
      const one = await evaluateMeasure(store, 'repeat_victim_rate_trc', {
        period: PERIOD,
        cache: false,
      });
      const raw = await evaluateMeasure(store, 'repeat_victim_rate_trc', {
        period: PERIOD,
        cache: false,
        aggregates: false,
      });
      expect(one).toEqual(raw);
      expect(JSON.stringify(one.lineage)).not.toContain('_agg_');
      expect(JSON.stringify(one.lineage)).toContain('crime_victims');
    } finally {
      store.close();
    }
  });

  it('are rebuilt in the transaction of an added batch and of its replacement', async () => {
    const work = join(dir, 'replace');
    cpSync(data, work, { recursive: true });
    const file = (name: string, n: number, month: string) => {
      const rows = Array.from({ length: n }, (_, i) =>
        crime(`AGG-${name}-${i}`, {
          recorded_at: `${month}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00`,
        }),
      );
      return writeTableCsv(dir, name, 'crimes', rows);
    };
    const crimesIn = async (store: FactsStore, month: string) => {
      const card = await evaluateMeasure(store, 'crime_total', { period: month, cache: false });
      return card.value;
    };
    let store = await openFactsStore(work);
    const before = await crimesIn(store, '2021/22-Q1');
    store.close();
    for (const [name, n] of [
      ['first.csv', 40],
      ['second.csv', 23],
    ] as const) {
      const r = await runCli([
        '--data-dir',
        work,
        'import',
        'crimes',
        file(name, n, '2021-05'),
        '--batch',
        'extra',
      ]);
      expect(r.code, r.err).toBe(0);
      store = await openFactsStore(work);
      try {
        await expectCurrentAndEqual(store);
        // The replacement's rows, not the first batch's: 23 more crimes than before, not 63.
        expect(await crimesIn(store, '2021/22-Q1')).toBe((before as number) + n);
        const { a, b } = await bothWays(store, { period: PERIOD });
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      } finally {
        store.close();
      }
    }
  });

  it('are found out by check when one disagrees with the facts, and are not read when stale', async () => {
    const work = join(dir, 'tampered');
    cpSync(data, work, { recursive: true });
    const store = await openFactsStore(work);
    try {
      await store.run('UPDATE _agg_scan_crimes SET c0 = c0 + 1 WHERE month = $m', { m: '2021-05' });
      const r = await checkStore(store);
      expect(r.ok).toBe(false);
      expect(r.problems).toEqual([
        expect.objectContaining({ check: 'aggregates', table: '_agg_scan_crimes' }),
      ]);
      // An aggregate recorded at another data version is stale: check says so, the engine scans.
      await store.run(
        "UPDATE _aggregates SET data_version = data_version - 1 WHERE name = 'repeat_victims'",
      );
      expect((await checkAggregates(store)).stale).toEqual(['repeat_victims']);
    } finally {
      store.close();
    }
  });

  it('are built on the first read of a store that has none, and never into a read-only one', async () => {
    const work = join(dir, 'none');
    cpSync(data, work, { recursive: true });
    let store = await openFactsStore(work);
    for (const a of await storedAggregates(store)) await store.run(`DROP TABLE _agg_${a.name}`);
    await store.run('DROP TABLE _aggregates');
    store.close();
    store = await openFactsStore(work, { readOnly: true });
    try {
      await evaluateScorecard(store, { period: PERIOD, cache: false });
      expect(await storedAggregates(store)).toEqual([]);
    } finally {
      store.close();
    }
    store = await openFactsStore(work);
    try {
      const { a, b } = await bothWays(store, { period: PERIOD });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      await expectCurrentAndEqual(store);
    } finally {
      store.close();
    }
  });
});

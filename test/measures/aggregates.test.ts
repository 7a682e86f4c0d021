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

  it('rebuild only the months a batch alters, and stay equal to the facts', async () => {
    const work = join(dir, 'partial');
    cpSync(data, work, { recursive: true });
    let store = await openFactsStore(work);
    const [known] = await store.all<{ lpa: string; person_id: string }>(
      'SELECT (SELECT min(lpa) FROM crimes) AS lpa, (SELECT min(person_id) FROM people) AS person_id',
    );
    const callsBefore = (await storedAggregates(store)).find((a) => a.name === 'scan_calls');
    store.close();
    const lpa = known?.lpa as string;
    const crimes = (name: string, month: string, over: Record<string, string> = {}) =>
      writeTableCsv(
        dir,
        name,
        'crimes',
        Array.from({ length: 12 }, (_, i) =>
          crime(`PART-${name}-${i}`, {
            recorded_at: `${month}-${String(1 + i).padStart(2, '0')}T10:00:00`,
            lpa,
            ...over,
          }),
        ),
      );
    /** Imports a file as a batch; returns each aggregate's months rebuilt (null: all). */
    const load = async (table: string, path: string, batch: string) => {
      const r = await runCli(['--data-dir', work, 'import', table, path, '--batch', batch]);
      expect(r.code, r.err).toBe(0);
      store = await openFactsStore(work);
      try {
        await expectCurrentAndEqual(store);
        const held = await storedAggregates(store);
        return Object.fromEntries(held.map((a) => [a.name, { ...a.refreshed, end: a.spanTo }]));
      } finally {
        store.close();
      }
    };
    // A month of crimes: its own month; 12 months on for repeat victims, 13 for the age profile.
    // Running totals are kept as each month's openings less closings: its own month too.
    let r = await load('crimes', crimes('may.csv', '2021-05'), 'part');
    expect(r.scan_crimes).toMatchObject({ from: '2021-05', to: '2021-06' });
    expect(r.repeat_victims).toMatchObject({ from: '2021-05', to: '2022-06' });
    expect(r.high_harm_nominals).toMatchObject({ from: '2021-05', to: '2021-08' });
    expect(r.open_investigations).toMatchObject({ from: '2021-05', to: '2021-06' });
    expect(r.open_investigations_profile).toMatchObject({ from: '2021-05', to: '2022-07' });
    // Incidents waiting are counted onwards from the month a change touches.
    expect(r.unresourced_incidents?.from).toBeUndefined();
    // No outcome is linked to the new crimes: the outcomes' scan rebuilds no month.
    expect(r.scan_outcomes?.to).toBe(r.scan_outcomes?.from);
    // An aggregate that does not read crimes is not rebuilt.
    expect(r.scan_calls).toMatchObject({ ...callsBefore?.refreshed });
    // Outcomes for them in July: July for outcome counts; the crime attributes' months via crime id.
    const outcomes = writeTableCsv(
      dir,
      'outcomes.csv',
      'outcomes',
      Array.from({ length: 6 }, (_, i) => ({
        crime_id: `PART-may.csv-${i}`,
        outcome_type: i % 2 ? '16' : '1',
        outcome_at: `2021-07-0${1 + i}T09:00:00`,
      })),
    );
    r = await load('outcomes', outcomes, 'part-outcomes');
    expect(r.scan_outcomes).toMatchObject({ from: '2021-07', to: '2021-08' });
    expect(r.outcomes_by_type).toMatchObject({ from: '2021-07', to: '2021-08' });
    expect(r.open_investigations).toMatchObject({ from: '2021-07', to: '2021-08' });
    // The profile: the outcomes' months and the 13 after them.
    expect(r.open_investigations_profile).toMatchObject({ from: '2021-07', to: '2022-09' });
    // Victims linked (no date of their own): the months of their crimes, via the crime id.
    const victims = writeTableCsv(dir, 'victims.csv', 'crime_victims', [
      { crime_id: 'PART-may.csv-0', person_id: known?.person_id as string },
      { crime_id: 'PART-may.csv-1', person_id: known?.person_id as string },
    ]);
    r = await load('crime_victims', victims, 'part-victims');
    expect(r.repeat_victims).toMatchObject({ from: '2021-05', to: '2022-06' });
    expect(r.scan_victims).toMatchObject({ from: '2021-05', to: '2021-06' });
    // The batch replaced by one in other months: the old rows' months and the new ones'.
    await load('crimes', crimes('later.csv', '2021-09'), 'part-2');
    r = await load('crimes', crimes('earlier.csv', '2020-11'), 'part-2');
    expect(r.scan_crimes).toMatchObject({ from: '2020-11', to: '2021-10' });
    // An outcome dated before its crime closes it in the crime's month (found by `later`).
    const early = writeTableCsv(dir, 'early.csv', 'outcomes', [
      { crime_id: 'PART-earlier.csv-0', outcome_type: '1', outcome_at: '2020-09-15T09:00:00' },
    ]);
    r = await load('outcomes', early, 'part-early');
    expect(r.open_investigations).toMatchObject({ from: '2020-09', to: '2020-12' });
    // An LPA the data had not seen: the running totals' grid is made when read, so the month
    // alone is rebuilt.
    r = await load('crimes', crimes('new-lpa.csv', '2021-02', { lpa: 'Nowhere Else' }), 'part-3');
    expect(r.open_investigations).toMatchObject({ from: '2021-02', to: '2021-03' });
    expect(r.scan_crimes).toMatchObject({ from: '2021-02', to: '2021-03' });
    store = await openFactsStore(work);
    try {
      const { a, b } = await bothWays(store, { period: PERIOD });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    } finally {
      store.close();
    }
  }, 240_000);
});

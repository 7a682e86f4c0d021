import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crime, tempDir, writeTableCsv } from '../helpers/files.ts';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { CURRENT_FILE, readPointer } from '../../src/facts/snapshot.ts';
import { evaluateScorecard, type Scorecard } from '../../src/measures/engine.ts';
import {
  liveFactsSource,
  snapshotFactsSource,
  type FactsSource,
} from '../../src/app/facts-source.ts';
import type { Logger, LogFields } from '../../src/app/logger.ts';

/**
 * The facts a web process reads: snapshots written by `bluelamp publish-facts` in another
 * process (the CLI, run as a child), read here as a server would, against the live store.
 */
const BIN = resolve('bin/bluelamp.js');
const PERIOD = '2021/22-Q1';
let dir: string;
let cleanup: () => void;
let data: string;
let snaps: string;
const sources: FactsSource[] = [];

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, '--data-dir', data, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bluelamp ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The scorecard computed on the data directory's own store (opened only while no child runs). */
async function liveScorecard(): Promise<Scorecard> {
  const store = await openFactsStore(data, { readOnly: true });
  try {
    return await evaluateScorecard(store, { period: PERIOD, cache: false });
  } finally {
    store.close();
  }
}

function recordingLogger() {
  const events: { level: string; event: string; fields: LogFields }[] = [];
  const at =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      events.push({ level, event, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, events };
}

async function source(opts: Parameters<typeof snapshotFactsSource>[1] = {}) {
  const s = await snapshotFactsSource(snaps, { pollMs: 60_000, ...opts });
  sources.push(s);
  return s;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  data = join(dir, 'data');
  snaps = join(dir, 'snapshots');
  // The run's small demo force (test/setup/demo-fixture.ts), copied: this file imports into it.
  cpSync(inject('smallDemoDir'), data, { recursive: true });
  cli('publish-facts', '--out', snaps);
}, 120_000);
afterAll(async () => {
  for (const s of sources) await s.close();
  cleanup();
});

describe('snapshotFactsSource', () => {
  it('answers the scorecard exactly as the live store does, read-only, with the cache on or off', async () => {
    const s = await source();
    expect(s.kind).toBe('snapshot');
    expect(s.writable).toBe(false);
    const { store, dataVersion } = await s.current();
    expect(store.readOnly).toBe(true);
    expect(dataVersion).toBe(readPointer(snaps)?.dataVersion);
    const live = await liveScorecard();
    expect(live.measures.length).toBeGreaterThan(5);
    // The engine's query cache reads the snapshot's cached rows and writes nothing.
    expect(await evaluateScorecard(store, { period: PERIOD })).toEqual(live);
    expect(await evaluateScorecard(store, { period: PERIOD, cache: false })).toEqual(live);
  });

  it('picks up an import published by another process within its poll', async () => {
    const s = await source({ pollMs: 100 });
    const before = await s.current();
    const [{ n: crimesBefore }] = (await before.store.all(
      'SELECT count(*)::INTEGER AS n FROM crimes',
    )) as [{ n: number }];
    const csv = writeTableCsv(dir, 'more.csv', 'crimes', [
      crime('EXTRA-1', {
        lpa: 'Northmoor',
        neighbourhood: 'Northmoor Abbey',
        recorded_at: '2021-05-03T10:00:00',
      }),
      crime('EXTRA-2', {
        lpa: 'Northmoor',
        neighbourhood: 'Northmoor Abbey',
        recorded_at: '2021-05-04T10:00:00',
      }),
    ]);
    cli('import', 'crimes', csv);
    cli('publish-facts', '--out', snaps);
    const deadline = Date.now() + 10_000;
    let now = await s.current();
    while (now.dataVersion === before.dataVersion && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      now = await s.current();
    }
    expect(now.dataVersion).toBe(before.dataVersion + 1);
    const [{ n: crimesAfter }] = (await now.store.all(
      'SELECT count(*)::INTEGER AS n FROM crimes',
    )) as [{ n: number }];
    expect(crimesAfter).toBe(crimesBefore + 2);
    expect(await evaluateScorecard(now.store, { period: PERIOD })).toEqual(await liveScorecard());
  }, 60_000);

  it('a reader holding the old snapshot finishes on it during the swap; then the old one is closed', async () => {
    const { logger, events } = recordingLogger();
    const s = await source({ graceMs: 0, logger });
    const expected = await evaluateScorecard((await s.current()).store, { period: PERIOD });
    let oldStore: FactsStore | null = null;
    const result = await s.use(async (view) => {
      oldStore = view.store;
      cli('publish-facts', '--out', snaps); // same data, a new snapshot
      expect(await s.refresh()).toBe(true);
      expect((await s.current()).store).not.toBe(view.store);
      // Still open for this reader although replaced.
      return evaluateScorecard(view.store, { period: PERIOD });
    });
    expect(result).toEqual(expected);
    expect(events.map((e) => e.event)).toEqual(['facts.snapshot.swapped', 'facts.snapshot.closed']);
    await expect((oldStore as unknown as FactsStore).all('SELECT 1')).rejects.toMatchObject({
      code: 'NO_DATA',
    });
    expect(await evaluateScorecard((await s.current()).store, { period: PERIOD })).toEqual(
      expected,
    );
  }, 60_000);

  it('a request of many queries through current() finishes on the old snapshot within the grace time', async () => {
    const s = await source();
    const view = await s.current();
    cli('publish-facts', '--out', snaps);
    const running = evaluateScorecard(view.store, { period: PERIOD, cache: false });
    const swapped = s.refresh();
    expect(await swapped).toBe(true);
    expect(await running).toEqual(await liveScorecard());
  }, 60_000);

  it('keeps the old snapshot when CURRENT.json is half written or names a snapshot that is not there', async () => {
    const { logger, events } = recordingLogger();
    const s = await source({ logger });
    const before = await s.current();
    const good = readFileSync(join(snaps, CURRENT_FILE), 'utf8');
    try {
      writeFileSync(join(snaps, CURRENT_FILE), good.slice(0, 100));
      expect(await s.refresh()).toBe(false);
      expect((await s.current()).store).toBe(before.store);
      writeFileSync(
        join(snaps, CURRENT_FILE),
        good.replace(/"snapshot": "facts-v(\d+)-/, '"snapshot": "facts-v$1999-'),
      );
      expect(await s.refresh()).toBe(false);
      expect((await s.current()).store).toBe(before.store);
    } finally {
      writeFileSync(join(snaps, CURRENT_FILE), good);
    }
    expect(events).toEqual([
      { level: 'warn', event: 'facts.snapshot.unreadable', fields: { code: 'STORE_INCONSISTENT' } },
      { level: 'warn', event: 'facts.snapshot.unopenable', fields: expect.any(Object) },
    ]);
    expect(await evaluateScorecard(before.store, { period: PERIOD })).toEqual(
      await liveScorecard(),
    );
  });

  it('close waits for running readers, then closes', async () => {
    const s = await snapshotFactsSource(snaps);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let closed = false;
    const reading = s.use(async (view) => {
      await gate;
      return view.store.all('SELECT count(*)::INTEGER AS n FROM crimes');
    });
    const closing = s.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    expect((await reading)[0]).toMatchObject({ n: expect.any(Number) });
    await closing;
    expect(closed).toBe(true);
  });

  it('refuses to start without a snapshot', async () => {
    await expect(snapshotFactsSource(join(dir, 'none'))).rejects.toMatchObject({
      code: 'NO_DATA',
      message: expect.stringContaining('no facts snapshot in'),
    });
  });
});

describe('liveFactsSource', () => {
  it('caches the data version for maxAgeMs, and refresh() re-reads it after an import', async () => {
    const store = await openFactsStore(':memory:');
    try {
      let t = 0;
      const s = liveFactsSource(store, { clock: { now: () => new Date(t) }, maxAgeMs: 1000 });
      expect(s.writable).toBe(true);
      expect(s.kind).toBe('live');
      expect((await s.current()).dataVersion).toBe(0);
      await store.run("UPDATE _meta SET value = value + 1 WHERE key = 'data_version'");
      expect((await s.current()).dataVersion).toBe(0);
      t = 1000;
      expect((await s.current()).dataVersion).toBe(1);
      await store.run("UPDATE _meta SET value = value + 1 WHERE key = 'data_version'");
      expect(await s.refresh()).toBe(true);
      expect((await s.current()).dataVersion).toBe(2);
      expect(await s.refresh()).toBe(false);
      expect(await s.use(async (v) => v.store)).toBe(store);
      await s.close();
      // The store belongs to whoever opened it: still open.
      expect(await store.all('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      store.close();
    }
  });
});

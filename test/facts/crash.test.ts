import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTableSpecs, openFactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { prepareAggregates } from '../../src/measures/aggregates.ts';
import { ident } from '../../src/facts/sql.ts';
import { TABLES } from '../../src/facts/tables.ts';
import { LOCK_FILE } from '../../src/lib/lock.ts';
import { runCli } from '../helpers/cli.ts';
import { crime, tempDir } from '../helpers/files.ts';
import { ROOT, startChild } from '../helpers/children.ts';

/**
 * A real import in a child process, killed at points chosen from its own progress (it names each
 * phase on stderr with BLUELAMP_TRACE_PHASES=1): in the insert, in the validation, while the
 * batch is recorded and all through the commit. After each kill the store must be exactly the
 * state before the import or the state after it, by checksums of every table, and `check` must
 * pass. Enough rows (several row groups) that DuckDB writes them to the file before the commit,
 * which is the case that tore before commits became checkpoints.
 */
const ROWS = 300_000;
const BIN = join(ROOT, 'bin', 'bluelamp.js');

let dir: string;
let cleanup: () => void;
let base: string;
let newFile: string;
const post: Record<Scenario, string> = { new: '', replace: '' };
let pre = '';
/** The import's phases in order, as it names them (src/facts/import/replace-batch.ts). */
const PHASES = [
  'begin',
  'after-delete',
  'after-insert:0',
  'record',
  'aggregates',
  'before-commit',
  'committed',
];
const phaseMs: Record<string, number> = {};
let runs = 0;
const seen: string[] = [];

type Scenario = 'new' | 'replace';
/** `new` adds batch "new" beside batch "old"; `replace` re-imports batch "old" with other rows. */
const batchOf = (s: Scenario) => (s === 'new' ? 'new' : 'old');

function writeCrimes(path: string, prefix: string): void {
  const header = TABLES.crimes.columns.map((c) => c.name);
  const template = crime('X');
  const lines = [header.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const row = { ...template, crime_id: `${prefix}-${i}`, recorded_at: `2021-04-${day}T10:00:00` };
    lines.push(header.map((h) => row[h as keyof typeof row]).join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Every table's row count and an order-independent hash of all its rows, and the batch records. */
async function fingerprint(dataDir: string): Promise<string> {
  const store = await openFactsStore(dataDir);
  try {
    const parts: Record<string, unknown> = {};
    for (const table of Object.keys(allTableSpecs())) {
      const cols = await store.all<{ column_name: string }>(
        'SELECT column_name FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index',
        { t: table },
      );
      const [r] = await store.all<{ n: bigint; h: string | null }>(
        `SELECT count(*) AS n, sum(hash(${cols.map((c) => ident(c.column_name)).join(', ')}))::VARCHAR AS h FROM ${ident(table)}`,
      );
      if (Number(r?.n) > 0) parts[table] = `${r?.n} rows, hash ${r?.h}`;
    }
    // When it was imported differs between runs; everything else of a batch record must not.
    parts._batches = await store.all(
      `SELECT batch_id, table_name, files, row_count, min_date::VARCHAR AS lo, max_date::VARCHAR AS hi
       FROM _batches ORDER BY batch_id`,
    );
    parts._meta = await store.all('SELECT key, value FROM _meta ORDER BY key');
    // The monthly aggregates commit or roll back with the facts: their records and their rows.
    parts._aggregates = await store.all(
      'SELECT name, spec, data_version, span_from, span_to, row_count FROM _aggregates ORDER BY name',
    );
    for (const { name } of parts._aggregates as { name: string }[]) {
      const [r] = await store.all<{ n: bigint; h: string | null }>(
        `SELECT count(*) AS n, sum(hash(t))::VARCHAR AS h FROM ${ident(`_agg_${name}`)} t`,
      );
      parts[`_agg_${name}`] = `${r?.n} rows, hash ${r?.h}`;
    }
    return JSON.stringify(parts, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  } finally {
    store.close();
  }
}

function copyOfBase(): string {
  const work = join(dir, `run-${++runs}`);
  cpSync(base, work, { recursive: true });
  return work;
}

function startImport(work: string, scenario: Scenario) {
  return startChild(
    BIN,
    ['--data-dir', work, 'import', 'crimes', newFile, '--batch', batchOf(scenario)],
    { env: { BLUELAMP_TRACE_PHASES: '1' } },
  );
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('bluelamp-crash-'));
  base = join(dir, 'base');
  mkdirSync(base);
  const oldFile = join(dir, 'old.csv');
  newFile = join(dir, 'new.csv');
  writeCrimes(oldFile, 'OLD');
  writeCrimes(newFile, 'NEW');
  const store = await openFactsStore(base);
  await importTable(store, 'crimes', [oldFile], { batchId: 'old' });
  // Defined before, so the import rebuilds them in its transaction (a phase of its own).
  expect(await prepareAggregates(store)).toBeGreaterThan(0);
  store.close();
  pre = await fingerprint(base);
  for (const scenario of ['new', 'replace'] as const) {
    const work = copyOfBase();
    const child = startImport(work, scenario);
    const at: Record<string, number> = {};
    for (const phase of PHASES)
      void child
        .waitFor(`bluelamp-trace: ${phase}\n`, 'stderr')
        .then(() => (at[phase] = Date.now()));
    expect(await child.exited).toEqual({ code: 0, signal: null });
    post[scenario] = await fingerprint(work);
    // How long each phase took in a run that was left alone: kill points are fractions of it.
    PHASES.slice(0, -1).forEach((phase, i) => {
      const took = (at[PHASES[i + 1] as string] ?? 0) - (at[phase] ?? 0);
      phaseMs[phase] = Math.max(phaseMs[phase] ?? 0, took);
    });
  }
}, 600_000);

afterAll(() => cleanup());

interface KillPoint {
  readonly scenario: Scenario;
  readonly phase: string;
  /** When to kill: this fraction of the phase's duration in an undisturbed run, after it starts. */
  readonly at: number;
  readonly signal: 'SIGKILL' | 'SIGINT' | 'SIGTERM';
}

/** What each phase is: the insert reads the file into the table; validation checks the batch. */
const WHAT: Record<string, string> = {
  begin: 'start of the transaction',
  'after-delete': 'insert',
  'after-insert:0': 'validation',
  record: 'batch record',
  aggregates: 'rebuild of the monthly aggregates',
  'before-commit': 'commit',
  committed: 'end (committed, closing)',
};

const SIGKILL_POINTS: readonly [string, number][] = [
  ['begin', 0],
  ...[0, 0.25, 0.5, 0.75].map((f) => ['after-delete', f] as [string, number]),
  ...[0, 0.3, 0.6].map((f) => ['after-insert:0', f] as [string, number]),
  ['record', 0],
  ['record', 0.5],
  ...[0, 0.2, 0.4, 0.6, 0.8].map((f) => ['aggregates', f] as [string, number]),
  ...[0, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map(
    (f) => ['before-commit', f] as [string, number],
  ),
  ['committed', 0],
];
const POINTS: readonly KillPoint[] = [
  ...SIGKILL_POINTS.map(([phase, at], i) => ({
    scenario: i % 2 === 0 ? ('new' as const) : ('replace' as const),
    phase,
    at,
    signal: 'SIGKILL' as const,
  })),
  { scenario: 'new', phase: 'after-delete', at: 0.3, signal: 'SIGINT' },
  { scenario: 'replace', phase: 'before-commit', at: 0, signal: 'SIGINT' },
  { scenario: 'replace', phase: 'after-insert:0', at: 0.2, signal: 'SIGTERM' },
  { scenario: 'new', phase: 'record', at: 0, signal: 'SIGTERM' },
  { scenario: 'replace', phase: 'aggregates', at: 0.3, signal: 'SIGTERM' },
  { scenario: 'new', phase: 'aggregates', at: 0.5, signal: 'SIGINT' },
];

/** Two imports at a time: the kill points are relative to the import's own progress anyway. */
const slots = (() => {
  let free = 2;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (free === 0) await new Promise<void>((r) => waiting.push(r));
    else free--;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
})();

describe('an import killed at any point leaves the store exactly before or after it', () => {
  it('has pre- and post-states that differ, so the comparison means something', () => {
    expect(post.new).not.toBe(pre);
    expect(post.replace).not.toBe(pre);
    expect(post.replace).not.toBe(post.new);
  });

  for (const p of POINTS) {
    const name = `${p.signal} at ${Math.round(p.at * 100)}% of the ${WHAT[p.phase]} (${p.scenario} batch)`;
    it.concurrent(
      name,
      () =>
        slots(async () => {
          const work = copyOfBase();
          const child = startImport(work, p.scenario);
          await child.waitFor(`bluelamp-trace: ${p.phase}\n`, 'stderr');
          const delayMs = Math.round(p.at * (phaseMs[p.phase] ?? 0));
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
          child.process.kill(p.signal);
          const exit = await child.exited;
          // A kill that lands after the import has released its lock (it was finishing) leaves none.
          const lockLeft = existsSync(join(work, LOCK_FILE));

          // The first command after the crash: opens the store, takes over the dead process's lock.
          const check = await runCli(['--data-dir', work, 'check', '--json']);
          expect(check.code, check.out + check.err).toBe(0);
          expect(JSON.parse(check.out)).toMatchObject({ ok: true, problems: [] });
          if (exit.signal === 'SIGKILL' && lockLeft)
            expect(check.err).toContain(
              `took over a stale lock left by process ${child.process.pid}`,
            );

          const state = await fingerprint(work);
          const outcome = state === pre ? 'before' : state === post[p.scenario] ? 'after' : 'TORN';
          seen.push(
            `${name}, ${delayMs} ms after "${p.phase}": ${exit.signal ?? `exit ${exit.code}`}, store ${outcome}`,
          );
          expect(outcome, `store after the kill: ${state}`).not.toBe('TORN');
          // Once the commit has returned, the import is in the store.
          if (p.phase === 'committed') expect(outcome).toBe('after');

          const status = JSON.parse(
            (await runCli(['--data-dir', work, 'status', '--json'])).out,
          ) as {
            tables: { table: string; rows: number }[];
            batches: { table: string; rows: number }[];
          };
          for (const t of status.tables)
            expect(t.rows, t.table).toBe(
              status.batches.filter((b) => b.table === t.table).reduce((n, b) => n + b.rows, 0),
            );

          if (p.signal !== 'SIGKILL') {
            // Caught: rolled back (or finished), said so, released the lock, exit 128 + signal.
            expect(existsSync(join(work, LOCK_FILE))).toBe(false);
            if (exit.code !== 0) {
              expect(exit.code).toBe(p.signal === 'SIGINT' ? 130 : 143);
              expect(child.stderr()).toContain(`bluelamp: interrupted by ${p.signal}`);
              if (child.stderr().includes('nothing was imported')) expect(outcome).toBe('before');
            }
          }
        }),
      600_000,
    );
  }

  it('exercised every kill point', () => {
    console.log(
      `Phase durations of an undisturbed import (ms): ${JSON.stringify(phaseMs)}\nKill points and what the store held after each:\n  ${seen.join('\n  ')}`,
    );
    expect(seen).toHaveLength(POINTS.length);
  });
});

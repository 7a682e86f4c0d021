/**
 * Scorecard benchmark: the full gold scorecard and the full report for the demo force at each
 * scale; the engine against the bare DuckDB time of its own SQL; and every statement the
 * scorecard sends, translated, on a PostgreSQL server built as a force warehouse would be (the
 * same rows, indexed, analysed, the same monthly aggregates): per statement and in total, for the
 * statements the engine sends (reading its aggregates) and for the raw ones (scanning the facts).
 * A translation whose rows differ from DuckDB's stops the run before anything is timed.
 * Usage: npm run bench:scorecard [-- --scales 1,10] [--no-postgres] [--pg jit=on,…] [--runs 3]
 *   [--json] [--keep]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FACTS_FILE, openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { evaluateScorecard } from '../../src/measures/engine.ts';
import { prepareAggregates } from '../../src/measures/aggregates.ts';
import { buildReport } from '../../src/report/assemble.ts';
import { parsePeriod } from '../../src/measures/period.ts';
import { startPostgres, type PgServer } from './postgres.ts';
import { loadPostgres, type PgLoad } from './pg-load.ts';
import { toPostgres, type PgStatement } from './pg-dialect.ts';
import { differences } from './compare.ts';
import { recordScorecard, type Statement } from './statements.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SCALES = (arg('scales') ?? '1,10').split(',').map(Number);
const RUNS = Number(arg('runs') ?? 3);
const WITH_PG = !process.argv.includes('--no-postgres');
/** Extra PostgreSQL settings, comma-separated (`--pg jit=on`). */
const PG_SETTINGS = (arg('pg') ?? '').split(',').filter(Boolean);
const JSON_OUT = process.argv.includes('--json');
const PERIOD = '2021/22-Q1';
const TARGET = {
  engineOverBare: 1.5,
  postgresOverDuckdb: 10,
  postgresAtScale: 10,
  /** The cold gold scorecard: 0.3 s at scale 1, 1 s at scale 10 and above. */
  scorecardColdS: { 1: 0.3, 10: 1 },
};
const root = join(process.cwd(), 'bench', '.data', 'scorecard');

// PostgreSQL's timestamps and dates as the instants DuckDB gives (naive values read as UTC).
pg.types.setTypeParser(1114, (v: string) => new Date(`${v.replace(' ', 'T')}Z`));
pg.types.setTypeParser(1082, (v: string) => new Date(`${v}T00:00:00Z`));

const seconds = async (work: () => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t) / 1e9;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function best(n: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await seconds(work));
  return median(times);
}
/** The median of at least `n` runs, more for a short statement (until 0.2 s, at most 25 runs). */
async function statementTime(n: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  let spent = 0;
  while (times.length < n || (spent < 0.2 && times.length < 25)) {
    const t = await seconds(work);
    times.push(t);
    spent += t;
  }
  return median(times);
}
const round = (x: number, d = 4) => Number(x.toFixed(d));
const fmt = (s: number) => `${s.toFixed(3)} s`;
const key = (s: Statement) => `${s.sql}\0${JSON.stringify(s.params ?? null)}`;

type Translated = PgStatement & { readonly rows: number };

interface Timed {
  readonly purpose: string;
  readonly via: string;
  readonly rows: number;
  readonly duckdbS: number;
  readonly postgresS: number;
  readonly ratio: number;
}

/**
 * Every distinct statement of both sets, translated and run once on each side (the run that
 * checks the rows also warms both caches); throws naming every statement whose rows differ.
 */
async function verify(
  store: FactsStore,
  client: pg.Client,
  statements: Statement[],
): Promise<Map<string, Translated>> {
  const done = new Map<string, Translated>();
  const wrong: string[] = [];
  for (const s of statements) {
    if (done.has(key(s))) continue;
    let t: PgStatement;
    try {
      t = toPostgres(s.sql, s.params);
    } catch (e) {
      wrong.push(`${s.purpose}: not translated: ${(e as Error).message}`);
      continue;
    }
    const duck = await store.all(s.sql, s.params as never);
    const post = await client.query(t.text, t.values).then(
      (r) => r.rows as Record<string, unknown>[],
      (e: Error) => e,
    );
    const diff =
      post instanceof Error ? `PostgreSQL failed: ${post.message}` : differences(duck, post);
    if (diff) wrong.push(`${s.purpose} (${t.via}): ${diff}\n  ${t.text.replace(/\s+/g, ' ')}`);
    done.set(key(s), { ...t, rows: duck.length });
  }
  if (wrong.length > 0)
    throw new Error(
      `refusing to compare: ${wrong.length} translated statement(s) give other rows than DuckDB:\n${wrong.join('\n')}`,
    );
  return done;
}

async function timeStatements(
  store: FactsStore,
  client: pg.Client,
  statements: Statement[],
  translated: Map<string, Translated>,
  cache: Map<string, { duckdbS: number; postgresS: number }>,
): Promise<Timed[]> {
  const out: Timed[] = [];
  for (const s of statements) {
    const t = translated.get(key(s)) as Translated;
    let times = cache.get(key(s));
    if (!times) {
      times = {
        duckdbS: await statementTime(RUNS, () => store.connection.run(s.sql, s.params as never)),
        postgresS: await statementTime(RUNS, () => client.query(t.text, t.values)),
      };
      cache.set(key(s), times);
    }
    out.push({
      purpose: s.purpose,
      via: t.via,
      rows: t.rows,
      duckdbS: round(times.duckdbS, 6),
      postgresS: round(times.postgresS, 6),
      ratio: round(times.postgresS / times.duckdbS, 2),
    });
  }
  return out;
}

function totals(timed: Timed[]) {
  const duckdbS = timed.reduce((n, t) => n + t.duckdbS, 0);
  const postgresS = timed.reduce((n, t) => n + t.postgresS, 0);
  return {
    count: timed.length,
    duckdbS: round(duckdbS),
    postgresS: round(postgresS),
    postgresOverDuckdb: round(postgresS / duckdbS, 2),
  };
}

function printStatements(title: string, timed: Timed[]): void {
  console.log(`  ${title}`);
  for (const t of timed)
    console.log(
      `    ${t.purpose.padEnd(52)} DuckDB ${t.duckdbS.toFixed(4)} s  PostgreSQL ${t.postgresS.toFixed(4)} s  ${t.ratio.toFixed(1).padStart(6)}x${t.via === 'rewriter' ? '' : `  [${t.via}]`}`,
    );
}

async function postgresFigures(
  server: PgServer,
  store: FactsStore,
  dataDir: string,
  actual: Statement[],
  raw: Statement[],
  engineColdS: number,
  scale: number,
) {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const csvDir = join(dataDir, 'pg-export');
    mkdirSync(csvDir, { recursive: true });
    const load: PgLoad = await loadPostgres(store, server, client, csvDir);
    rmSync(csvDir, { recursive: true, force: true });
    const translated = await verify(store, client, [...actual, ...raw]);
    const cache = new Map<string, { duckdbS: number; postgresS: number }>();
    const a = await timeStatements(store, client, actual, translated, cache);
    const r = await timeStatements(store, client, raw, translated, cache);
    const inActual = new Set(actual.map(key));
    printStatements(`the scorecard's ${a.length} statements (reading the monthly aggregates):`, a);
    printStatements(
      'the raw statements they stand for (the scorecard without aggregates; the rest as above):',
      r.filter((_t, i) => !inActual.has(key(raw[i] as Statement))),
    );
    const ta = totals(a);
    const tr = totals(r);
    const target = `target ≥ ${TARGET.postgresOverDuckdb}x at scale ${TARGET.postgresAtScale}`;
    console.log(
      `  PostgreSQL ${load.rows.toLocaleString('en-GB')} rows (${(load.bytes / 1e6).toFixed(0)} MB) in ${load.tables} tables, ${load.indexes} indexes, ${load.aggregates} aggregates: copy ${fmt(load.copyS)}, indexes ${fmt(load.indexS)}, aggregates ${fmt(load.aggregatesS)}, analyze ${fmt(load.analyzeS)}; every translation checked against DuckDB's rows`,
    );
    console.log(
      `  scorecard's statements (${ta.count}): DuckDB ${fmt(ta.duckdbS)} vs PostgreSQL ${fmt(ta.postgresS)}: ${ta.postgresOverDuckdb.toFixed(1)}x (${target}${scale === TARGET.postgresAtScale ? (ta.postgresOverDuckdb >= TARGET.postgresOverDuckdb ? ': met' : ': NOT met') : ''})`,
    );
    console.log(
      `  raw statements (${tr.count}): DuckDB ${fmt(tr.duckdbS)} vs PostgreSQL ${fmt(tr.postgresS)}: ${tr.postgresOverDuckdb.toFixed(1)}x (${target}${scale === TARGET.postgresAtScale ? (tr.postgresOverDuckdb >= TARGET.postgresOverDuckdb ? ': met' : ': NOT met') : ''})`,
    );
    console.log(
      `  PostgreSQL's scorecard statements ${fmt(ta.postgresS)} vs the engine's whole cold scorecard ${fmt(engineColdS)}: ${(ta.postgresS / engineColdS).toFixed(1)}x`,
    );
    return {
      load: Object.fromEntries(Object.entries(load).map(([k, v]) => [k, round(v)])),
      postgresOverDuckdb: ta.postgresOverDuckdb,
      postgresOverDuckdbRaw: tr.postgresOverDuckdb,
      postgresOverEngine: round(ta.postgresS / engineColdS, 2),
      actual: { ...ta, statements: a },
      raw: { ...tr, statements: r },
    };
  } finally {
    await client.end();
  }
}

async function benchScale(scale: number, server: PgServer | null) {
  const dataDir = join(root, `scale-${scale}`);
  mkdirSync(dataDir, { recursive: true });
  const loadAverage = round(loadavg()[0] as number, 2);
  const setup = await openFactsStore(dataDir);
  // As `bluelamp demo` does: aggregates defined first, so each import maintains them.
  await prepareAggregates(setup);
  const t0 = process.hrtime.bigint();
  const loaded = await loadDemo(setup, { seed: 20210630, scale, dataDir });
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  const rows = loaded.results.reduce((n, r) => n + r.rows, 0);
  setup.close();
  const factsBytes = statSync(join(dataDir, FACTS_FILE)).size;
  const store = await openFactsStore(dataDir);
  try {
    // Cold: every query computed (cache off); warm: the same request again after a run has
    // filled the query cache (what the next page, report or LPA view costs until the next import).
    await evaluateScorecard(store, { period: PERIOD, cache: false }); // warm DuckDB's buffer pool
    const cold = await best(RUNS, () => evaluateScorecard(store, { period: PERIOD, cache: false }));
    const coldRaw = await best(RUNS, () =>
      evaluateScorecard(store, { period: PERIOD, cache: false, aggregates: false }),
    );
    await evaluateScorecard(store, { period: PERIOD });
    const warm = await best(RUNS, () => evaluateScorecard(store, { period: PERIOD }));
    const report = await best(1, async () => {
      const card = await evaluateScorecard(store, {
        period: PERIOD,
        tiers: ['gold', 'silver'],
        cache: false,
      });
      await buildReport({
        forceName: 'bench',
        period: parsePeriod(PERIOD),
        lpa: null,
        results: card.measures,
        commentary: {},
        generatedAt: '2021-07-05T09:00:00Z',
      });
    });
    const actual = await recordScorecard(store, PERIOD, true);
    const raw = await recordScorecard(store, PERIOD, false);
    const bare = await best(RUNS, async () => {
      for (const q of actual) await store.connection.run(q.sql, q.params as never);
    });
    const target = scale <= 1 ? TARGET.scorecardColdS[1] : TARGET.scorecardColdS[10];
    console.log(
      `scale ${scale}: ${rows.toLocaleString('en-GB')} rows generated and imported in ${fmt(loadS)} (generation ${fmt(loaded.generateSeconds)}); ${FACTS_FILE} ${(factsBytes / 1e6).toFixed(0)} MB (load average ${loadAverage} at the start)`,
    );
    console.log(
      `  gold scorecard cold ${fmt(cold)} (target < ${target} s), without aggregates ${fmt(coldRaw)} (${(coldRaw / cold).toFixed(1)}x), warm (query cache) ${fmt(warm)} | full report (gold + silver, cold) ${fmt(report)}`,
    );
    console.log(
      `  engine ${fmt(cold)} vs bare DuckDB of its own ${actual.length} statements ${fmt(bare)}: overhead ${(cold / bare).toFixed(2)}x (target < ${TARGET.engineOverBare}x)`,
    );
    const figures = {
      loadAverage,
      rows,
      loadS: round(loadS),
      generateS: round(loaded.generateSeconds),
      factsBytes,
      scorecardColdS: round(cold),
      scorecardColdTargetS: target,
      scorecardColdNoAggregatesS: round(coldRaw),
      scorecardWarmS: round(warm),
      reportColdS: round(report),
      statements: actual.length,
      rawStatements: raw.length,
      bareDuckdbS: round(bare),
      engineOverBare: round(cold / bare, 2),
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    if (!server) return figures;
    return {
      ...figures,
      ...(await postgresFigures(server, store, dataDir, actual, raw, cold, scale)),
    };
  } finally {
    store.close();
  }
}

rmSync(root, { recursive: true, force: true });
const pgServer = WITH_PG ? startPostgres(55432, PG_SETTINGS) : null;
const result: Record<string, unknown> = {};
try {
  for (const scale of SCALES) result[String(scale)] = await benchScale(scale, pgServer);
} finally {
  pgServer?.stop();
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
}
if (JSON_OUT)
  console.log(
    JSON.stringify({
      scale: result,
      targets: TARGET,
      runs: RUNS,
      postgresSettings: pgServer?.settings ?? null,
      cpus: cpus().length,
      loadAverage: loadavg().map((x) => round(x, 2)),
    }),
  );

/**
 * Scorecard benchmark: the full gold scorecard and the full report for the demo force at scale 1
 * and scale 10; the engine against the bare DuckDB time of its own SQL; and the engine's monthly
 * scans against the same SQL on a PostgreSQL server (a force warehouse's baseline).
 * Usage: npm run bench:scorecard [-- --scales 1,10] [--no-postgres]
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openFactsStore, type FactsStore } from '../../src/facts/store.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { evaluateScorecard } from '../../src/measures/engine.ts';
import { buildReport } from '../../src/report/assemble.ts';
import { parsePeriod } from '../../src/measures/period.ts';
import { TABLES } from '../../src/facts/tables.ts';
import { sqlType } from '../../src/facts/sql.ts';
import { startPostgres, type PgServer } from './postgres.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SCALES = (arg('scales') ?? '1,10').split(',').map(Number);
const WITH_PG = !process.argv.includes('--no-postgres');
const PERIOD = '2021/22-Q1';
const root = join(process.cwd(), 'bench', '.data', 'scorecard');

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

/** Records every statement the engine sends, so the same SQL can be timed bare. */
function recording(store: FactsStore): {
  store: FactsStore;
  queries: { sql: string; params: unknown }[];
} {
  const queries: { sql: string; params: unknown }[] = [];
  const wrapped: FactsStore = {
    ...store,
    all: async (sql, params) => {
      queries.push({ sql, params });
      return store.all(sql, params);
    },
  };
  return { store: wrapped, queries };
}

/** The monthly scans in PostgreSQL's dialect (the statements are otherwise standard SQL). */
function toPostgres(
  sql: string,
  params: Record<string, unknown>,
): { text: string; values: unknown[] } {
  const names = Object.keys(params).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  let text = sql
    .replace(/strftime\(([^,]+), '%Y-%m'\)/g, "to_char($1, 'YYYY-MM')")
    .replace('GROUP BY ALL', 'GROUP BY 1, 2');
  names.forEach((n, i) => (text = text.replaceAll(new RegExp(`\\$${n}\\b`, 'g'), `$${i + 1}`)));
  return { text, values: names.map((n) => params[n]) };
}

async function loadPostgres(server: PgServer, filesDir: string): Promise<void> {
  const tables = [
    'crimes',
    'outcomes',
    'crime_victims',
    'people',
    'survey_responses',
    'calls',
    'incidents',
    'referrals',
    'victims_code_audits',
    'cdi_audits',
    'casualties',
    'arrests',
  ] as const;
  for (const t of tables) {
    const cols = TABLES[t].columns
      .map((c) => `${c.name} ${sqlType(c).replace('DOUBLE', 'DOUBLE PRECISION')}`)
      .join(', ');
    server.psql(['-c', `DROP TABLE IF EXISTS ${t}; CREATE TABLE ${t} (${cols})`]);
    server.psql([
      '-c',
      `\\copy ${t} FROM '${join(filesDir, `${t}.csv`)}' WITH (FORMAT csv, HEADER true)`,
    ]);
  }
  server.psql([
    '-c',
    'CREATE INDEX ON outcomes (crime_id); CREATE INDEX ON crimes (crime_id); CREATE INDEX ON crime_victims (crime_id)',
  ]);
  server.psql(['-c', 'VACUUM ANALYZE']);
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
rmSync(root, { recursive: true, force: true });
const pgServer = WITH_PG ? startPostgres() : null;
try {
  for (const scale of SCALES) {
    const dataDir = join(root, `scale-${scale}`);
    mkdirSync(dataDir, { recursive: true });
    const setup = await openFactsStore(dataDir);
    const loaded = await loadDemo(setup, { seed: 20210630, scale, dataDir });
    const rows = loaded.results.reduce((n, r) => n + r.rows, 0);
    setup.close();
    const store = await openFactsStore(dataDir);
    // Cold: every query computed (cache off); warm: the same request again after a run has filled
    // the query cache (what the next page, report or LPA view costs until the next import).
    await evaluateScorecard(store, { period: PERIOD, cache: false }); // warm DuckDB's buffer pool
    const scorecard = await best(3, () =>
      evaluateScorecard(store, { period: PERIOD, cache: false }),
    );
    await evaluateScorecard(store, { period: PERIOD });
    const warm = await best(3, () => evaluateScorecard(store, { period: PERIOD }));
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
    const rec = recording(store);
    await evaluateScorecard(rec.store, { period: PERIOD, cache: false });
    const bare = await best(3, async () => {
      for (const q of rec.queries) await store.connection.run(q.sql, q.params as never);
    });
    const target = scale <= 1 ? 1 : 5;
    console.log(`scale ${scale}: ${rows.toLocaleString('en-GB')} rows loaded`);
    console.log(
      `  gold scorecard cold ${fmt(scorecard)}, warm (query cache) ${fmt(warm)} (target < ${target} s) | full report (gold + silver, cold) ${fmt(report)}`,
    );
    console.log(
      `  engine ${fmt(scorecard)} vs bare DuckDB of its own ${rec.queries.length} statements ${fmt(bare)}: overhead ${(scorecard / bare).toFixed(2)}x (target < 1.5x)`,
    );
    if (pgServer) {
      await loadPostgres(pgServer, loaded.filesDir);
      const client = new pg.Client({ connectionString: pgServer.url });
      await client.connect();
      const scans = rec.queries.filter((q) => q.sql.startsWith('SELECT strftime('));
      const duck = await best(3, async () => {
        for (const q of scans) await store.connection.run(q.sql, q.params as never);
      });
      const post = await best(3, async () => {
        for (const q of scans) {
          const { text, values } = toPostgres(q.sql, q.params as Record<string, unknown>);
          await client.query(text, values);
        }
      });
      await client.end();
      console.log(
        `  the ${scans.length} monthly scans: DuckDB ${fmt(duck)} vs PostgreSQL ${fmt(post)}: ${(post / duck).toFixed(1)}x faster (target ≥ 10x)`,
      );
    }
    store.close();
  }
} finally {
  pgServer?.stop();
  if (!process.argv.includes('--keep')) rmSync(root, { recursive: true, force: true });
}

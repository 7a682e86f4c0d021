/**
 * Import benchmark: rows per second importing a crimes file (CSV and Parquet) through the full
 * validating importer, against DuckDB's own bare read of the same file in the same run.
 * Then the same CSV into a store whose monthly aggregates are defined (so the import rebuilds the
 * ones that read crimes in its transaction) against one without, alternated: the aggregates'
 * share of an import.
 * Usage: npm run bench:import [-- --rows 5000000] [--json]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openFactsStore } from '../../src/facts/store.ts';
import { importTable } from '../../src/facts/import/import-table.ts';
import { prepareAggregates } from '../../src/measures/aggregates.ts';
import { OFFENCE_SUBGROUPS } from '../../src/facts/reference/offence-subgroups.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('rows', 5_000_000);
const dir = join(process.cwd(), 'bench', '.data');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const subgroups = OFFENCE_SUBGROUPS.map(
  (s) => `('${s.subgroup.replaceAll("'", "''")}', ${s.victimBased})`,
).join(', ');
// Instants turned into London wall time: a naive time in the spring-forward gap would be refused.
const generator = `
  WITH sg AS (SELECT row_number() OVER () - 1 AS k, s, vb FROM (VALUES ${subgroups}) v(s, vb))
  SELECT 'CR-' || lpad(i::VARCHAR, 9, '0') AS crime_id,
    strftime(timezone('Europe/London', TIMESTAMPTZ '2018-04-01 00:00:00+01' + to_seconds((i * 7919) % 126230400)), '%Y-%m-%dT%H:%M:%S') AS recorded_at,
    '8N' AS offence_code, 'Offence ' || (i % 50) AS offence_description, sg.s AS offence_subgroup,
    'LPA ' || (i % 5) AS lpa, 'N ' || (i % 40) AS neighbourhood, sg.vb AS victim_based,
    i % 5 = 0 AS domestic_abuse, i % 97 = 0 AS hate, false AS cse, i % 7 = 0 AS vulnerable_adult,
    i % 6 = 0 AS child_at_risk, i % 15 = 0 AS cyber_enabled, i % 14 = 0 AS alcohol_related,
    false AS non_recent, false AS course_of_conduct, i % 50 = 0 AS crimed_incident
  FROM range(${ROWS}) t(i) JOIN sg ON sg.k = i % ${OFFENCE_SUBGROUPS.length}`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await work();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

const setup = await openFactsStore(':memory:');
const csv = join(dir, 'crimes.csv');
const parquet = join(dir, 'crimes.parquet');
await setup.run(`COPY (${generator}) TO $out (FORMAT csv, HEADER true)`, { out: csv });
await setup.run(`COPY (${generator}) TO $out (FORMAT parquet)`, { out: parquet });
setup.close();

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
console.log(
  `crimes: ${fmt(ROWS)} rows; CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB, Parquet ${(statSync(parquet).size / 1e6).toFixed(0)} MB`,
);

const figures: Record<string, number> = { rows: ROWS };
for (const [label, file, bare] of [
  ['CSV', csv, 'read_csv($path)'],
  ['Parquet', parquet, 'read_parquet($path)'],
] as const) {
  const dbDir = join(dir, `db-${label}`);
  const store = await openFactsStore(dbDir);
  const [, bareSeconds] = await timed(() =>
    store.run(`CREATE TABLE bare AS SELECT * FROM ${bare}`, { path: file }),
  );
  await store.run('DROP TABLE bare');
  const [result, ourSeconds] = await timed(() => importTable(store, 'crimes', [file]));
  store.close();
  const rate = result.rows / ourSeconds;
  figures[`${label.toLowerCase()}BareS`] = bareSeconds;
  figures[`${label.toLowerCase()}ImportS`] = ourSeconds;
  figures[`${label.toLowerCase()}RowsPerS`] = rate;
  figures[`${label.toLowerCase()}OverBare`] = ourSeconds / bareSeconds;
  console.log(
    `${label.padEnd(8)} bare DuckDB ${bareSeconds.toFixed(2)} s (${fmt(ROWS / bareSeconds)} rows/s) | ` +
      `bluelamp import with validation ${ourSeconds.toFixed(2)} s (${fmt(rate)} rows/s) | overhead ${(ourSeconds / bareSeconds).toFixed(2)}x`,
  );
}
// The aggregates' cost: the CSV into a store with the aggregates defined and into one without,
// alternated twice so a drift in the machine's load falls on both; medians of each.
const plain: number[] = [];
const withAggregates: number[] = [];
for (let run = 0; run < 2; run++)
  for (const aggregates of [false, true]) {
    const dbDir = join(dir, `db-agg-${run}-${aggregates}`);
    const store = await openFactsStore(dbDir);
    if (aggregates) await prepareAggregates(store);
    const [, s] = await timed(() => importTable(store, 'crimes', [csv]));
    store.close();
    rmSync(dbDir, { recursive: true, force: true });
    (aggregates ? withAggregates : plain).push(s);
  }
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const share = mid(withAggregates) / mid(plain) - 1;
figures.importWithoutAggregatesS = mid(plain);
figures.importWithAggregatesS = mid(withAggregates);
figures.aggregatesShareOfImport = share;
console.log(
  `aggregates: CSV import ${mid(plain).toFixed(2)} s without, ${mid(withAggregates).toFixed(2)} s maintaining the monthly aggregates: +${(share * 100).toFixed(1)}% (target ≤ 15%)`,
);
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });

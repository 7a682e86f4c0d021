/**
 * Import benchmark: rows per second importing a crimes file (CSV and Parquet) through the full
 * validating importer, against DuckDB's own bare read of the same file in the same run.
 * Then the same CSV into a store whose monthly aggregates are defined (so the import rebuilds the
 * ones that read crimes in its transaction) against one without, alternated: the aggregates'
 * share of an import. Then the import that recurs, a month's file (a 48th of the rows, the month
 * after the history) added to a store holding the history, with and without aggregates: the
 * aggregates rebuild only the months that month's rows reach (src/facts/aggregates.ts, `Reach`).
 * Usage: npm run bench:import [-- --rows 5000000] [--json]
 */
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs';
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
const generatorOf = (rows: number, prefix: string, start: string, seconds: number) => `
  WITH sg AS (SELECT row_number() OVER () - 1 AS k, s, vb FROM (VALUES ${subgroups}) v(s, vb))
  SELECT '${prefix}-' || lpad(i::VARCHAR, 9, '0') AS crime_id,
    strftime(timezone('Europe/London', TIMESTAMPTZ '${start}' + to_seconds((i * 7919) % ${seconds})), '%Y-%m-%dT%H:%M:%S') AS recorded_at,
    '8N' AS offence_code, 'Offence ' || (i % 50) AS offence_description, sg.s AS offence_subgroup,
    'LPA ' || (i % 5) AS lpa, 'N ' || (i % 40) AS neighbourhood, sg.vb AS victim_based,
    i % 5 = 0 AS domestic_abuse, i % 97 = 0 AS hate, false AS cse, i % 7 = 0 AS vulnerable_adult,
    i % 6 = 0 AS child_at_risk, i % 15 = 0 AS cyber_enabled, i % 14 = 0 AS alcohol_related,
    false AS non_recent, false AS course_of_conduct, i % 50 = 0 AS crimed_incident
  FROM range(${rows}) t(i) JOIN sg ON sg.k = i % ${OFFENCE_SUBGROUPS.length}`;
// Four years from April 2018; the month after them (April 2022, 30 days) for the monthly import.
const generator = generatorOf(ROWS, 'CR', '2018-04-01 00:00:00+01', 126230400);
const MONTH_ROWS = Math.round(ROWS / 48);
const monthGenerator = generatorOf(MONTH_ROWS, 'CM', '2022-04-01 00:00:00+01', 30 * 86400);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await work();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
}

const setup = await openFactsStore(':memory:');
const csv = join(dir, 'crimes.csv');
const parquet = join(dir, 'crimes.parquet');
const monthCsv = join(dir, 'crimes-2022-04.csv');
await setup.run(`COPY (${generator}) TO $out (FORMAT csv, HEADER true)`, { out: csv });
await setup.run(`COPY (${monthGenerator}) TO $out (FORMAT csv, HEADER true)`, { out: monthCsv });
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
  `aggregates, the first import (${fmt(ROWS)} rows): ${mid(plain).toFixed(2)} s without, ${mid(withAggregates).toFixed(2)} s maintaining the monthly aggregates: +${(share * 100).toFixed(1)}%`,
);
// The monthly import: the month's file as a new batch into a copy of a store holding the history
// (one with the aggregates maintained, one without), alternated twice; medians.
const bases: Record<string, string> = {};
for (const aggregates of [false, true]) {
  const base = join(dir, `db-history-${aggregates}`);
  const store = await openFactsStore(base);
  if (aggregates) await prepareAggregates(store);
  await importTable(store, 'crimes', [csv]);
  store.close();
  bases[String(aggregates)] = base;
}
const monthPlain: number[] = [];
const monthWith: number[] = [];
for (let run = 0; run < 2; run++)
  for (const aggregates of [false, true]) {
    const work = join(dir, `db-month-${run}-${aggregates}`);
    cpSync(bases[String(aggregates)] as string, work, { recursive: true });
    const store = await openFactsStore(work);
    const [, s] = await timed(() => importTable(store, 'crimes', [monthCsv]));
    store.close();
    rmSync(work, { recursive: true, force: true });
    (aggregates ? monthWith : monthPlain).push(s);
  }
const monthShare = mid(monthWith) / mid(monthPlain) - 1;
figures.monthRows = MONTH_ROWS;
figures.monthImportWithoutAggregatesS = mid(monthPlain);
figures.monthImportWithAggregatesS = mid(monthWith);
figures.aggregatesShareOfMonthImport = monthShare;
console.log(
  `aggregates, a month's import (${fmt(MONTH_ROWS)} rows after ${fmt(ROWS)}): ${mid(monthPlain).toFixed(2)} s without, ${mid(monthWith).toFixed(2)} s maintaining them: +${(monthShare * 100).toFixed(1)}% (target ≤ 15%)`,
);
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
